//! Calendars: the iCalendar writer and the private per-person feed.

pub mod feed;
pub mod ics;
