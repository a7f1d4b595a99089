//! The contract's JSON shapes (camelCase): responses built from store
//! records and request bodies as they arrive. Shared by the JSON API,
//! tRPC, the OpenAPI document and WebSocket frames.

pub mod accounts;
pub mod availability;
pub mod calendars;
pub mod chat;
pub mod dashboard;
pub mod errors;
pub mod groups;
pub mod mentors;
pub mod mentorships;
pub mod mini;
pub mod notifications;
pub mod people;
pub mod preferences;
pub mod programs;
pub mod progress;
pub mod sessions;
pub mod trust;
