//! Trust rules: how responsive a mentor is, when a request goes stale,
//! when a no-show may be recorded, what can be reported and what an admin
//! may do about it. Pure: the figures come from rows the store read.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

use crate::validation::bounded_text;

string_enum!(ReportSubject {
    User => "user",
    Message => "message",
    MiniRequest => "mini_request",
    GroupSession => "group_session",
    Program => "program",
});

string_enum!(ReportReason {
    Spam => "spam",
    Harassment => "harassment",
    Inappropriate => "inappropriate",
    Other => "other",
});

string_enum!(ReportAction {
    Dismiss => "dismiss",
    RemoveContent => "remove_content",
    SuspendUser => "suspend_user",
});

string_enum!(ReportStatus { Open => "open", Resolved => "resolved" });

impl ReportReason {
    pub fn label(self) -> &'static str {
        match self {
            Self::Spam => "Spam",
            Self::Harassment => "Harassment",
            Self::Inappropriate => "Inappropriate",
            Self::Other => "Something else",
        }
    }
}

/// Days after which a mentor is reminded of a request still waiting.
pub const NUDGE_AFTER_DAYS: [i64; 2] = [3, 7];
/// A mentor whose last this many requests expired unanswered is paused.
pub const PAUSE_AFTER_EXPIRED: usize = 3;
/// Responsiveness looks back this far.
pub const RESPONSIVENESS_DAYS: i64 = 90;
/// A no-show may be recorded for this long after a session's end.
pub const NO_SHOW_WINDOW_HOURS: i64 = 72;

/// One request a mentor received: when, and when they answered (`None`
/// if it expired unanswered).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answer {
    pub asked_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
}

/// Share of requests answered before expiry and the median hours to an
/// answer; `None` where there is nothing to measure.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Responsiveness {
    pub response_rate: Option<f64>,
    pub median_response_hours: Option<f64>,
}

pub fn responsiveness(answers: &[Answer]) -> Responsiveness {
    let mut hours: Vec<f64> = answers
        .iter()
        .filter_map(|a| {
            a.answered_at
                .map(|at| (at - a.asked_at).num_seconds().max(0) as f64 / 3600.0)
        })
        .collect();
    let rate = (!answers.is_empty()).then(|| hours.len() as f64 / answers.len() as f64);
    Responsiveness {
        response_rate: rate,
        median_response_hours: median(&mut hours),
    }
}

/// The median of `values` (sorted in place); `None` when empty.
pub fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    })
}

/// "Usually responds within a day" for a median in hours.
pub fn response_phrase(median_hours: Option<f64>) -> Option<&'static str> {
    let h = median_hours?;
    Some(if h <= 1.0 {
        "Usually responds within an hour"
    } else if h <= 6.0 {
        "Usually responds within a few hours"
    } else if h <= 24.0 {
        "Usually responds within a day"
    } else if h <= 72.0 {
        "Usually responds within a few days"
    } else {
        "Usually takes over three days to respond"
    })
}

/// When someone was last active, coarsely (never the exact time).
pub fn last_active_phrase(last: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Option<&'static str> {
    let age = now - last?;
    Some(if age < Duration::days(1) {
        "Active today"
    } else if age < Duration::days(7) {
        "Active this week"
    } else if age < Duration::days(30) {
        "Active this month"
    } else {
        "Active over a month ago"
    })
}

/// Whether a no-show may be recorded `now` for a session ending at `ends_at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoShowWindow {
    NotEnded,
    Open,
    Closed,
}

pub fn no_show_window(ends_at: DateTime<Utc>, now: DateTime<Utc>) -> NoShowWindow {
    if now < ends_at {
        NoShowWindow::NotEnded
    } else if now <= ends_at + Duration::hours(NO_SHOW_WINDOW_HOURS) {
        NoShowWindow::Open
    } else {
        NoShowWindow::Closed
    }
}

/// Optional details of a report.
pub fn parse_details(value: Option<&str>) -> Result<Option<String>, String> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => bounded_text(text, "Details", 1, 2000).map(Some),
    }
}

/// The reason an admin gives for a suspension (required).
pub fn parse_suspend_reason(value: Option<&str>) -> Result<String, String> {
    bounded_text(value.unwrap_or(""), "Reason", 3, 1000)
}

/// The Monday that starts the week of `day`.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - Duration::days(day.weekday().num_days_from_monday() as i64)
}

/// The Mondays from the week of `from` to the week of `to`, at most `max`.
pub fn weeks(from: NaiveDate, to: NaiveDate, max: usize) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut week = week_start(from);
    while week <= to && out.len() < max {
        out.push(week);
        week += Duration::days(7);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap()
    }

    #[test]
    fn responsiveness_counts_answers_before_expiry() {
        let answers = [
            Answer {
                asked_at: at(1, 0),
                answered_at: Some(at(1, 2)),
            },
            Answer {
                asked_at: at(2, 0),
                answered_at: Some(at(2, 10)),
            },
            Answer {
                asked_at: at(3, 0),
                answered_at: Some(at(4, 0)),
            },
            Answer {
                asked_at: at(4, 0),
                answered_at: None,
            },
        ];
        let r = responsiveness(&answers);
        assert_eq!(r.response_rate, Some(0.75));
        assert_eq!(r.median_response_hours, Some(10.0));
        assert_eq!(
            response_phrase(r.median_response_hours),
            Some("Usually responds within a day")
        );
        assert_eq!(responsiveness(&[]), Responsiveness::default());
        let none_answered = responsiveness(&answers[3..]);
        assert_eq!(
            (none_answered.response_rate, none_answered.median_response_hours),
            (Some(0.0), None)
        );
    }

    #[test]
    fn medians_of_even_and_odd_lists() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&mut []), None);
    }

    #[test]
    fn last_active_is_coarse() {
        let now = at(20, 12);
        assert_eq!(last_active_phrase(Some(at(20, 1)), now), Some("Active today"));
        assert_eq!(last_active_phrase(Some(at(15, 1)), now), Some("Active this week"));
        assert_eq!(last_active_phrase(Some(at(1, 1)), now), Some("Active this month"));
        assert_eq!(last_active_phrase(None, now), None);
    }

    #[test]
    fn the_no_show_window_is_72_hours_after_the_end() {
        let end = at(10, 10);
        assert_eq!(no_show_window(end, at(10, 9)), NoShowWindow::NotEnded);
        assert_eq!(no_show_window(end, end), NoShowWindow::Open);
        assert_eq!(no_show_window(end, at(13, 10)), NoShowWindow::Open);
        assert_eq!(no_show_window(end, at(13, 11)), NoShowWindow::Closed);
    }

    #[test]
    fn weeks_start_on_monday() {
        let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert_eq!(week_start(d(12, 3)), d(11, 30));
        assert_eq!(weeks(d(12, 3), d(12, 14), 52), vec![d(11, 30), d(12, 7), d(12, 14)]);
        assert_eq!(weeks(d(1, 1), d(12, 31), 4).len(), 4);
    }

    #[test]
    fn report_words_round_trip() {
        for s in ReportSubject::ALL {
            assert_eq!(ReportSubject::parse(s.as_str()), Some(*s));
        }
        assert_eq!(ReportAction::parse("suspend_user"), Some(ReportAction::SuspendUser));
        assert_eq!(ReportReason::parse("rude"), None);
        assert!(parse_details(Some(&"x".repeat(2001))).is_err());
        assert!(parse_suspend_reason(Some(" ")).is_err());
    }
}
