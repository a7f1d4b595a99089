//! Rules of a group session: one host, up to 200 seats, a waitlist.

use chrono::{DateTime, Utc};

use crate::clock::Horizon;
use crate::session::{parse_duration, parse_start, SessionStatus};
use crate::validation::{bounded_text, FieldErrors};

pub const MIN_CAPACITY: i64 = 2;
pub const MAX_CAPACITY: i64 = 200;

// Who may see and join a group session (`my_mentees`: people with an
// accepted mentorship with the host), and a person's place in one.
string_enum!(Audience { Everyone => "everyone", MyMentees => "my_mentees" });
string_enum!(SeatStatus { Attending => "attending", Waitlisted => "waitlisted" });

// How the caller relates to a group session (`myStatus`).
string_enum!(MyStatus { Host => "host", Attending => "attending", Waitlisted => "waitlisted", None => "none" });

impl MyStatus {
    /// Host and attendees get the meeting link and the group chat.
    pub fn is_inside(self) -> bool {
        matches!(self, Self::Host | Self::Attending)
    }
}

/// A new group session whose fields are all checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewGroup {
    pub title: String,
    pub description: String,
    pub scheduled_at: DateTime<Utc>,
    pub duration: i64,
    pub capacity: i64,
    pub audience: Audience,
}

/// The fields as they arrive (API body or form).
#[derive(Debug, Clone, Copy, Default)]
pub struct GroupInput<'a> {
    pub title: Option<&'a str>,
    pub description: Option<&'a str>,
    pub scheduled_at: Option<&'a str>,
    pub duration: Option<i64>,
    pub capacity: Option<i64>,
    pub audience: Option<&'a str>,
}

impl NewGroup {
    pub fn parse(input: GroupInput<'_>, horizon: Horizon) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = errors.take("title", bounded_text(input.title.unwrap_or(""), "Title", 5, 120));
        let description = errors.take(
            "description",
            match input.description.map(str::trim) {
                None | Some("") => Ok(String::new()),
                Some(text) => bounded_text(text, "Description", 1, 4000),
            },
        );
        let scheduled_at = errors.take("scheduledAt", parse_start(input.scheduled_at, horizon));
        let duration = errors.take("duration", parse_duration(input.duration));
        let capacity = errors.take("capacity", parse_capacity(input.capacity));
        let audience = errors.take(
            "audience",
            match input.audience.map(str::trim) {
                None | Some("") => Ok(Audience::Everyone),
                Some(text) => Audience::parse(text).ok_or_else(|| "Audience is everyone or my_mentees.".to_owned()),
            },
        );
        match (title, description, scheduled_at, duration, capacity, audience) {
            (Some(title), Some(description), Some(scheduled_at), Some(duration), Some(capacity), Some(audience)) => {
                Ok(Self {
                    title,
                    description,
                    scheduled_at,
                    duration,
                    capacity,
                    audience,
                })
            }
            _ => Err(errors),
        }
    }
}

fn parse_capacity(value: Option<i64>) -> Result<i64, String> {
    match value {
        Some(n) if (MIN_CAPACITY..=MAX_CAPACITY).contains(&n) => Ok(n),
        Some(_) => Err(format!("Seats must be between {MIN_CAPACITY} and {MAX_CAPACITY}.")),
        None => Err("Say how many seats there are.".into()),
    }
}

/// Whether a person may join: the session is scheduled and has not
/// started. (Seats, overlaps and the audience are checked by the store.)
pub fn joinable(status: SessionStatus, scheduled_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    status == SessionStatus::Scheduled && scheduled_at > now
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn horizon() -> Horizon {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap();
        Horizon {
            now,
            latest: now + Duration::days(365),
        }
    }

    fn input<'a>() -> GroupInput<'a> {
        GroupInput {
            title: Some("  Mock interview circle "),
            description: Some("Bring a question you fear."),
            scheduled_at: Some("2026-12-10T17:00:00Z"),
            duration: Some(90),
            capacity: Some(8),
            audience: None,
        }
    }

    #[test]
    fn a_good_session_parses_and_defaults_to_everyone() {
        let g = NewGroup::parse(input(), horizon()).unwrap();
        assert_eq!(g.title, "Mock interview circle");
        assert_eq!(g.capacity, 8);
        assert_eq!(g.audience, Audience::Everyone);
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = GroupInput {
            title: Some("Hey"),
            description: Some(&"x".repeat(4001)),
            scheduled_at: Some("2026-11-30T10:00:00Z"),
            duration: Some(5),
            capacity: Some(201),
            audience: Some("friends"),
        };
        let errors = NewGroup::parse(bad, horizon()).unwrap_err();
        for field in [
            "title",
            "description",
            "scheduledAt",
            "duration",
            "capacity",
            "audience",
        ] {
            assert!(errors.get(field).is_some(), "{field}");
        }
        let one_seat = GroupInput {
            capacity: Some(1),
            ..input()
        };
        assert!(NewGroup::parse(one_seat, horizon()).is_err());
    }

    #[test]
    fn only_scheduled_sessions_that_have_not_started_take_joins() {
        let h = horizon();
        assert!(joinable(SessionStatus::Scheduled, h.now + Duration::minutes(1), h.now));
        assert!(!joinable(SessionStatus::Scheduled, h.now, h.now));
        assert!(!joinable(SessionStatus::Cancelled, h.now + Duration::hours(1), h.now));
        assert_eq!(MyStatus::Attending.as_str(), "attending");
        assert!(MyStatus::Host.is_inside() && !MyStatus::Waitlisted.is_inside());
        assert_eq!(Audience::parse("my_mentees"), Some(Audience::MyMentees));
    }
}
