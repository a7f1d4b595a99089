mod accounts;
mod discovery;
mod errors;
mod mentorships;
mod notifications;
mod operations;
mod profiles;
mod sessions;
