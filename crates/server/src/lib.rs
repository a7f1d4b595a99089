//! The Mentorhub server. Layers, each depending only on those below it:
//!
//! - `web`: HTTP adapters (JSON API, pages, tRPC) over the services;
//! - `realtime`: WebSocket connections and events that cross instances;
//! - `jobs`: background work;
//! - `services`: the rules of each capability, without HTTP types;
//! - then `mentorhub_store` (SQL) and `mentorhub_domain` (pure rules).

pub mod app;
pub mod cli;
pub mod config;
pub mod fixtures;
pub mod jobs;
pub mod realtime;
pub mod services;
pub mod state;
pub mod web;

pub use app::{router, Application};
pub use config::Config;
pub use state::AppState;
