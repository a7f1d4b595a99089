//! A mentor's weekly hours, overrides and booking limits, and free slots.

use chrono::{DateTime, Utc};
use mentorhub_domain::availability::Availability;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Deserialize, Serialize, ToSchema, Clone)]
pub struct WeeklyWindowDto {
    /// 1 = Monday ... 7 = Sunday.
    pub weekday: i64,
    #[schema(example = "09:00")]
    pub start: String,
    #[schema(example = "17:00")]
    pub end: String,
}

#[derive(Debug, Deserialize, Serialize, ToSchema, Clone)]
pub struct OverrideDto {
    #[schema(example = "2026-12-24")]
    pub date: String,
    /// null with `end` null: unavailable that day.
    pub start: Option<String>,
    pub end: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct AvailabilityBody {
    pub timezone: Option<String>,
    pub weekly: Vec<WeeklyWindowDto>,
    pub overrides: Vec<OverrideDto>,
    /// Default 120.
    pub min_notice_minutes: Option<i64>,
    /// Default 60.
    pub horizon_days: Option<i64>,
    /// Default 0.
    pub buffer_minutes: Option<i64>,
    /// A personal meeting link used for every session instead of a generated one; "" removes it.
    pub meeting_url: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AvailabilityDto {
    pub timezone: String,
    pub weekly: Vec<WeeklyWindowDto>,
    pub overrides: Vec<OverrideDto>,
    pub min_notice_minutes: i64,
    pub horizon_days: i64,
    pub buffer_minutes: i64,
    pub meeting_url: Option<String>,
}

pub fn to_dto(a: &Availability, meeting_url: Option<String>) -> AvailabilityDto {
    AvailabilityDto {
        timezone: a.timezone.clone(),
        weekly: a
            .weekly
            .iter()
            .map(|w| WeeklyWindowDto {
                weekday: w.weekday.into(),
                start: w.window.start.format("%H:%M").to_string(),
                end: w.window.end.format("%H:%M").to_string(),
            })
            .collect(),
        overrides: a
            .overrides
            .iter()
            .map(|o| OverrideDto {
                date: o.date.to_string(),
                start: o.window.map(|w| w.start.format("%H:%M").to_string()),
                end: o.window.map(|w| w.end.format("%H:%M").to_string()),
            })
            .collect(),
        min_notice_minutes: a.min_notice_minutes,
        horizon_days: a.horizon_days,
        buffer_minutes: a.buffer_minutes,
        meeting_url,
    }
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct SlotParams {
    /// First date (mentor's zone), YYYY-MM-DD.
    pub from: Option<String>,
    /// Last date, inclusive.
    pub to: Option<String>,
    /// Minutes, 15..240 (default 60).
    pub duration: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Slot {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// It overlaps the caller's own connected calendars.
    pub conflict: bool,
}
