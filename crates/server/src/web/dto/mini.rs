//! Mini mentorship requests and sessions (REST and tRPC share them).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use mentorhub_store::{BoardCursor, SessionRecord};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::people::PersonRef;
use crate::services::mini::{MiniView, NewRequest};
use crate::web::error::Error;
use crate::web::pagination::MAX_LIMIT;

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
    /// 1..100.
    pub limit: Option<i64>,
    /// `nextCursor` of the page before.
    pub cursor: Option<String>,
}

/// Where a board page starts and how long it is; `default_limit` when the
/// caller gives none.
pub fn board_page(
    limit: Option<i64>,
    cursor: Option<&str>,
    default_limit: i64,
) -> Result<(Option<BoardCursor>, i64), Error> {
    let limit = limit.unwrap_or(default_limit);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(Error::field(
            "limit",
            format!("limit must be between 1 and {MAX_LIMIT}."),
        ));
    }
    let after = match cursor.filter(|c| !c.is_empty()) {
        None => None,
        Some(text) => Some(
            decode_board_cursor(text).ok_or_else(|| Error::field("cursor", "The cursor is not one we gave out."))?,
        ),
    };
    Ok((after, limit))
}

pub fn encode_board_cursor(c: &BoardCursor) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}|{}|{}", c.urgency_rank, c.created_at.to_rfc3339(), c.id))
}

fn decode_board_cursor(text: &str) -> Option<BoardCursor> {
    let raw = String::from_utf8(URL_SAFE_NO_PAD.decode(text).ok()?).ok()?;
    let mut parts = raw.split('|');
    let urgency_rank = parts.next()?.parse().ok().filter(|r| (0..=2).contains(r))?;
    let created_at = DateTime::parse_from_rfc3339(parts.next()?).ok()?.with_timezone(&Utc);
    let id = Uuid::parse_str(parts.next()?).ok()?;
    parts.next().is_none().then_some(BoardCursor {
        urgency_rank,
        created_at,
        id,
    })
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
