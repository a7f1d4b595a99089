//! Mentorship requests nobody answers (the rules are `services::trust::stale`).

use crate::services::{self, trust};
use crate::state::AppState;

pub async fn run(state: &AppState) -> services::Result<()> {
    let swept = trust::stale::sweep(state).await?;
    if swept.nudged + swept.expired + swept.paused > 0 {
        tracing::info!(
            requests.nudged = swept.nudged,
            requests.expired = swept.expired,
            mentors.paused = swept.paused,
            "stale mentorship requests swept"
        );
    }
    Ok(())
}
