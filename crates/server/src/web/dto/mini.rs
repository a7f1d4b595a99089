//! Mini mentorship requests and sessions (REST and tRPC share them).

use chrono::{DateTime, Utc};
use mentorhub_store::SessionRecord;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::people::PersonRef;
use crate::services::mini::{MiniView, NewRequest};

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MiniSession {
    pub id: Uuid,
    pub request_id: Option<Uuid>,
    pub mentor: PersonRef,
    pub mentee: PersonRef,
    pub scheduled_at: DateTime<Utc>,
    pub duration: i32,
    pub meeting_url: String,
    #[schema(example = "scheduled")]
    pub status: String,
    pub notes: Option<String>,
}

impl From<SessionRecord> for MiniSession {
    fn from(s: SessionRecord) -> Self {
        Self {
            id: s.id,
            request_id: s.mini_request_id,
            mentor: PersonRef::new(s.mentor_id, s.mentor_name, s.mentor_headline),
            mentee: PersonRef::new(s.mentee_id, s.mentee_name, s.mentee_headline),
            scheduled_at: s.scheduled_at,
            duration: s.duration,
            meeting_url: s.meeting_url,
            status: s.status.as_str().to_owned(),
            notes: s.notes,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MiniRequest {
    pub id: Uuid,
    pub mentee: PersonRef,
    pub title: String,
    #[schema(example = "interview_prep")]
    pub session_type: String,
    pub description: String,
    pub duration: i32,
    #[schema(example = "medium")]
    pub urgency: String,
    pub preferred_dates: Vec<DateTime<Utc>>,
    #[schema(example = "open")]
    pub status: String,
    pub claimed_by: Option<PersonRef>,
    pub claimed_at: Option<DateTime<Utc>>,
    pub expires_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub outcome: Option<String>,
    pub session: Option<MiniSession>,
}

impl From<MiniView> for MiniRequest {
    fn from(v: MiniView) -> Self {
        let r = v.request;
        Self {
            id: r.id,
            mentee: PersonRef::new(r.mentee_id, r.mentee_name, r.mentee_headline),
            title: r.title,
            session_type: r.session_type.as_str().to_owned(),
            description: r.description,
            duration: r.duration,
            urgency: r.urgency.as_str().to_owned(),
            preferred_dates: r.preferred_dates,
            status: v.status.as_str().to_owned(),
            claimed_by: r.claimed_by.map(|id| PersonRef {
                id,
                name: r.claimer_name.unwrap_or_default(),
                headline: r.claimer_headline,
            }),
            claimed_at: r.claimed_at,
            expires_at: r.expires_at,
            created_at: r.created_at,
            outcome: r.outcome,
            session: v.session.map(MiniSession::from),
        }
    }
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct CreateBody {
    pub title: Option<String>,
    /// interview_prep, resume_review, career_advice, technical_help, portfolio_review, mock_interview, other
    pub session_type: Option<String>,
    pub description: Option<String>,
    /// 15, 30, 45 or 60.
    pub duration: Option<i64>,
    /// low, medium or high.
    pub urgency: Option<String>,
    /// 1..5 future instants (RFC 3339).
    pub preferred_dates: Vec<String>,
}

pub fn new_request(b: &CreateBody) -> NewRequest<'_> {
    NewRequest {
        title: b.title.as_deref(),
        session_type: b.session_type.as_deref(),
        description: b.description.as_deref(),
        duration: b.duration,
        urgency: b.urgency.as_deref(),
        preferred_dates: &b.preferred_dates,
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
pub struct BoardParams {
    pub session_type: Option<String>,
    pub urgency: Option<String>,
    pub max_duration: Option<i64>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct ScheduleBody {
    /// One of the request's preferred dates.
    pub scheduled_at: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct CompleteBody {
    pub notes: Option<String>,
    pub outcome: Option<String>,
}
