//! The private calendar feed: one secret address per person that any
//! calendar application can subscribe to, and one file per session.

use mentorhub_store::{GroupQuery, GroupScope, SessionScope, UserRecord};
use uuid::Uuid;

use super::ics::{self, CalEvent};
use crate::services::accounts::tokens::new_token;
use crate::services::error::{Error, Result};
use crate::services::sessions;
use crate::state::AppState;

/// Most sessions a feed carries (newest first).
const FEED_SESSIONS: i64 = 500;

fn url_of(state: &AppState, token: &str) -> String {
    format!("{}/calendar/{token}.ics", state.config.public_url())
}

/// The caller's feed address, created on first use.
pub async fn url(state: &AppState, me: &UserRecord) -> Result<String> {
    let token = state
        .store
        .calendar_token(me.id, &new_token(), state.clock.now())
        .await?;
    Ok(url_of(state, &token))
}

/// A new address for the caller's feed; the old one stops working.
pub async fn rotate(state: &AppState, me: &UserRecord) -> Result<String> {
    let token = new_token();
    state
        .store
        .rotate_calendar_token(me.id, &token, state.clock.now())
        .await?;
    Ok(url_of(state, &token))
}

/// The feed behind a token: every session of its owner, group sessions
/// they host or attend included. Unknown tokens are not found.
pub async fn by_token(state: &AppState, token: &str) -> Result<String> {
    let user_id = state
        .store
        .user_by_calendar_token(token)
        .await?
        .ok_or(Error::NotFound)?;
    let base = state.config.public_url();
    let now = state.clock.now();
    let sessions = state
        .store
        .list_sessions(user_id, SessionScope::All, None, now, FEED_SESSIONS, 0)
        .await?;
    let mut events: Vec<CalEvent> = sessions.iter().map(|s| CalEvent::session(s, &base)).collect();
    for scope in [GroupScope::Upcoming, GroupScope::Past] {
        let query = GroupQuery {
            viewer: user_id,
            scope,
            host_id: None,
            text: None,
            between: None,
            joined: true,
            now,
            limit: FEED_SESSIONS,
            offset: 0,
        };
        let groups = state.store.list_group_sessions(&query).await?;
        // A waitlist place is not a commitment; it shows once it is a seat.
        events.extend(
            groups
                .iter()
                .filter(|g| g.status_of(user_id).is_inside())
                .map(|g| CalEvent::group(g, &base)),
        );
    }
    Ok(ics::calendar("Mentorhub sessions", &events))
}

/// One of the caller's sessions as a calendar file.
pub async fn session_file(state: &AppState, me: &UserRecord, id: Uuid) -> Result<String> {
    let session = sessions::visible(state, me, id).await?;
    let base = state.config.public_url();
    Ok(ics::calendar(
        "Mentorhub session",
        &[CalEvent::session(&session, &base)],
    ))
}

/// A group session as a calendar file, for its host and attendees.
pub async fn group_file(state: &AppState, me: &UserRecord, id: Uuid) -> Result<String> {
    let g = crate::services::groups::room(state, me, id).await?;
    let base = state.config.public_url();
    Ok(ics::calendar("Mentorhub group session", &[CalEvent::group(&g, &base)]))
}
