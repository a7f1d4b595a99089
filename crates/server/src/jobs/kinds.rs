//! The kinds of job and what each is called in the `jobs` table.

use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Marks mini requests whose time ran out (every minute).
    MiniExpiry,
    /// Drops expired tokens, rate-limit counters and old finished jobs (hourly).
    Cleanup,
    /// Writes one in-app notification (payload: `services::notifications::Payload`).
    Notify,
    /// Sends one email (payload: `services::mail::compose::MailJob`).
    Email,
    /// Tells everyone in a group session of a reminder or a cancellation
    /// (payload: `services::groups::notices::Notice`).
    GroupNotice,
    /// Reads connected calendars not read for `MENTORHUB_CALENDAR_SYNC` (every minute).
    CalendarSync,
    /// Reminds mentors of waiting requests, expires stale ones, pauses
    /// mentors who let them expire, refreshes responsiveness (every minute).
    RequestSweep,
}

impl Kind {
    pub const PERIODIC: [Kind; 4] = [Kind::MiniExpiry, Kind::Cleanup, Kind::CalendarSync, Kind::RequestSweep];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::MiniExpiry => "mini_expiry",
            Kind::Cleanup => "cleanup",
            Kind::Notify => "notify",
            Kind::Email => "email",
            Kind::GroupNotice => "group_notice",
            Kind::CalendarSync => "calendar_sync",
            Kind::RequestSweep => "request_sweep",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            Kind::MiniExpiry,
            Kind::Cleanup,
            Kind::Notify,
            Kind::Email,
            Kind::GroupNotice,
            Kind::CalendarSync,
            Kind::RequestSweep,
        ]
        .into_iter()
        .find(|k| k.as_str() == text)
    }

    /// How often a periodic kind runs; `None` for jobs made by events.
    pub fn period(self) -> Option<Duration> {
        match self {
            Kind::MiniExpiry | Kind::CalendarSync | Kind::RequestSweep => Some(Duration::from_secs(60)),
            Kind::Cleanup => Some(Duration::from_secs(3600)),
            Kind::Notify | Kind::Email | Kind::GroupNotice => None,
        }
    }
}
