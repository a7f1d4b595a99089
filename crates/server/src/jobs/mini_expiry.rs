//! Marks mini mentorship requests whose time ran out as expired and tells
//! their owners (the rule itself is `services::mini::expiry`).

use crate::services::{self, mini};
use crate::state::AppState;

/// Returns how many requests expired in this round.
pub async fn run(state: &AppState) -> services::Result<usize> {
    let expired = mini::sweep_expired(state).await?;
    if expired > 0 {
        tracing::info!(mini.expired = expired, "mini requests expired");
    }
    Ok(expired)
}
