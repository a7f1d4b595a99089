//! What a security and reliability review found, kept closed: hostile input,
//! abuse of batch and volume, sign-in lockout, unlimited writes, weak
//! passwords, far-future dates, clients that hang up mid-request, statements
//! dropped or broken on their connection.

mod dates;
mod disconnect;
mod event_batches;
mod hostile_input;
mod idle_connections;
mod sign_in;
mod socket_frames;
mod statement_connections;
mod volume;
