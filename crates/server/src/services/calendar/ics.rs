//! iCalendar (RFC 5545) for sessions and group sessions: one event each with a stable
//! UID, SEQUENCE raised on every change, STATUS:CANCELLED when cancelled,
//! and a reminder. Times are written in UTC (`...Z`), which every calendar
//! application converts to its own zone.

use chrono::{DateTime, Utc};
use mentorhub_domain::session::SessionStatus;
use mentorhub_store::{GroupRecord, SessionRecord};

const PRODID: &str = "-//Mentorhub//Mentorhub sessions//EN";

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// Escapes TEXT values (RFC 5545 §3.3.11).
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line folded at 75 octets, never inside a character.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// One calendar event: a 1:1 session or a group session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalEvent {
    pub uid: String,
    pub updated_at: DateTime<Utc>,
    pub sequence: i32,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub summary: String,
    pub description: String,
    pub meeting_url: String,
    pub status: SessionStatus,
}

impl CalEvent {
    pub fn session(s: &SessionRecord, base_url: &str) -> Self {
        Self {
            uid: format!("session-{}@mentorhub", s.id),
            updated_at: s.updated_at,
            sequence: s.sequence,
            start: s.scheduled_at,
            end: s.ends_at,
            summary: format!("Mentoring: {}", s.topic),
            description: format!(
                "Mentor: {}\nMentee: {}\nJoin: {}\nDetails: {base_url}/mentorship?tab=sessions",
                s.mentor_name, s.mentee_name, s.meeting_url
            ),
            meeting_url: s.meeting_url.clone(),
            status: s.status,
        }
    }

    /// A group session, for its host or an attendee.
    pub fn group(g: &GroupRecord, base_url: &str) -> Self {
        Self {
            uid: format!("group-{}@mentorhub", g.id),
            updated_at: g.updated_at,
            sequence: g.sequence,
            start: g.scheduled_at,
            end: g.ends_at,
            summary: format!("Group session: {}", g.title),
            description: format!(
                "Host: {}\nJoin: {}\nDetails: {base_url}/groups/{}",
                g.host_name, g.meeting_url, g.id
            ),
            meeting_url: g.meeting_url.clone(),
            status: g.status,
        }
    }
}

/// The event, with extra properties (organizer and attendees of an invitation).
fn event(out: &mut String, e: &CalEvent, extra: &[String]) {
    line(out, "BEGIN:VEVENT");
    line(out, &format!("UID:{}", e.uid));
    line(out, &format!("DTSTAMP:{}", stamp(e.updated_at)));
    line(out, &format!("SEQUENCE:{}", e.sequence));
    line(out, &format!("DTSTART:{}", stamp(e.start)));
    line(out, &format!("DTEND:{}", stamp(e.end)));
    line(out, &format!("SUMMARY:{}", text(&e.summary)));
    line(out, &format!("DESCRIPTION:{}", text(&e.description)));
    line(out, &format!("LOCATION:{}", text(&e.meeting_url)));
    line(out, &format!("URL:{}", e.meeting_url));
    let status = match e.status {
        SessionStatus::Cancelled => "CANCELLED",
        _ => "CONFIRMED",
    };
    line(out, &format!("STATUS:{status}"));
    for property in extra {
        line(out, property);
    }
    if e.status == SessionStatus::Scheduled {
        line(out, "BEGIN:VALARM");
        line(out, "ACTION:DISPLAY");
        line(out, &format!("DESCRIPTION:{}", text(&e.summary)));
        line(out, "TRIGGER:-PT15M");
        line(out, "END:VALARM");
    }
    line(out, "END:VEVENT");
}

/// A calendar with the given events.
pub fn calendar(name: &str, events: &[CalEvent]) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, &format!("PRODID:{PRODID}"));
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", text(name)));
    for e in events {
        event(&mut out, e, &[]);
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// What an emailed calendar file asks of the calendar application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Add or move the event (same UID, higher SEQUENCE).
    Request,
    /// Remove it.
    Cancel,
}

/// An iTIP message (RFC 5546) for one session, as emailed to its people:
/// the feed's UID and SEQUENCE, so Google, Outlook and Apple calendars add,
/// move and remove the same event. `attendees` are (name, email).
pub fn invitation(
    s: &SessionRecord,
    method: Method,
    base_url: &str,
    organizer: &str,
    attendees: &[(&str, &str)],
) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, &format!("PRODID:{PRODID}"));
    line(&mut out, "CALSCALE:GREGORIAN");
    let method_name = match method {
        Method::Request => "REQUEST",
        Method::Cancel => "CANCEL",
    };
    line(&mut out, &format!("METHOD:{method_name}"));
    let mut extra = vec![format!("ORGANIZER;CN=Mentorhub:mailto:{organizer}")];
    for (name, email) in attendees {
        extra.push(format!(
            "ATTENDEE;CN=\"{}\";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:{email}",
            name.replace('"', "'")
        ));
    }
    event(&mut out, &CalEvent::session(s, base_url), &extra);
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_long_lines_folded() {
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let mut out = String::new();
        line(&mut out, &format!("SUMMARY:{}", "é".repeat(60)));
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "é".repeat(60)));
    }
}
