//! Periodic work in every instance: expire mini mentorship requests and
//! drop expired sign-in tokens. Each step is one atomic statement, so any
//! number of instances may run it at once without doing work twice.

use std::time::Duration;

use crate::state::AppState;

pub const INTERVAL: Duration = Duration::from_secs(60);

/// One round of every job; returns how many mini requests expired.
pub async fn run_once(state: &AppState) -> usize {
    let expired = match crate::services::mini::sweep_expired(state).await {
        Ok(n) => n,
        Err(err) => {
            tracing::error!(error = %err, "mini request expiry failed");
            0
        }
    };
    if let Err(err) = state.store.delete_expired_tokens(state.clock.now()).await {
        tracing::error!(error = %err, "token clean-up failed");
    }
    if expired > 0 {
        tracing::info!(mini.expired = expired, "mini requests expired");
    }
    expired
}

/// Runs the jobs every `INTERVAL` until the task is dropped.
pub async fn run_forever(state: AppState) {
    let mut ticker = tokio::time::interval(INTERVAL);
    loop {
        ticker.tick().await;
        run_once(&state).await;
    }
}
