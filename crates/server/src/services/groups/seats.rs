//! Joining and leaving: a seat while there is one, the waitlist after; a
//! freed seat goes to the first person waiting, who is told at once.

use mentorhub_domain::group::joinable;
use mentorhub_store::{GroupRecord, UserRecord};
use uuid::Uuid;

use super::{notices, visible};
use crate::services::conflict::Conflict;
use crate::services::error::Error;
use crate::state::AppState;
use mentorhub_store::ConflictKind;

/// Takes a seat or a waitlist place; joining again keeps the place.
pub async fn join(state: &AppState, me: &UserRecord, id: Uuid) -> Result<GroupRecord, Error> {
    let g = visible(state, me.id, id).await?;
    if g.host_id == me.id {
        return Err(Conflict::OwnGroupSession.into());
    }
    let now = state.clock.now();
    if g.my_seat.is_none() && !joinable(g.status, g.scheduled_at, now) {
        return Err(Conflict::Store(ConflictKind::GroupClosed).into());
    }
    if g.my_seat.is_none() {
        let seat = state.store.join_group_session(id, me.id, now).await?;
        tracing::info!(group.id = %id, user.id = %me.id, seat = seat.as_str(), "joined a group session");
    }
    visible(state, me.id, id).await
}

/// Gives up a seat or a waitlist place; the freed seat is taken at once.
pub async fn leave(state: &AppState, me: &UserRecord, id: Uuid) -> Result<GroupRecord, Error> {
    let g = visible(state, me.id, id).await?;
    if g.my_seat.is_none() {
        return Ok(g);
    }
    let outcome = state.store.leave_group_session(id, me.id, state.clock.now()).await?;
    if let Some(promoted) = outcome.promoted {
        notices::promoted(state, &g, promoted).await;
    }
    // Someone who could see it only through their seat (a former mentee)
    // gets the session as it is now, without their place.
    match visible(state, me.id, id).await {
        Err(Error::NotFound) => Ok(GroupRecord { my_seat: None, ..g }),
        other => other,
    }
}
