//! Connected calendars.

use chrono::{DateTime, Utc};
use mentorhub_store::ExternalCalendarRecord;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::services::calendar::import::masked;

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ExternalCalendar {
    pub id: Uuid,
    pub name: String,
    /// The address with its secret parts hidden.
    pub url: String,
    pub last_synced_at: Option<DateTime<Utc>>,
    /// Why the last read failed, if it did.
    pub last_error: Option<String>,
    /// Busy intervals kept from it (the next 90 days).
    pub busy_count: i32,
}

impl From<ExternalCalendarRecord> for ExternalCalendar {
    fn from(c: ExternalCalendarRecord) -> Self {
        Self {
            id: c.id,
            url: masked(&c.url),
            name: c.name,
            last_synced_at: c.last_synced_at,
            last_error: c.last_error,
            busy_count: c.busy_count,
        }
    }
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ConnectBody {
    /// The calendar's secret ICS address (https://, http:// or webcal://).
    pub url: Option<String>,
    /// A name to show; the address's host by default.
    pub name: Option<String>,
}
