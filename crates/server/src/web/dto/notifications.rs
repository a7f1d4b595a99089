//! In-app notifications.

use chrono::{DateTime, Utc};
use mentorhub_store::NotificationRecord;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Notification {
    pub id: Uuid,
    /// e.g. mentorship_requested, mentorship_accepted.
    pub kind: String,
    pub title: String,
    pub body: String,
    /// Where to go to see what happened.
    pub link: Option<String>,
    pub read: bool,
    pub created_at: DateTime<Utc>,
}

impl From<NotificationRecord> for Notification {
    fn from(n: NotificationRecord) -> Self {
        Self {
            id: n.id,
            kind: n.kind,
            title: n.title,
            body: n.body,
            link: n.link,
            read: n.read_at.is_some(),
            created_at: n.created_at,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct NotificationListParams {
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UnreadCount {
    pub count: i64,
}
