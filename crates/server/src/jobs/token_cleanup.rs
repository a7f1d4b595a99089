//! Drops sign-in sessions and API tokens past their expiry, rate-limit
//! counters no window looks at any more, and jobs finished a week ago.

use crate::services;
use crate::state::AppState;

pub async fn run(state: &AppState) -> services::Result<()> {
    let now = state.clock.now();
    state.store.delete_expired_tokens(now).await?;
    state.store.delete_expired_rate_counters(now).await?;
    state
        .store
        .delete_finished_jobs(now - chrono::Duration::days(7))
        .await?;
    Ok(())
}
