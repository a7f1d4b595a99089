//! Periodic work in every instance, one module per job. Each job is one
//! atomic statement per item, so any number of instances may run them at
//! once without doing work twice.

pub mod mini_expiry;
pub mod token_cleanup;

use std::time::Duration;

use crate::state::AppState;

pub const INTERVAL: Duration = Duration::from_secs(60);

/// One round of every job; returns how many mini requests expired.
pub async fn run_once(state: &AppState) -> usize {
    let expired = match mini_expiry::run(state).await {
        Ok(n) => n,
        Err(err) => {
            tracing::error!(error = %err, "mini request expiry failed");
            0
        }
    };
    if let Err(err) = token_cleanup::run(state).await {
        tracing::error!(error = %err, "token clean-up failed");
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
