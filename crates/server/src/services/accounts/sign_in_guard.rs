//! Bounds password guessing without letting a stranger lock a person out.
//!
//! - Wrong passwords per (email, client): after `failures_per_pair` the
//!   client waits; the same person elsewhere is not affected.
//! - Wrong passwords per client (any email): credential stuffing from one
//!   address waits after `failures_per_client`.
//! - Wrong passwords per email (any client): past `failures_per_email` the
//!   email is under attack and clients that never signed in to it get one
//!   attempt per `slow_down`; a client that signed in to it before (within
//!   30 days) is not slowed, so its owner still gets in.
//!
//! Counters live in the database, so the limits hold across instances.

use std::time::Duration;

use crate::services::error::Result;
use crate::services::rate_limit::{self, Rule};
use crate::state::AppState;

const KNOWN_CLIENT_WINDOW: Duration = Duration::from_secs(30 * 24 * 3600);

fn pair(email: &str, client: &str) -> String {
    format!("{email}\u{1f}{client}")
}

fn rules(state: &AppState) -> (Rule, Rule, Rule, Rule, Rule) {
    let l = state.limits;
    (
        Rule::new("sign_in_pair", l.failures_per_pair, l.sign_in_window),
        Rule::new("sign_in_client", l.failures_per_client, l.sign_in_window),
        Rule::new("sign_in_email", l.failures_per_email, l.sign_in_window),
        Rule::new("sign_in_slow", 1, l.slow_down),
        Rule::new("sign_in_known", 1, KNOWN_CLIENT_WINDOW),
    )
}

/// Before the password is checked: `RateLimited` when this client must wait.
pub async fn before_attempt(state: &AppState, email: &str, client: &str) -> Result<()> {
    let (per_pair, per_client, per_email, slow, known) = rules(state);
    rate_limit::check(state, per_pair, &pair(email, client)).await?;
    rate_limit::check(state, per_client, client).await?;
    let attacked = rate_limit::count(state, per_email, email).await? >= per_email.limit;
    if attacked && rate_limit::count(state, known, &pair(email, client)).await? == 0 {
        rate_limit::take(state, slow, email).await?;
    }
    Ok(())
}

/// After a wrong password.
pub async fn failed(state: &AppState, email: &str, client: &str) -> Result<()> {
    let (per_pair, per_client, per_email, _, _) = rules(state);
    rate_limit::hit(state, per_pair, &pair(email, client)).await?;
    rate_limit::hit(state, per_client, client).await?;
    rate_limit::hit(state, per_email, email).await
}

/// After the right password: this client is known for this email.
pub async fn succeeded(state: &AppState, email: &str, client: &str) -> Result<()> {
    let (.., known) = rules(state);
    rate_limit::hit(state, known, &pair(email, client)).await
}
