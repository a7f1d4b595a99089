//! Rules of a mentoring session: what may be booked and what may happen
//! to a booking.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::clock::Horizon;
use crate::validation::{bounded_text, FieldErrors};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SessionStatus {
    Scheduled,
    Completed,
    Cancelled,
}

impl SessionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Scheduled => "scheduled",
            Self::Completed => "completed",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::Scheduled, Self::Completed, Self::Cancelled]
            .into_iter()
            .find(|s| s.as_str() == value)
    }
}

pub const MIN_DURATION: i64 = 15;
pub const MAX_DURATION: i64 = 240;

/// A booking request whose fields are all checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Booking {
    pub scheduled_at: DateTime<Utc>,
    pub duration: i64,
    pub topic: String,
    pub notes: Option<String>,
}

/// A start in the future and no later than `latest` (the booking horizon).
pub fn parse_start(value: Option<&str>, horizon: Horizon) -> Result<DateTime<Utc>, String> {
    let value = value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .ok_or("Choose a start time.")?;
    let start = DateTime::parse_from_rfc3339(value)
        .map_err(|_| format!("\"{value}\" is not an instant like 2026-11-22T15:00:00Z."))?
        .with_timezone(&Utc);
    if start <= horizon.now {
        return Err("The start must be in the future.".into());
    }
    if start > horizon.latest {
        return Err(format!("The start must be at most {} days ahead.", horizon.days()));
    }
    Ok(start)
}

pub fn parse_duration(value: Option<i64>) -> Result<i64, String> {
    match value {
        Some(minutes) if (MIN_DURATION..=MAX_DURATION).contains(&minutes) => Ok(minutes),
        Some(_) => Err(format!(
            "The duration must be between {MIN_DURATION} and {MAX_DURATION} minutes."
        )),
        None => Err("Choose a duration.".into()),
    }
}

pub fn parse_notes(value: Option<&str>) -> Result<Option<String>, String> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => bounded_text(text, "Notes", 1, 4000).map(Some),
    }
}

impl Booking {
    pub fn parse(
        scheduled_at: Option<&str>,
        duration: Option<i64>,
        topic: Option<&str>,
        notes: Option<&str>,
        horizon: Horizon,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let scheduled_at = errors.take("scheduledAt", parse_start(scheduled_at, horizon));
        let duration = errors.take("duration", parse_duration(duration));
        let topic = errors.take("topic", bounded_text(topic.unwrap_or(""), "Topic", 1, 200));
        let notes = errors.take("notes", parse_notes(notes));
        match (scheduled_at, duration, topic, notes) {
            (Some(scheduled_at), Some(duration), Some(topic), Some(notes)) => Ok(Self {
                scheduled_at,
                duration,
                topic,
                notes,
            }),
            _ => Err(errors),
        }
    }
}

/// Feedback: a rating from 1 to 5 and an optional comment.
pub fn parse_feedback(rating: Option<i64>, comment: Option<&str>) -> Result<(i32, Option<String>), FieldErrors> {
    let mut errors = FieldErrors::new();
    let rating = match rating {
        Some(r) if (1..=5).contains(&r) => Some(r as i32),
        _ => {
            errors.add("rating", "Rate from 1 to 5.");
            None
        }
    };
    let comment = match comment.map(str::trim) {
        None | Some("") => Some(None),
        Some(text) => errors.take("comment", bounded_text(text, "Comment", 1, 2000)).map(Some),
    };
    match (rating, comment) {
        (Some(r), Some(c)) if errors.is_empty() => Ok((r, c)),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    #[test]
    fn a_booking_needs_a_future_start_a_sane_duration_and_a_topic() {
        let now = Horizon::new(
            Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap(),
            Duration::days(365),
        );
        let ok = Booking::parse(Some("2026-11-24T15:00:00Z"), Some(60), Some(" Career plan "), None, now).unwrap();
        assert_eq!(ok.topic, "Career plan");
        assert_eq!(ok.scheduled_at, Utc.with_ymd_and_hms(2026, 11, 24, 15, 0, 0).unwrap());
        let offset = Booking::parse(Some("2026-11-24T16:00:00+01:00"), Some(15), Some("x"), None, now).unwrap();
        assert_eq!(offset.scheduled_at, ok.scheduled_at);
        let errors = Booking::parse(
            Some("2026-11-22T15:00:00Z"),
            Some(10),
            Some(" "),
            Some(&"n".repeat(4001)),
            now,
        )
        .unwrap_err();
        for field in ["scheduledAt", "duration", "topic", "notes"] {
            assert!(errors.get(field).is_some(), "{field}");
        }
        assert!(Booking::parse(Some("tomorrow"), Some(241), None, None, now).is_err());
        let far = Booking::parse(Some("9999-01-01T10:00:00Z"), Some(60), Some("x"), None, now).unwrap_err();
        assert!(far.get("scheduledAt").unwrap().contains("365 days"));
        assert!(Booking::parse(Some("2027-11-23T11:00:00Z"), Some(60), Some("x"), None, now).is_ok());
    }

    #[test]
    fn feedback_is_one_to_five() {
        assert_eq!(
            parse_feedback(Some(5), Some(" Great ")).unwrap(),
            (5, Some("Great".into()))
        );
        assert_eq!(parse_feedback(Some(1), None).unwrap(), (1, None));
        assert!(parse_feedback(Some(0), None).is_err());
        assert!(parse_feedback(Some(6), None).is_err());
        assert!(parse_feedback(None, None).is_err());
    }

    #[test]
    fn statuses_round_trip() {
        for s in [
            SessionStatus::Scheduled,
            SessionStatus::Completed,
            SessionStatus::Cancelled,
        ] {
            assert_eq!(SessionStatus::parse(s.as_str()), Some(s));
        }
    }
}
