//! Live chat: rules for who may write to whom, the local connection hub,
//! events that cross instances, and the WebSocket endpoint.

pub mod events;
pub mod hub;
pub mod limiter;
pub mod rules;
pub mod ws;

pub use hub::ChatHub;
