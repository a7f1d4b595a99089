//! Mini mentorship: short requests any fitting mentor can claim.

use chrono::{DateTime, Utc};

use crate::clock::Horizon;

/// Open requests one mentee may have at once; more would crowd the board.
pub const MAX_OPEN_PER_MENTEE: i64 = 5;
use crate::validation::{bounded_text, FieldErrors};

string_enum!(SessionType {
    InterviewPrep => "interview_prep",
    ResumeReview => "resume_review",
    CareerAdvice => "career_advice",
    TechnicalHelp => "technical_help",
    PortfolioReview => "portfolio_review",
    MockInterview => "mock_interview",
    Other => "other",
});

string_enum!(Urgency { Low => "low", Medium => "medium", High => "high" });

string_enum!(MiniStatus {
    Open => "open",
    Claimed => "claimed",
    Scheduled => "scheduled",
    Completed => "completed",
    Cancelled => "cancelled",
    Expired => "expired",
});

impl SessionType {
    pub fn label(self) -> &'static str {
        match self {
            SessionType::InterviewPrep => "Interview preparation",
            SessionType::ResumeReview => "Résumé review",
            SessionType::CareerAdvice => "Career advice",
            SessionType::TechnicalHelp => "Technical help",
            SessionType::PortfolioReview => "Portfolio review",
            SessionType::MockInterview => "Mock interview",
            SessionType::Other => "Other",
        }
    }

    /// Words that relate this kind of request to a mentor's expertise.
    pub fn keywords(self) -> &'static [&'static str] {
        match self {
            SessionType::InterviewPrep | SessionType::MockInterview => &["interview"],
            SessionType::ResumeReview => &["résumé", "resume", "career"],
            SessionType::CareerAdvice => &["career", "leadership", "promotion"],
            SessionType::TechnicalHelp => &["technical"],
            SessionType::PortfolioReview => &["portfolio", "design"],
            SessionType::Other => &[],
        }
    }
}

impl Urgency {
    /// Higher is more urgent (the board shows it first).
    pub fn rank(self) -> i32 {
        match self {
            Urgency::Low => 0,
            Urgency::Medium => 1,
            Urgency::High => 2,
        }
    }
}

impl MiniStatus {
    /// What a request is now: an open request past its expiry is expired,
    /// whether or not the sweep has marked it yet.
    pub fn effective(self, expires_at: DateTime<Utc>, now: DateTime<Utc>) -> Self {
        if self == MiniStatus::Open && expires_at <= now {
            MiniStatus::Expired
        } else {
            self
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            MiniStatus::Open => "Open",
            MiniStatus::Claimed => "Claimed",
            MiniStatus::Scheduled => "Scheduled",
            MiniStatus::Completed => "Completed",
            MiniStatus::Cancelled => "Cancelled",
            MiniStatus::Expired => "Expired",
        }
    }
}

pub const DURATIONS: [i64; 4] = [15, 30, 45, 60];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MiniRequestInput {
    pub title: String,
    pub session_type: SessionType,
    pub description: String,
    pub duration: i64,
    pub urgency: Urgency,
    pub preferred_dates: Vec<DateTime<Utc>>,
}

/// Checks a new request field by field.
pub fn parse_request(
    title: Option<&str>,
    session_type: Option<&str>,
    description: Option<&str>,
    duration: Option<i64>,
    urgency: Option<&str>,
    preferred_dates: &[String],
    horizon: Horizon,
) -> Result<MiniRequestInput, FieldErrors> {
    let now = horizon.now;
    let mut errors = FieldErrors::new();
    let title = errors.take("title", bounded_text(title.unwrap_or(""), "Title", 5, 120));
    let session_type = match session_type.and_then(SessionType::parse) {
        Some(t) => Some(t),
        None => {
            errors.add("sessionType", "Choose a session type.");
            None
        }
    };
    let description = errors.take(
        "description",
        bounded_text(description.unwrap_or(""), "Description", 20, 2000),
    );
    let duration = match duration {
        Some(d) if DURATIONS.contains(&d) => Some(d),
        _ => {
            errors.add("duration", "The duration must be 15, 30, 45 or 60 minutes.");
            None
        }
    };
    let urgency = match urgency.and_then(Urgency::parse) {
        Some(u) => Some(u),
        None => {
            errors.add("urgency", "Choose low, medium or high urgency.");
            None
        }
    };
    let mut dates = Vec::new();
    if preferred_dates.is_empty() || preferred_dates.len() > 5 {
        errors.add("preferredDates", "Give between 1 and 5 preferred dates and times.");
    }
    for value in preferred_dates {
        match DateTime::parse_from_rfc3339(value.trim()) {
            Ok(t) if t.with_timezone(&Utc) > horizon.latest => errors.add(
                "preferredDates",
                format!("Preferred times must be at most {} days ahead.", horizon.days()),
            ),
            Ok(t) if t.with_timezone(&Utc) > now => dates.push(t.with_timezone(&Utc)),
            Ok(_) => errors.add("preferredDates", "Every preferred time must be in the future."),
            Err(_) => errors.add(
                "preferredDates",
                format!("\"{}\" is not a date and time.", value.trim()),
            ),
        }
    }
    dates.sort();
    dates.dedup();
    match (title, session_type, description, duration, urgency) {
        (Some(title), Some(session_type), Some(description), Some(duration), Some(urgency)) if errors.is_empty() => {
            Ok(MiniRequestInput {
                title,
                session_type,
                description,
                duration,
                urgency,
                preferred_dates: dates,
            })
        }
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
    }

    #[test]
    fn a_valid_request() {
        let dates = vec![
            "2026-11-25T15:00:00Z".to_owned(),
            "2026-11-24T09:30:00+01:00".to_owned(),
        ];
        let r = parse_request(
            Some("Interview prep for Google SWE"),
            Some("interview_prep"),
            Some("Need help preparing for technical interviews"),
            Some(60),
            Some("high"),
            &dates,
            Horizon::new(now(), Duration::days(365)),
        )
        .unwrap();
        assert_eq!(r.session_type, SessionType::InterviewPrep);
        assert_eq!(
            r.preferred_dates[0],
            Utc.with_ymd_and_hms(2026, 11, 24, 8, 30, 0).unwrap(),
            "sorted, in UTC"
        );
    }

    #[test]
    fn every_rule_names_its_field() {
        let errors = parse_request(
            Some("Hi"),
            Some("chat"),
            Some("too short"),
            Some(20),
            Some("urgent"),
            &[],
            Horizon::new(now(), Duration::days(365)),
        )
        .unwrap_err();
        for field in [
            "title",
            "sessionType",
            "description",
            "duration",
            "urgency",
            "preferredDates",
        ] {
            assert!(errors.get(field).is_some(), "{field}");
        }
        let six: Vec<String> = (1..=6).map(|d| format!("2026-12-0{d}T10:00:00Z")).collect();
        let long = "x".repeat(30);
        assert!(parse_request(
            Some("Valid title"),
            Some("other"),
            Some(&long),
            Some(15),
            Some("low"),
            &six,
            Horizon::new(now(), Duration::days(365))
        )
        .is_err());
        let past = vec!["2026-11-01T10:00:00Z".to_owned()];
        let e = parse_request(
            Some("Valid title"),
            Some("other"),
            Some(&long),
            Some(15),
            Some("low"),
            &past,
            Horizon::new(now(), Duration::days(365)),
        )
        .unwrap_err();
        assert!(e.get("preferredDates").unwrap().contains("future"));
        let far = vec!["9999-12-31T10:00:00Z".to_owned()];
        let e = parse_request(
            Some("Valid title"),
            Some("other"),
            Some(&long),
            Some(15),
            Some("low"),
            &far,
            Horizon::new(now(), Duration::days(365)),
        )
        .unwrap_err();
        assert!(e.get("preferredDates").unwrap().contains("365 days"));
    }

    #[test]
    fn open_requests_expire_on_their_own() {
        let expires = now() + Duration::days(7);
        assert_eq!(MiniStatus::Open.effective(expires, now()), MiniStatus::Open);
        assert_eq!(MiniStatus::Open.effective(expires, expires), MiniStatus::Expired);
        assert_eq!(
            MiniStatus::Claimed.effective(expires, expires + Duration::days(1)),
            MiniStatus::Claimed
        );
        for s in MiniStatus::ALL {
            assert_eq!(MiniStatus::parse(s.as_str()), Some(*s));
        }
        assert!(Urgency::High.rank() > Urgency::Low.rank());
    }
}
