//! How a group session reads on a page, in the viewer's zone.

use chrono::{DateTime, Utc};
use mentorhub_domain::group::{Audience, MyStatus};
use mentorhub_domain::local_time::local;
use mentorhub_domain::session::SessionStatus;
use mentorhub_store::GroupRecord;
use uuid::Uuid;

pub struct GroupView {
    pub id: Uuid,
    pub title: String,
    pub description: String,
    pub host_id: Uuid,
    pub host_name: String,
    pub start_utc: String,
    pub start_local: String,
    pub duration: i32,
    /// "3 of 10 seats taken", "Full · 2 waiting".
    pub seats: String,
    pub full: bool,
    pub mentees_only: bool,
    pub status: &'static str,
    pub status_label: &'static str,
    /// host, attending, waitlisted or none.
    pub mine: &'static str,
    pub mine_label: Option<&'static str>,
    pub inside: bool,
    pub meeting_url: String,
    pub cancel_reason: Option<String>,
    pub is_scheduled: bool,
    pub started: bool,
    pub my_rating: Option<i32>,
}

impl GroupView {
    pub fn new(g: GroupRecord, viewer: Uuid, zone: &str, now: DateTime<Utc>) -> Self {
        let mine = g.status_of(viewer);
        let full = g.seats_taken >= g.capacity;
        let seats = match (full, g.waitlist_count) {
            (true, 0) => "Full · join the waitlist".to_owned(),
            (true, n) => format!("Full · {n} waiting"),
            (false, _) => format!("{} of {} seats taken", g.seats_taken, g.capacity),
        };
        let (status_label, mine_label) = (
            match g.status {
                SessionStatus::Scheduled if g.scheduled_at <= now && g.ends_at > now => "Happening now",
                SessionStatus::Scheduled => "Scheduled",
                SessionStatus::Completed => "Completed",
                SessionStatus::Cancelled => "Cancelled",
            },
            match mine {
                MyStatus::Host => Some("You host"),
                MyStatus::Attending => Some("You have a seat"),
                MyStatus::Waitlisted => Some("On the waitlist"),
                MyStatus::None => None,
            },
        );
        Self {
            id: g.id,
            start_utc: g.scheduled_at.to_rfc3339(),
            start_local: local(g.scheduled_at, zone),
            duration: g.duration,
            seats,
            full,
            mentees_only: g.audience == Audience::MyMentees,
            status: g.status.as_str(),
            status_label,
            mine: mine.as_str(),
            mine_label,
            inside: mine.is_inside(),
            is_scheduled: g.status == SessionStatus::Scheduled,
            started: g.scheduled_at <= now,
            my_rating: g.my_rating,
            meeting_url: g.meeting_url,
            cancel_reason: g.cancel_reason,
            title: g.title,
            description: g.description,
            host_id: g.host_id,
            host_name: g.host_name,
        }
    }
}
