//! No-shows: within 72 hours of a session's end, either participant
//! records that the other did not come. The session then does not count
//! in anyone's hours, and admins see the count on the users page.

use mentorhub_domain::local_time::local;
use mentorhub_domain::mentorship::Side;
use mentorhub_domain::session::SessionStatus;
use mentorhub_domain::trust::{no_show_window, NoShowWindow};
use mentorhub_store::{SessionRecord, UserRecord};
use uuid::Uuid;

use crate::services::conflict::Conflict;
use crate::services::error::Error;
use crate::services::{notifications, sessions};
use crate::state::AppState;

pub async fn mark(state: &AppState, me: &UserRecord, id: Uuid) -> Result<SessionRecord, Error> {
    let s = sessions::visible(state, me, id).await?;
    if s.status == SessionStatus::Cancelled {
        return Err(Conflict::SessionNotScheduled(s.status).into());
    }
    if s.no_show.is_some() {
        return Err(Conflict::NoShowRecorded.into());
    }
    match no_show_window(s.ends_at, state.clock.now()) {
        NoShowWindow::NotEnded => return Err(Conflict::SessionNotEnded.into()),
        NoShowWindow::Closed => return Err(Conflict::NoShowWindowClosed.into()),
        NoShowWindow::Open => {}
    }
    let (absent, absent_id) = if s.mentor_id == me.id {
        (Side::Mentee, s.mentee_id)
    } else {
        (Side::Mentor, s.mentor_id)
    };
    if !state.store.mark_no_show(id, absent, state.clock.now()).await? {
        return Err(Conflict::NoShowRecorded.into());
    }
    let zone = state
        .store
        .user_by_id(absent_id)
        .await
        .map(|u| u.timezone)
        .unwrap_or_else(|_| "UTC".into());
    let title = format!("{} recorded that you did not come: {}", me.name, s.topic);
    let body = format!(
        "The session on {} does not count in your hours.",
        local(s.scheduled_at, &zone)
    );
    notifications::send(
        state,
        absent_id,
        "session_no_show",
        title,
        body,
        Some("/mentorship?tab=sessions".into()),
    )
    .await;
    sessions::visible(state, me, id).await
}
