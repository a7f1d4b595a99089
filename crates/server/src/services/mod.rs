//! The rules of each capability, shared by the JSON API, the pages and
//! tRPC. Nothing here knows about HTTP.

pub mod accounts;
pub mod availability;
pub mod batch_queue;
pub mod calendar;
pub mod chat;
pub mod conflict;
pub mod dashboard;
pub mod did_you_mean;
pub mod discovery;
pub mod error;
pub mod groups;
pub mod limits;
pub mod mail;
pub mod mentorships;
pub mod mini;
pub mod notifications;
pub mod photos;
pub mod preferences;
pub mod progress;
pub mod queue;
pub mod rate_limit;
pub mod session_notes;
pub mod sessions;
pub mod trust;
pub mod vocabulary;

pub use error::{Error, Result};
