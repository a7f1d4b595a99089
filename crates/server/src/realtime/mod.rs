//! Live delivery: this process's WebSocket connections (the hub), events
//! that cross instances, the frames a socket carries, and the WebSocket
//! endpoint (`ws.rs`, the one file here that is an HTTP handler; the app
//! mounts it beside the web routes).

pub mod events;
pub mod frames;
pub mod hub;
pub mod publisher;
pub mod ws;

pub use hub::ChatHub;
