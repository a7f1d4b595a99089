//! A mentor's response rate and median response time over the last 90
//! days, stored on their profile so cards and the `responsive` sort read
//! them without work. Refreshed when they answer, when a request expires,
//! and daily by the sweep (the window moves on).

use chrono::Duration;
use mentorhub_domain::trust::{responsiveness, RESPONSIVENESS_DAYS};
use uuid::Uuid;

use crate::services::error::Error;
use crate::state::AppState;

/// Mentors refreshed per sweep.
const BATCH: i64 = 50;

pub async fn refresh(state: &AppState, mentor: Uuid) -> Result<(), Error> {
    let now = state.clock.now();
    let answers = state
        .store
        .answers(mentor, now - Duration::days(RESPONSIVENESS_DAYS))
        .await?;
    let figures = responsiveness(&answers);
    state
        .store
        .save_responsiveness(mentor, figures.response_rate, figures.median_response_hours, now)
        .await?;
    Ok(())
}

/// Refreshes mentors not refreshed for a day.
pub async fn refresh_stale(state: &AppState) -> Result<(), Error> {
    let day_ago = state.clock.now() - Duration::days(1);
    for mentor in state.store.stale_responsiveness(day_ago, BATCH).await? {
        refresh(state, mentor).await?;
    }
    Ok(())
}
