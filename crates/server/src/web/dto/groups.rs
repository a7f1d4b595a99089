//! Group sessions and the bodies that host, join and rate them.

use chrono::{DateTime, Utc};
use mentorhub_store::{GroupRecord, SeatRecord};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::people::PersonRef;

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GroupSession {
    pub id: Uuid,
    pub host: PersonRef,
    pub title: String,
    pub description: String,
    pub scheduled_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// Minutes.
    pub duration: i32,
    pub capacity: i32,
    pub seats_taken: i32,
    pub waitlist_count: i64,
    /// everyone or my_mentees.
    #[schema(example = "everyone")]
    pub audience: String,
    /// scheduled, completed or cancelled.
    #[schema(example = "scheduled")]
    pub status: String,
    pub cancel_reason: Option<String>,
    /// For the host and attendees only.
    pub meeting_url: Option<String>,
    /// host, attending, waitlisted or none.
    #[schema(example = "attending")]
    pub my_status: String,
    /// The caller's rating, once given.
    pub my_rating: Option<i32>,
    pub created_at: DateTime<Utc>,
}

impl GroupSession {
    pub fn of(g: GroupRecord, viewer: Uuid) -> Self {
        let mine = g.status_of(viewer);
        Self {
            id: g.id,
            host: PersonRef::new(g.host_id, g.host_name, g.host_headline),
            title: g.title,
            description: g.description,
            scheduled_at: g.scheduled_at,
            ends_at: g.ends_at,
            duration: g.duration,
            capacity: g.capacity,
            seats_taken: g.seats_taken,
            waitlist_count: g.waitlist_count,
            audience: g.audience.as_str().to_owned(),
            status: g.status.as_str().to_owned(),
            cancel_reason: g.cancel_reason,
            meeting_url: mine.is_inside().then_some(g.meeting_url),
            my_status: mine.as_str().to_owned(),
            my_rating: g.my_rating,
            created_at: g.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Attendee {
    pub person: PersonRef,
    pub joined_at: DateTime<Utc>,
}

/// Who has a seat and who waits, each in the order they joined.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Attendees {
    pub attending: Vec<Attendee>,
    pub waitlist: Vec<Attendee>,
}

impl From<Vec<SeatRecord>> for Attendees {
    fn from(seats: Vec<SeatRecord>) -> Self {
        let (attending, waitlist): (Vec<_>, Vec<_>) = seats
            .into_iter()
            .partition(|s| s.status == mentorhub_domain::group::SeatStatus::Attending);
        let map = |s: SeatRecord| Attendee {
            person: PersonRef::new(s.user_id, s.name, s.headline),
            joined_at: s.joined_at,
        };
        Self {
            attending: attending.into_iter().map(map).collect(),
            waitlist: waitlist.into_iter().map(map).collect(),
        }
    }
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct CreateGroupBody {
    /// 5..120 characters.
    pub title: Option<String>,
    /// At most 4000 characters.
    pub description: Option<String>,
    /// RFC 3339 instant in the future.
    pub scheduled_at: Option<String>,
    /// Minutes, 15..240.
    pub duration: Option<i64>,
    /// Seats, 2..200.
    pub capacity: Option<i64>,
    /// everyone (default) or my_mentees.
    pub audience: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
pub struct GroupListParams {
    /// upcoming (default) or past.
    pub scope: Option<String>,
    pub host_id: Option<String>,
    /// Words in the title or description.
    pub q: Option<String>,
    /// A day (YYYY-MM-DD) in the caller's time zone.
    pub date: Option<String>,
    /// true: only sessions the caller hosts or has a place in.
    pub joined: Option<bool>,
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GroupChat {
    /// Use with /api/chat/{id}/messages, POST /api/chat and the WebSocket.
    pub conversation_id: Uuid,
}
