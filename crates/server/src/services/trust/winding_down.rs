//! What happens to the people around someone who is suspended or closes
//! their account: each future session is cancelled through the same rule
//! a person would use, so the other side is told in the app and by email
//! exactly as for any cancellation. Waiting requests are withdrawn or
//! declined and mini requests given up; closing an account also ends its
//! mentorships.

use mentorhub_domain::mentorship::Action;
use mentorhub_domain::mini::MiniStatus;
use mentorhub_domain::MentorshipStatus;
use mentorhub_store::{GroupQuery, GroupScope, SessionScope, UserRecord};

use crate::services::error::Error;
use crate::services::{groups, mentorships, mini, sessions};
use crate::state::AppState;

/// At most this many of each kind are wound down in one go.
const LIMIT: i64 = 500;

/// Cancels the person's 1:1 and hosted group sessions that have not
/// started, and gives up their seats in others'.
pub async fn cancel_future_sessions(state: &AppState, user: &UserRecord, reason: &str) -> Result<usize, Error> {
    let now = state.clock.now();
    let mut cancelled = 0;
    for s in state
        .store
        .list_sessions(user.id, SessionScope::Upcoming, None, now, LIMIT, 0)
        .await?
    {
        if s.scheduled_at > now {
            match sessions::cancel(state, user, s.id, Some(reason)).await {
                Ok(_) => cancelled += 1,
                // Cancelled meanwhile by the other person: nothing left to do.
                Err(Error::Conflict(_)) => {}
                Err(other) => return Err(other),
            }
        }
    }
    let query = GroupQuery {
        viewer: user.id,
        scope: GroupScope::Upcoming,
        host_id: None,
        text: None,
        between: None,
        joined: true,
        now,
        limit: LIMIT,
        offset: 0,
    };
    for g in state.store.list_group_sessions(&query).await? {
        if g.scheduled_at <= now {
            continue;
        }
        let outcome = if g.host_id == user.id {
            groups::host::cancel(state, user, g.id, Some(reason)).await.map(drop)
        } else {
            groups::seats::leave(state, user, g.id).await.map(drop)
        };
        match outcome {
            Ok(()) => cancelled += 1,
            Err(Error::Conflict(_)) => {}
            Err(other) => return Err(other),
        }
    }
    Ok(cancelled)
}

/// Withdraws or declines the person's waiting requests (`end_accepted`:
/// and ends their accepted mentorships too).
async fn close_mentorships(state: &AppState, user: &UserRecord, reason: &str, end_accepted: bool) -> Result<(), Error> {
    for m in state.store.list_mentorships(user.id, None, None, LIMIT, 0).await? {
        let action = match m.status {
            MentorshipStatus::Pending if m.mentee_id == user.id => Action::Cancel,
            MentorshipStatus::Pending => Action::Reject,
            MentorshipStatus::Accepted if end_accepted => Action::End,
            _ => continue,
        };
        match mentorships::act(state, user, m.id, action, Some(reason)).await {
            Ok(_) | Err(Error::Conflict(_)) => {}
            Err(other) => return Err(other),
        }
    }
    Ok(())
}

/// Waiting requests, either way, are withdrawn or declined.
pub async fn withdraw_pending(state: &AppState, user: &UserRecord, reason: &str) -> Result<(), Error> {
    close_mentorships(state, user, reason, false).await
}

/// Every live mentorship ends (closing an account).
pub async fn end_mentorships(state: &AppState, user: &UserRecord, reason: &str) -> Result<(), Error> {
    close_mentorships(state, user, reason, true).await
}

/// The person's open mini requests are cancelled and the ones they
/// claimed go back to the board.
pub async fn give_up_mini(state: &AppState, user: &UserRecord) -> Result<(), Error> {
    let own = if user.is_mentee {
        mini::my_requests(state, user).await?
    } else {
        Vec::new()
    };
    for v in own
        .iter()
        .filter(|v| matches!(v.status, MiniStatus::Open | MiniStatus::Claimed))
    {
        match mini::cancel(state, user, v.request.id).await {
            Ok(_) | Err(Error::Conflict(_)) => {}
            Err(other) => return Err(other),
        }
    }
    let claimed = if user.is_mentor {
        mini::claimed(state, user).await?
    } else {
        Vec::new()
    };
    for v in claimed.iter().filter(|v| v.status == MiniStatus::Claimed) {
        match mini::release(state, user, v.request.id).await {
            Ok(_) | Err(Error::Conflict(_)) => {}
            Err(other) => return Err(other),
        }
    }
    Ok(())
}
