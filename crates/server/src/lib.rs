//! The Mentorhub server: JSON API, pages, operations endpoints.

pub mod accounts;
pub mod api;
pub mod app;
pub mod auth;
pub mod calendar;
pub mod chat;
pub mod cli;
pub mod config;
pub mod discovery;
pub mod error;
pub mod extract;
pub mod jobs;
pub mod mentorships;
pub mod metrics;
pub mod mini;
pub mod notify;
pub mod pages;
pub mod pagination;
pub mod sessions;
pub mod state;
pub mod timefmt;
pub mod trpc;

pub use app::{router, Application};
pub use config::Config;
pub use state::AppState;
