//! A mini request as every mini page lists it.

use crate::services::mini::MiniView;
use mentorhub_domain::local_time::local;
use mentorhub_domain::mini::{MiniStatus, SessionType};
use mentorhub_domain::session::SessionStatus;
use uuid::Uuid;

pub struct MiniRow {
    pub(super) id: Uuid,
    pub(super) title: String,
    pub(super) status: &'static str,
    pub(super) status_label: &'static str,
    pub(super) type_label: &'static str,
    pub(super) duration: i32,
    pub(super) urgency: &'static str,
    pub(super) mentee_name: String,
    pub(super) claimer_name: Option<String>,
    pub(super) session_when: Option<String>,
    pub(super) meeting_url: Option<String>,
    pub(super) expiry_note: String,
    pub(super) can_cancel: bool,
}

pub(super) fn row(v: &MiniView, zone: &str) -> MiniRow {
    let r = &v.request;
    let live_session = v.session.as_ref().filter(|s| s.status != SessionStatus::Cancelled);
    MiniRow {
        id: r.id,
        title: r.title.clone(),
        status: v.status.as_str(),
        status_label: v.status.label(),
        type_label: r.session_type.label(),
        duration: r.duration,
        urgency: r.urgency.as_str(),
        mentee_name: r.mentee_name.clone(),
        claimer_name: r.claimer_name.clone(),
        session_when: live_session.map(|s| local(s.scheduled_at, zone)),
        meeting_url: live_session
            .filter(|s| s.status == SessionStatus::Scheduled)
            .map(|s| s.meeting_url.clone()),
        expiry_note: match v.status {
            MiniStatus::Open => format!("Open until {}", local(r.expires_at, zone)),
            MiniStatus::Expired => format!("Expired {}", local(r.expires_at, zone)),
            _ => format!("Asked {}", local(r.created_at, zone)),
        },
        can_cancel: matches!(v.status, MiniStatus::Open | MiniStatus::Claimed),
    }
}

pub(super) fn types() -> Vec<(&'static str, &'static str)> {
    SessionType::ALL.iter().map(|t| (t.as_str(), t.label())).collect()
}
