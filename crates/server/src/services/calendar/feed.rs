//! The private calendar feed: one secret address per person that any
//! calendar application can subscribe to, and one file per session.

use mentorhub_store::{SessionScope, UserRecord};
use uuid::Uuid;

use super::ics;
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

/// The feed behind a token: every session of its owner. Unknown tokens are
/// not found.
pub async fn by_token(state: &AppState, token: &str) -> Result<String> {
    let user_id = state
        .store
        .user_by_calendar_token(token)
        .await?
        .ok_or(Error::NotFound)?;
    let sessions = state
        .store
        .list_sessions(user_id, SessionScope::All, None, state.clock.now(), FEED_SESSIONS, 0)
        .await?;
    Ok(ics::calendar(
        "Mentorhub sessions",
        &sessions,
        &state.config.public_url(),
    ))
}

/// One of the caller's sessions as a calendar file.
pub async fn session_file(state: &AppState, me: &UserRecord, id: Uuid) -> Result<String> {
    let session = sessions::visible(state, me, id).await?;
    Ok(ics::calendar(
        "Mentorhub session",
        std::slice::from_ref(&session),
        &state.config.public_url(),
    ))
}
