//! A session's agenda (either person, before it starts), its recording
//! link (either, once it started) and each person's private note (read by
//! its writer only).

use mentorhub_domain::progress::optional_text;
use mentorhub_domain::session::SessionStatus;
use mentorhub_store::{SessionRecord, UserRecord};
use uuid::Uuid;

use crate::services::conflict::Conflict;
use crate::services::error::{Error, Result};
use crate::services::sessions::visible;
use crate::state::AppState;

fn text(value: Option<&str>, what: &str, field: &str) -> Result<Option<String>> {
    let t = optional_text(value, what, 4000).map_err(|m| Error::field(field, m))?;
    Ok((!t.is_empty()).then_some(t))
}

pub async fn set_agenda(state: &AppState, me: &UserRecord, id: Uuid, agenda: Option<&str>) -> Result<SessionRecord> {
    let s = visible(state, me, id).await?;
    let agenda = text(agenda, "The agenda", "text")?;
    if s.status != SessionStatus::Scheduled {
        return Err(Error::Conflict(Conflict::SessionNotScheduled(s.status)));
    }
    if s.scheduled_at <= state.clock.now() {
        return Err(Conflict::AgendaClosed.into());
    }
    state
        .store
        .set_session_agenda(id, agenda.as_deref(), state.clock.now())
        .await?;
    visible(state, me, id).await
}

pub async fn set_private_note(
    state: &AppState,
    me: &UserRecord,
    id: Uuid,
    note: Option<&str>,
) -> Result<SessionRecord> {
    visible(state, me, id).await?;
    let note = text(note, "The note", "text")?;
    state
        .store
        .set_private_note(id, me.id, note.as_deref(), state.clock.now())
        .await?;
    visible(state, me, id).await
}

pub async fn set_recording(state: &AppState, me: &UserRecord, id: Uuid, url: Option<&str>) -> Result<SessionRecord> {
    let s = visible(state, me, id).await?;
    let url = match url.map(str::trim).filter(|u| !u.is_empty()) {
        None => None,
        Some(u) => {
            let parsed = reqwest::Url::parse(u).map_err(|_| Error::field("url", "That is not a web address."))?;
            if !matches!(parsed.scheme(), "http" | "https") || u.chars().count() > 2000 {
                return Err(Error::field("url", "Use an http:// or https:// address."));
            }
            Some(parsed.to_string())
        }
    };
    if s.status == SessionStatus::Cancelled {
        return Err(Conflict::SessionNotScheduled(s.status).into());
    }
    if s.scheduled_at > state.clock.now() {
        return Err(Conflict::RecordingTooEarly.into());
    }
    state
        .store
        .set_session_recording(id, url.as_deref(), state.clock.now())
        .await?;
    visible(state, me, id).await
}
