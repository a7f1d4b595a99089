//! People's own data: the export of everything they wrote or own, and
//! closing the account (password confirmed). Closing cancels future
//! sessions with notice, ends mentorships, frees seats and open mini
//! requests, stops sign-in and sockets; messages stay for the other person
//! under "Deleted user".

use mentorhub_store::UserRecord;
use serde_json::Value;

use super::winding_down;
use crate::realtime::events::{self, Event};
use crate::services::accounts::sign_in_guard;
use crate::services::error::Error;
use crate::state::AppState;

/// Counted like sign-in attempts, so the form cannot be used to guess.
const CLIENT: &str = "account-deletion";

pub async fn export(state: &AppState, me: &UserRecord) -> Result<Value, Error> {
    Ok(state.store.export_account(me.id).await?)
}

pub async fn delete(state: &AppState, me: &UserRecord, password: Option<&str>) -> Result<(), Error> {
    let password = password.unwrap_or("");
    if password.is_empty() {
        return Err(Error::field("password", "Enter your password to confirm."));
    }
    let email = me.email.trim().to_lowercase();
    sign_in_guard::before_attempt(state, &email, CLIENT).await?;
    let hash = state.store.user_credentials(&email).await?.map(|(_, h)| h);
    if !state.hasher.verify(password.to_owned(), hash).await? {
        sign_in_guard::failed(state, &email, CLIENT).await?;
        return Err(Error::field("password", "That is not your password."));
    }
    // Closed first, so nobody books, asks or writes while the rest winds down.
    if !state.store.close_account(me.id, state.clock.now()).await? {
        return Err(Error::NotFound);
    }
    // Here at once; other instances when the event reaches them.
    state.tokens.forget_user(me.id);
    events::publish(state, Event::SignedOut { user: me.id }).await;
    let why = "The other person closed their account.";
    winding_down::cancel_future_sessions(state, me, why).await?;
    winding_down::end_mentorships(state, me, why).await?;
    winding_down::give_up_mini(state, me).await?;
    state.store.scrub_account(me.id, state.clock.now()).await?;
    tracing::info!(user.id = %me.id, "account closed");
    Ok(())
}
