//! Live delivery: this process's WebSocket connections (the hub), events
//! that cross instances, and the WebSocket endpoint.

pub mod events;
pub mod hub;
pub mod ws;

pub use hub::ChatHub;
