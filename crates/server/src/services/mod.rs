//! The rules of each capability, shared by the JSON API, the pages and
//! tRPC. Nothing here knows about HTTP.

pub mod accounts;
pub mod calendar;
pub mod chat;
pub mod discovery;
pub mod mentorships;
pub mod mini;
pub mod notifications;
pub mod sessions;
