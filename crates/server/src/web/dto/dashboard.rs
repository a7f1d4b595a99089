//! The dashboard's key numbers.

use serde::Serialize;
use utoipa::ToSchema;

use super::sessions::Session;

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    /// Accepted mentorships where the caller is the mentee.
    pub active_mentors: i64,
    /// Accepted mentorships where the caller is the mentor.
    pub active_mentees: i64,
    /// Pending requests the caller takes part in (incoming + outgoing).
    pub pending_requests: i64,
    /// Pending requests waiting for the caller's answer (as mentor).
    pub incoming_requests: i64,
    /// The caller's own requests waiting for a mentor.
    pub outgoing_requests: i64,
    pub upcoming_sessions: i64,
    /// Hours of completed sessions.
    pub total_hours: f64,
    pub next_session: Option<Session>,
}
