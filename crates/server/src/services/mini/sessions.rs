//! The session of a claimed request: scheduling at a preferred time and
//! completing it.

use chrono::{DateTime, Utc};
use mentorhub_domain::local_time::local;
use mentorhub_domain::mini::MiniStatus;
use mentorhub_domain::session::{parse_start, SessionStatus};
use mentorhub_domain::validation::bounded_text;
use mentorhub_domain::FieldErrors;
use mentorhub_store::{NewSession, SessionOrigin, SessionRecord, UserRecord};
use uuid::Uuid;

use super::requests::get;
use super::view::conflict;
use crate::services::conflict::Conflict;
use crate::services::error::Error;
use crate::services::mail::events::SessionAt;
use crate::services::notifications;
use crate::state::AppState;

pub async fn schedule(
    state: &AppState,
    me: &UserRecord,
    id: Uuid,
    scheduled_at: Option<&str>,
) -> Result<SessionRecord, Error> {
    let v = get(state, me, id).await?;
    if v.request.claimed_by != Some(me.id) {
        return Err(Error::forbidden(
            "Only the mentor who claimed a request can schedule it.",
        ));
    }
    if v.status != MiniStatus::Claimed {
        return Err(conflict(v.status));
    }
    let horizon = state.horizon();
    let now = horizon.now;
    let start: DateTime<Utc> = parse_start(scheduled_at, horizon).map_err(|m| Error::field("scheduledAt", m))?;
    if !v.request.preferred_dates.contains(&start) {
        return Err(Error::field(
            "scheduledAt",
            "Choose one of the mentee's preferred times.",
        ));
    }
    let new = NewSession {
        id: Uuid::new_v4(),
        origin: SessionOrigin::Mini(id),
        mentor_id: me.id,
        mentee_id: v.request.mentee_id,
        scheduled_at: start,
        duration: v.request.duration.into(),
        topic: v.request.title.clone(),
        notes: None,
        meeting_url: crate::services::sessions::meeting_url(state, me.id).await?,
        buffer_minutes: 0,
    };
    let jobs = crate::services::mail::events::session_changed(state, SessionAt::booked(&new), "mini_session_scheduled");
    let session = state.store.create_session(&new, &jobs, now).await?;
    crate::services::mail::events::committed(state, &jobs);
    let mentee = state.store.user_by_id(v.request.mentee_id).await?;
    notifications::send(
        state,
        v.request.mentee_id,
        "mini_session_scheduled",
        format!("{} scheduled your mini session: {}", me.name, v.request.title),
        format!("{} · {}", local(start, &mentee.timezone), session.meeting_url),
        Some("/mentorship/dashboard".into()),
    )
    .await;
    Ok(session)
}

pub async fn my_sessions(state: &AppState, me: &UserRecord) -> Result<Vec<SessionRecord>, Error> {
    Ok(state.store.mini_sessions_of(me.id).await?)
}

pub async fn complete(
    state: &AppState,
    me: &UserRecord,
    session_id: Uuid,
    notes: Option<&str>,
    outcome: Option<&str>,
) -> Result<SessionRecord, Error> {
    let session = match state.store.session(session_id).await? {
        Some(s) if s.mini_request_id.is_some() && (s.mentor_id == me.id || s.mentee_id == me.id) => s,
        _ => return Err(Error::NotFound),
    };
    if session.mentor_id != me.id {
        return Err(Error::forbidden("Only the mentor completes a mini session."));
    }
    let mut errors = FieldErrors::new();
    let notes = errors.take("notes", bounded_text(notes.unwrap_or(""), "Notes", 1, 4000));
    let outcome = match outcome.map(str::trim).filter(|o| !o.is_empty()) {
        None => None,
        Some(text) => errors.take("outcome", bounded_text(text, "Outcome", 1, 500)),
    };
    errors.into_result()?;
    let notes = notes.unwrap_or_default();
    if session.status != SessionStatus::Scheduled {
        return Err(Conflict::MiniSessionState(session.status).into());
    }
    let now = state.clock.now();
    if session.scheduled_at > now {
        return Err(Conflict::NotStarted.into());
    }
    let request_id = session.mini_request_id.ok_or(Error::NotFound)?;
    if !state
        .store
        .complete_mini_session(session.id, request_id, &notes, outcome.as_deref(), now)
        .await?
    {
        return Err(Conflict::MiniSessionChanged.into());
    }
    notifications::send(
        state,
        session.mentee_id,
        "mini_session_completed",
        format!("{} completed your mini session: {}", me.name, session.topic),
        outcome.unwrap_or_default(),
        Some("/mentorship/dashboard".into()),
    )
    .await;
    state.store.session(session.id).await?.ok_or(Error::NotFound)
}
