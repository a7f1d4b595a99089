//! How a mini request is read: with its session and its effective status,
//! and who may see it.

use mentorhub_domain::mini::MiniStatus;
use mentorhub_store::{MiniRequestRecord, SessionRecord, UserRecord};
use uuid::Uuid;

use crate::services::conflict::Conflict;
use crate::services::error::Error;
use crate::state::AppState;

/// A request with its session, as every interface shows it.
pub struct MiniView {
    pub request: MiniRequestRecord,
    /// What the request is now (expired once past its expiry, sweep or not).
    pub status: MiniStatus,
    pub session: Option<SessionRecord>,
}

pub(super) async fn view(state: &AppState, request: MiniRequestRecord) -> Result<MiniView, Error> {
    let status = request.status.effective(request.expires_at, state.clock.now());
    // Only a scheduled or completed request has a session; lists of open
    // requests need no extra lookups.
    let session = match request.status {
        MiniStatus::Scheduled | MiniStatus::Completed => state.store.session_of_mini_request(request.id).await?,
        _ => None,
    };
    Ok(MiniView {
        request,
        status,
        session,
    })
}

pub(super) async fn views(state: &AppState, requests: Vec<MiniRequestRecord>) -> Result<Vec<MiniView>, Error> {
    let mut out = Vec::with_capacity(requests.len());
    for r in requests {
        out.push(view(state, r).await?);
    }
    Ok(out)
}

pub(super) fn mentee_only(me: &UserRecord) -> Result<(), Error> {
    if me.is_mentee {
        Ok(())
    } else {
        Err(Error::forbidden("Only mentees post mini mentorship requests."))
    }
}

pub(super) fn mentor_only(me: &UserRecord) -> Result<(), Error> {
    if me.is_mentor {
        Ok(())
    } else {
        Err(Error::forbidden("Only mentors can do this."))
    }
}

/// Who may see a request: its owner, the mentor who claimed it, and any
/// mentor while it is open.
pub(super) fn may_see(me: &UserRecord, r: &MiniRequestRecord, status: MiniStatus) -> bool {
    r.mentee_id == me.id || r.claimed_by == Some(me.id) || (me.is_mentor && status == MiniStatus::Open)
}

pub(super) async fn load(state: &AppState, id: Uuid) -> Result<MiniRequestRecord, Error> {
    state.store.mini_request(id).await?.ok_or(Error::NotFound)
}

pub(super) fn conflict(status: MiniStatus) -> Error {
    Conflict::MiniRequestState(status).into()
}
