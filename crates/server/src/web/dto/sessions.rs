//! Sessions, the bodies that book and change them, and calendar links.

use chrono::{DateTime, Utc};
use mentorhub_domain::session::SessionStatus;
use mentorhub_store::SessionRecord;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::people::PersonRef;

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub id: Uuid,
    pub mentorship_id: Option<Uuid>,
    pub scheduled_at: DateTime<Utc>,
    /// Minutes.
    pub duration: i32,
    pub topic: String,
    pub notes: Option<String>,
    #[schema(value_type = String, example = "scheduled")]
    pub status: SessionStatus,
    pub meeting_url: String,
    pub cancel_reason: Option<String>,
    /// The mentee's rating, once given.
    pub rating: Option<i32>,
    pub mentor: PersonRef,
    pub mentee: PersonRef,
    /// What either person wants to cover (set before the start).
    pub agenda: Option<String>,
    /// A recording's address (set once the session started).
    pub recording_url: Option<String>,
    /// The caller's own private note; nobody else sees it.
    pub private_note: Option<String>,
    /// Who did not come ("mentor" or "mentee"), once the other recorded it.
    #[schema(value_type = Option<String>, example = "mentee")]
    pub no_show: Option<mentorhub_domain::mentorship::Side>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<SessionRecord> for Session {
    fn from(s: SessionRecord) -> Self {
        Self {
            id: s.id,
            mentorship_id: s.mentorship_id,
            scheduled_at: s.scheduled_at,
            duration: s.duration,
            topic: s.topic,
            notes: s.notes,
            status: s.status,
            meeting_url: s.meeting_url,
            cancel_reason: s.cancel_reason,
            rating: s.rating,
            mentor: PersonRef::new(s.mentor_id, s.mentor_name, s.mentor_headline),
            mentee: PersonRef::new(s.mentee_id, s.mentee_name, s.mentee_headline),
            agenda: s.agenda,
            recording_url: s.recording_url,
            private_note: None,
            no_show: s.no_show,
            created_at: s.created_at,
            updated_at: s.updated_at,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
pub struct SessionListParams {
    /// upcoming (default), past or all.
    pub scope: Option<String>,
    pub mentorship_id: Option<String>,
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct BookBody {
    pub mentorship_id: Option<String>,
    /// RFC 3339 instant, e.g. 2026-11-22T15:00:00Z.
    pub scheduled_at: Option<String>,
    /// Minutes, 15..240.
    pub duration: Option<i64>,
    pub topic: Option<String>,
    pub notes: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ReasonBody {
    pub reason: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct RescheduleBody {
    pub scheduled_at: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct NotesBody {
    pub notes: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct FeedbackBody {
    /// 1..5.
    pub rating: Option<i64>,
    pub comment: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarUrl {
    /// The private feed; anyone with it can read your sessions.
    pub url: String,
}
