//! What the host does (cancel, complete) and what attendees say afterwards.

use mentorhub_domain::session::{parse_feedback, SessionStatus};
use mentorhub_store::{GroupRecord, UserRecord};
use uuid::Uuid;

use super::{notices, visible};
use crate::services::conflict::Conflict;
use crate::services::error::Error;
use crate::services::mail;
use crate::state::AppState;
use mentorhub_domain::group::SeatStatus;

pub(super) async fn hosted(state: &AppState, me: &UserRecord, id: Uuid) -> Result<GroupRecord, Error> {
    let g = visible(state, me.id, id).await?;
    if g.host_id != me.id {
        return Err(Error::forbidden("Only the host does this."));
    }
    Ok(g)
}

/// Cancels the session; everyone with a seat or a waitlist place is told.
pub async fn cancel(state: &AppState, me: &UserRecord, id: Uuid, reason: Option<&str>) -> Result<GroupRecord, Error> {
    let g = hosted(state, me, id).await?;
    let reason = mentorhub_domain::mentorship::parse_reason(reason).map_err(|m| Error::field("reason", m))?;
    if g.status != SessionStatus::Scheduled {
        return Err(Conflict::SessionNotScheduled(g.status).into());
    }
    let jobs = notices::cancelled(state, &g);
    if !state
        .store
        .cancel_group_session(id, reason.as_deref(), &jobs, state.clock.now())
        .await?
    {
        return Err(Conflict::SessionNotScheduled(SessionStatus::Cancelled).into());
    }
    mail::events::committed(state, &jobs);
    tracing::info!(group.id = %id, "group session cancelled");
    visible(state, me.id, id).await
}

/// Marks the session held, from its start on.
pub async fn complete(state: &AppState, me: &UserRecord, id: Uuid) -> Result<GroupRecord, Error> {
    let g = hosted(state, me, id).await?;
    if g.status != SessionStatus::Scheduled {
        return Err(Conflict::SessionNotScheduled(g.status).into());
    }
    if g.scheduled_at > state.clock.now() {
        return Err(Conflict::NotStarted.into());
    }
    if !state.store.complete_group_session(id, state.clock.now()).await? {
        return Err(Conflict::SessionNotScheduled(g.status).into());
    }
    visible(state, me.id, id).await
}

/// An attendee rates a completed session once; it counts on the host's card.
pub async fn feedback(
    state: &AppState,
    me: &UserRecord,
    id: Uuid,
    rating: Option<i64>,
    comment: Option<&str>,
) -> Result<GroupRecord, Error> {
    let g = visible(state, me.id, id).await?;
    let (rating, comment) = parse_feedback(rating, comment)?;
    if g.my_seat != Some(SeatStatus::Attending) {
        return Err(Conflict::NotAnAttendee.into());
    }
    if g.status != SessionStatus::Completed {
        return Err(Conflict::NotCompleted.into());
    }
    if !state
        .store
        .add_group_feedback(id, me.id, rating, comment.as_deref(), state.clock.now())
        .await?
    {
        return Err(Conflict::NotCompleted.into());
    }
    visible(state, me.id, id).await
}
