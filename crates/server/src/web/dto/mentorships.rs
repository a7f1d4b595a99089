//! Mentorships and the bodies that ask for and answer them.

use chrono::{DateTime, Utc};
use mentorhub_domain::MentorshipStatus;
use mentorhub_store::MentorshipRecord;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::people::PersonRef;

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Mentorship {
    pub id: Uuid,
    pub mentor_id: Uuid,
    pub mentee_id: Uuid,
    #[schema(value_type = String, example = "pending")]
    pub status: MentorshipStatus,
    pub message: String,
    pub reject_reason: Option<String>,
    pub start_date: Option<DateTime<Utc>>,
    pub end_date: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub mentor: PersonRef,
    pub mentee: PersonRef,
}

impl From<MentorshipRecord> for Mentorship {
    fn from(r: MentorshipRecord) -> Self {
        Self {
            id: r.id,
            mentor_id: r.mentor_id,
            mentee_id: r.mentee_id,
            status: r.status,
            message: r.message,
            reject_reason: r.reject_reason,
            start_date: r.start_date,
            end_date: r.end_date,
            created_at: r.created_at,
            updated_at: r.updated_at,
            mentor: PersonRef::new(r.mentor_id, r.mentor_name, r.mentor_headline),
            mentee: PersonRef::new(r.mentee_id, r.mentee_name, r.mentee_headline),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct MentorshipListParams {
    /// mentee or mentor: only mentorships where the caller has that side.
    #[serde(rename = "as")]
    pub side: Option<String>,
    pub status: Option<String>,
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct RequestBody {
    pub mentor_id: Option<String>,
    /// What you hope to get from the mentorship (1..2000 characters).
    pub message: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct RejectBody {
    pub reason: Option<String>,
}
