//! The Mentorhub server: JSON API, pages, operations endpoints.

pub mod accounts;
pub mod api;
pub mod app;
pub mod auth;
pub mod cli;
pub mod config;
pub mod error;
pub mod extract;
pub mod metrics;
pub mod pages;
pub mod state;
pub mod timefmt;

pub use app::{router, Application};
pub use config::Config;
pub use state::AppState;
