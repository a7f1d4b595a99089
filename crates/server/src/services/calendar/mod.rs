//! Calendars: the iCalendar writer and the private per-person feed
//! (export), and the calendars people connect as busy time (import).

pub mod feed;
pub mod ics;
pub mod import;
