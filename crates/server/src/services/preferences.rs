//! Notification preferences: for each kind of notification, whether it
//! comes by email and in the app. Every kind is on until the person turns
//! it off (settings page, API, or an email's unsubscribe link).

use mentorhub_domain::FieldErrors;
use mentorhub_store::Preference;
use uuid::Uuid;

use crate::services::error::{Error, Result};
use crate::state::AppState;

/// The kinds and how the settings page names them.
pub const KINDS: [(&str, &str); 7] = [
    ("mentorship_requests", "Someone asks you for mentorship"),
    (
        "mentorship_updates",
        "Answers to your requests and changes to your mentorships",
    ),
    ("session_updates", "Sessions booked, moved or cancelled"),
    ("session_reminders", "Reminders before a session"),
    ("mini_updates", "Your mini mentorship requests and the ones you claimed"),
    ("chat_messages", "Messages you have not read"),
    ("group_sessions", "Group sessions you host or attend"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Email,
    InApp,
}

/// The preference kind an event (a notification kind) belongs to.
pub fn kind_of(event: &str) -> Option<&'static str> {
    Some(match event {
        "mentorship_requested" => "mentorship_requests",
        e if e.starts_with("mentorship_") => "mentorship_updates",
        "session_reminder" => "session_reminders",
        e if e.starts_with("session_") => "session_updates",
        e if e.starts_with("mini_") => "mini_updates",
        e if e.starts_with("chat_") => "chat_messages",
        e if e.starts_with("group_") => "group_sessions",
        _ => return None,
    })
}

/// Whether `user` wants `event` on `channel`.
pub async fn allows(state: &AppState, user: Uuid, event: &str, channel: Channel) -> Result<bool> {
    let Some(kind) = kind_of(event) else {
        return Ok(true);
    };
    let saved = state.store.preference(user, kind).await?;
    Ok(chosen(saved.map(|p| match channel {
        Channel::Email => p.email,
        Channel::InApp => p.in_app,
    })))
}

/// A saved choice for one channel; without one, everything is sent.
pub fn chosen(saved: Option<bool>) -> bool {
    saved.unwrap_or(true)
}

/// Every kind with its label and channels, in the order of `KINDS`.
pub async fn all(state: &AppState, user: Uuid) -> Result<Vec<(Preference, &'static str)>> {
    let saved = state.store.preferences(user).await?;
    Ok(KINDS
        .iter()
        .map(|(kind, label)| {
            let p = saved.iter().find(|p| p.kind == *kind).cloned().unwrap_or(Preference {
                kind: (*kind).to_owned(),
                email: true,
                in_app: true,
            });
            (p, *label)
        })
        .collect())
}

/// Saves the given kinds (others keep their setting); an unknown kind is
/// a field error and nothing is saved.
pub async fn save(state: &AppState, user: Uuid, changes: &[Preference]) -> Result<()> {
    let mut errors = FieldErrors::new();
    for p in changes {
        if !KINDS.iter().any(|(k, _)| *k == p.kind) {
            errors.add("kinds", format!("Unknown kind {:?}.", p.kind));
        }
    }
    errors.into_result().map_err(Error::Invalid)?;
    let now = state.clock.now();
    for p in changes {
        state.store.set_preference(user, p, now).await?;
    }
    Ok(())
}
