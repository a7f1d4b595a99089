//! Session rules shared by the API and the pages: booking within
//! availability without overlaps, moving, cancelling, completing, notes and
//! feedback, with notifications to the other person.

use mentorhub_domain::session::{self, Booking, SessionStatus};
use mentorhub_domain::MentorshipStatus;
use mentorhub_store::{ConflictKind, NewSession, SessionOrigin, SessionRecord, UserRecord};
use uuid::Uuid;

use crate::services::accounts::tokens::new_token;
use crate::services::conflict::Conflict;
use crate::services::error::Error;
use crate::services::mail;
use crate::services::mail::events::SessionAt;
use crate::services::notifications;
use crate::state::AppState;
use mentorhub_domain::local_time::local;

/// A session the caller takes part in; 404 for everyone else.
pub async fn visible(state: &AppState, me: &UserRecord, id: Uuid) -> Result<SessionRecord, Error> {
    match state.store.session(id).await? {
        Some(s) if s.mentor_id == me.id || s.mentee_id == me.id => Ok(s),
        _ => Err(Error::NotFound),
    }
}

/// The meeting link: the mentor's own, or the template with an unguessable
/// room name (not the session id, which appears in URLs).
pub async fn meeting_url(state: &AppState, mentor_id: Uuid) -> Result<String, Error> {
    if let Some(url) = state.store.mentor_meeting_url(mentor_id).await? {
        return Ok(url);
    }
    let room: String = new_token()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(24)
        .collect();
    Ok(state.config.meeting_url_template.replace("{id}", &room.to_lowercase()))
}

fn availability_conflict() -> Error {
    Conflict::OutsideAvailability.into()
}

pub struct BookingInput<'a> {
    pub mentorship_id: Option<&'a str>,
    pub scheduled_at: Option<&'a str>,
    pub duration: Option<i64>,
    pub topic: Option<&'a str>,
    pub notes: Option<&'a str>,
}

pub async fn book(state: &AppState, me: &UserRecord, input: BookingInput<'_>) -> Result<SessionRecord, Error> {
    let horizon = state.horizon();
    let now = horizon.now;
    let booking = Booking::parse(input.scheduled_at, input.duration, input.topic, input.notes, horizon);
    let mentorship_id = input.mentorship_id.map(str::trim).filter(|t| !t.is_empty());
    let (booking, mentorship_id) = match (booking, mentorship_id) {
        (Ok(booking), Some(text)) => (booking, Uuid::parse_str(text).map_err(|_| Error::NotFound)?),
        (result, id) => {
            let mut errors = result.err().unwrap_or_default();
            if id.is_none() {
                errors.add("mentorshipId", "Choose a mentorship.");
            }
            return Err(Error::Invalid(errors));
        }
    };
    let mentorship = crate::services::mentorships::visible(state, me, mentorship_id).await?;
    if mentorship.status != MentorshipStatus::Accepted {
        return Err(Conflict::Store(ConflictKind::MentorshipNotAccepted).into());
    }
    let other = if mentorship.mentor_id == me.id {
        mentorship.mentee_id
    } else {
        mentorship.mentor_id
    };
    if !state.store.user_by_id(other).await?.is_active() {
        return Err(Conflict::AccountUnavailable.into());
    }
    let availability = state.store.availability(mentorship.mentor_id).await?;
    if let Some(a) = &availability {
        if !a.allows(booking.scheduled_at, booking.duration, now) {
            return Err(availability_conflict());
        }
    }
    let new = NewSession {
        id: Uuid::new_v4(),
        origin: SessionOrigin::Mentorship(mentorship_id),
        mentor_id: mentorship.mentor_id,
        mentee_id: mentorship.mentee_id,
        scheduled_at: booking.scheduled_at,
        duration: booking.duration,
        topic: booking.topic,
        notes: booking.notes,
        meeting_url: meeting_url(state, mentorship.mentor_id).await?,
        buffer_minutes: availability.as_ref().map_or(0, |a| a.buffer_minutes),
    };
    let jobs = mail::events::session_changed(state, SessionAt::booked(&new), "session_scheduled");
    let session = state.store.create_session(&new, &jobs, now).await?;
    mail::events::committed(state, &jobs);
    tracing::info!(session.id = %session.id, mentorship.id = %mentorship_id, "session booked");
    tell_other(state, me, &session, "session_scheduled", "booked a session").await;
    Ok(session)
}

async fn tell_other(state: &AppState, me: &UserRecord, s: &SessionRecord, kind: &'static str, verb: &str) {
    let other = if s.mentor_id == me.id { s.mentee_id } else { s.mentor_id };
    let zone = match state.store.user_by_id(other).await {
        Ok(user) => user.timezone,
        Err(_) => "UTC".into(),
    };
    let title = format!("{} {verb}: {}", me.name, s.topic);
    let body = format!("{} ({} minutes)", local(s.scheduled_at, &zone), s.duration);
    notifications::send(state, other, kind, title, body, Some("/mentorship?tab=sessions".into())).await;
}

fn not_scheduled(s: &SessionRecord) -> Error {
    Conflict::SessionNotScheduled(s.status).into()
}

pub async fn reschedule(
    state: &AppState,
    me: &UserRecord,
    id: Uuid,
    start: Option<&str>,
) -> Result<SessionRecord, Error> {
    let horizon = state.horizon();
    let now = horizon.now;
    let s = visible(state, me, id).await?;
    let start = session::parse_start(start, horizon).map_err(|m| Error::field("scheduledAt", m))?;
    if s.status != SessionStatus::Scheduled {
        return Err(not_scheduled(&s));
    }
    let availability = state.store.availability(s.mentor_id).await?;
    if let Some(a) = &availability {
        if !a.allows(start, s.duration.into(), now) {
            return Err(availability_conflict());
        }
    }
    let buffer = availability.as_ref().map_or(0, |a| a.buffer_minutes);
    let after = SessionAt {
        scheduled_at: start,
        sequence: s.sequence + 1,
        ..SessionAt::of(&s)
    };
    let jobs = mail::events::session_changed(state, after, "session_rescheduled");
    if !state.store.reschedule_session(&s, start, buffer, &jobs, now).await? {
        return Err(not_scheduled(&s));
    }
    mail::events::committed(state, &jobs);
    let moved = visible(state, me, id).await?;
    tell_other(state, me, &moved, "session_rescheduled", "moved a session").await;
    Ok(moved)
}

pub async fn cancel(state: &AppState, me: &UserRecord, id: Uuid, reason: Option<&str>) -> Result<SessionRecord, Error> {
    let s = visible(state, me, id).await?;
    let reason = match reason.map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(
            mentorhub_domain::validation::bounded_text(text, "Reason", 1, 1000)
                .map_err(|m| Error::field("reason", m))?,
        ),
    };
    let after = SessionAt {
        sequence: s.sequence + 1,
        ..SessionAt::of(&s)
    };
    let jobs = mail::events::session_changed(state, after, "session_cancelled");
    if !state
        .store
        .cancel_session(s.id, reason.as_deref(), &jobs, state.clock.now())
        .await?
    {
        return Err(not_scheduled(&s));
    }
    mail::events::committed(state, &jobs);
    let cancelled = visible(state, me, id).await?;
    tell_other(state, me, &cancelled, "session_cancelled", "cancelled a session").await;
    Ok(cancelled)
}

pub async fn complete(
    state: &AppState,
    me: &UserRecord,
    id: Uuid,
    notes: Option<&str>,
) -> Result<SessionRecord, Error> {
    let s = visible(state, me, id).await?;
    let notes = session::parse_notes(notes).map_err(|m| Error::field("notes", m))?;
    if s.status != SessionStatus::Scheduled {
        return Err(not_scheduled(&s));
    }
    if s.scheduled_at > state.clock.now() {
        return Err(Conflict::NotStarted.into());
    }
    if !state
        .store
        .complete_session(s.id, notes.as_deref(), state.clock.now())
        .await?
    {
        return Err(not_scheduled(&s));
    }
    visible(state, me, id).await
}

pub async fn save_notes(
    state: &AppState,
    me: &UserRecord,
    id: Uuid,
    notes: Option<&str>,
) -> Result<SessionRecord, Error> {
    let s = visible(state, me, id).await?;
    let notes = session::parse_notes(notes).map_err(|m| Error::field("notes", m))?;
    state
        .store
        .set_session_notes(s.id, notes.as_deref(), state.clock.now())
        .await?;
    visible(state, me, id).await
}

pub async fn feedback(
    state: &AppState,
    me: &UserRecord,
    id: Uuid,
    rating: Option<i64>,
    comment: Option<&str>,
) -> Result<SessionRecord, Error> {
    let s = visible(state, me, id).await?;
    let (rating, comment) = session::parse_feedback(rating, comment)?;
    if s.mentee_id != me.id {
        return Err(Error::forbidden("Only the mentee rates a session."));
    }
    if s.status != SessionStatus::Completed {
        return Err(Conflict::NotCompleted.into());
    }
    if !state
        .store
        .add_feedback(&s, rating, comment.as_deref(), state.clock.now())
        .await?
    {
        return Err(Conflict::NotCompleted.into());
    }
    visible(state, me, id).await
}
