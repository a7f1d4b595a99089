//! Sessions as the pages show them, in the viewer's time zone.

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;
use mentorhub_domain::availability::to_utc;
use mentorhub_domain::mentorship::Side;
use mentorhub_domain::session::SessionStatus;
use mentorhub_domain::trust::{no_show_window, NoShowWindow};
use mentorhub_store::SessionRecord;
use uuid::Uuid;

use mentorhub_domain::local_time::local;

pub struct SessionView {
    pub id: Uuid,
    pub topic: String,
    pub status: &'static str,
    pub status_label: &'static str,
    pub start_utc: String,
    pub start_local: String,
    pub duration: i32,
    pub other_name: String,
    pub meeting_url: String,
    pub notes: Option<String>,
    pub cancel_reason: Option<String>,
    pub rating: Option<i32>,
    pub is_scheduled: bool,
    pub can_complete: bool,
    pub can_rate: bool,
    pub mentorship_id: Option<Uuid>,
    pub agenda: Option<String>,
    pub recording_url: Option<String>,
    /// The viewer's own private note (filled where the page reads it).
    pub private_note: Option<String>,
    /// An agenda is set before the start; a recording once it started.
    pub can_agenda: bool,
    pub can_record: bool,
    /// "You did not come" / "Maya did not come", once recorded.
    pub no_show: Option<String>,
    /// The other did not come can be recorded now (72 hours after the end).
    pub can_mark_no_show: bool,
}

impl SessionView {
    pub fn new(s: SessionRecord, me: Uuid, zone: &str, now: DateTime<Utc>) -> Self {
        let other_name = if s.mentor_id == me {
            s.mentee_name.clone()
        } else {
            s.mentor_name.clone()
        };
        let i_am_mentor = s.mentor_id == me;
        let no_show = s.no_show.map(|absent| {
            if (absent == Side::Mentor) == i_am_mentor {
                format!("{other_name} recorded that you did not come")
            } else {
                format!("{other_name} did not come")
            }
        });
        let window = no_show_window(s.ends_at, now) == NoShowWindow::Open;
        Self {
            id: s.id,
            no_show,
            can_mark_no_show: window && s.no_show.is_none() && s.status != SessionStatus::Cancelled,
            status: s.status.as_str(),
            status_label: match s.status {
                SessionStatus::Scheduled => "Scheduled",
                SessionStatus::Completed => "Completed",
                SessionStatus::Cancelled => "Cancelled",
            },
            start_utc: s.scheduled_at.to_rfc3339(),
            start_local: local(s.scheduled_at, zone),
            duration: s.duration,
            other_name,
            is_scheduled: s.status == SessionStatus::Scheduled,
            can_complete: s.status == SessionStatus::Scheduled && s.scheduled_at <= now,
            can_rate: s.status == SessionStatus::Completed && s.mentee_id == me && s.rating.is_none(),
            can_agenda: s.status == SessionStatus::Scheduled && s.scheduled_at > now,
            can_record: s.status != SessionStatus::Cancelled && s.scheduled_at <= now,
            mentorship_id: s.mentorship_id,
            agenda: s.agenda.clone(),
            recording_url: s.recording_url.clone(),
            private_note: None,
            topic: s.topic,
            meeting_url: s.meeting_url,
            notes: s.notes,
            cancel_reason: s.cancel_reason,
            rating: s.rating,
        }
    }
}

/// A `datetime-local` value in `zone` as an RFC 3339 UTC instant, or the
/// text unchanged (the rules then say what is wrong with it).
pub fn local_input_to_utc(value: &str, zone: &str) -> String {
    let tz: Tz = zone.parse().unwrap_or(chrono_tz::UTC);
    let value = value.trim();
    let parsed = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S"));
    match parsed {
        Ok(naive) => to_utc(tz, naive).to_rfc3339(),
        Err(_) => value.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_inputs_become_utc() {
        assert_eq!(
            local_input_to_utc("2023-11-06T09:00", "America/New_York"),
            "2023-11-06T14:00:00+00:00"
        );
        assert_eq!(
            local_input_to_utc("2026-11-23T10:00", "Asia/Kolkata"),
            "2026-11-23T04:30:00+00:00"
        );
        assert_eq!(local_input_to_utc("tomorrow", "UTC"), "tomorrow");
    }
}
