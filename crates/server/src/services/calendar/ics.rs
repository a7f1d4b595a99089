//! iCalendar (RFC 5545) for sessions: one event per session with a stable
//! UID, SEQUENCE raised on every change, STATUS:CANCELLED when cancelled,
//! and a reminder. Times are written in UTC (`...Z`), which every calendar
//! application converts to its own zone.

use chrono::{DateTime, Utc};
use mentorhub_domain::session::SessionStatus;
use mentorhub_store::SessionRecord;

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

fn event(out: &mut String, s: &SessionRecord, base_url: &str) {
    event_with(out, s, base_url, &[]);
}

/// The event, with extra properties (organizer and attendees of an invitation).
fn event_with(out: &mut String, s: &SessionRecord, base_url: &str, extra: &[String]) {
    let summary = format!("Mentoring: {}", s.topic);
    line(out, "BEGIN:VEVENT");
    line(out, &format!("UID:session-{}@mentorhub", s.id));
    line(out, &format!("DTSTAMP:{}", stamp(s.updated_at)));
    line(out, &format!("SEQUENCE:{}", s.sequence));
    line(out, &format!("DTSTART:{}", stamp(s.scheduled_at)));
    line(out, &format!("DTEND:{}", stamp(s.ends_at)));
    line(out, &format!("SUMMARY:{}", text(&summary)));
    let description = format!(
        "Mentor: {}\nMentee: {}\nJoin: {}\nDetails: {base_url}/mentorship?tab=sessions",
        s.mentor_name, s.mentee_name, s.meeting_url
    );
    line(out, &format!("DESCRIPTION:{}", text(&description)));
    line(out, &format!("LOCATION:{}", text(&s.meeting_url)));
    line(out, &format!("URL:{}", s.meeting_url));
    let status = match s.status {
        SessionStatus::Cancelled => "CANCELLED",
        _ => "CONFIRMED",
    };
    line(out, &format!("STATUS:{status}"));
    for property in extra {
        line(out, property);
    }
    if s.status == SessionStatus::Scheduled {
        line(out, "BEGIN:VALARM");
        line(out, "ACTION:DISPLAY");
        line(out, &format!("DESCRIPTION:{}", text(&summary)));
        line(out, "TRIGGER:-PT15M");
        line(out, "END:VALARM");
    }
    line(out, "END:VEVENT");
}

/// A calendar with the given sessions.
pub fn calendar(name: &str, sessions: &[SessionRecord], base_url: &str) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, &format!("PRODID:{PRODID}"));
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", text(name)));
    for s in sessions {
        event(&mut out, s, base_url);
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
    event_with(&mut out, s, base_url, &extra);
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
