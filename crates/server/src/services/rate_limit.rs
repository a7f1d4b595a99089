//! Rate limits counted in the database (`rate_counters`), so they hold
//! across instances: hits per rule and subject in time buckets, summed
//! over a sliding window. Subjects (emails, addresses, user ids) are stored
//! only as hashes.

use chrono::{DateTime, Duration, DurationRound, Utc};

use crate::services::accounts::tokens::hash_token;
use crate::services::error::{Error, Result};
use crate::state::AppState;

/// One limit: at most `limit` hits per `window` for each subject.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub name: &'static str,
    pub limit: i64,
    pub window: std::time::Duration,
}

impl Rule {
    pub fn new(name: &'static str, limit: i64, window: std::time::Duration) -> Self {
        Self { name, limit, window }
    }

    fn key(&self, subject: &str) -> String {
        hash_token(&format!("{}:{subject}", self.name))
    }

    fn window(&self) -> Duration {
        Duration::from_std(self.window).unwrap_or(Duration::minutes(15))
    }

    /// Fifteen buckets a window (at least a second each).
    fn bucket(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        let size = (self.window() / 15).max(Duration::seconds(1));
        now.duration_trunc(size).unwrap_or(now)
    }
}

/// Counts one hit for `subject`.
pub async fn hit(state: &AppState, rule: Rule, subject: &str) -> Result<()> {
    let now = state.clock.now();
    let bucket = rule.bucket(now);
    state
        .store
        .rate_hit(
            &rule.key(subject),
            bucket,
            bucket + rule.window() + Duration::seconds(1),
        )
        .await?;
    Ok(())
}

/// How many hits `subject` has in the window now.
pub async fn count(state: &AppState, rule: Rule, subject: &str) -> Result<i64> {
    let now = state.clock.now();
    Ok(state
        .store
        .rate_count(&rule.key(subject), now - rule.window())
        .await?
        .hits)
}

/// `RateLimited(seconds to wait)` when `subject` has used up the rule.
pub async fn check(state: &AppState, rule: Rule, subject: &str) -> Result<()> {
    within(state, rule, subject, rule.limit - 1).await
}

/// `RateLimited` when `subject` has more than `allowed` hits in the window.
async fn within(state: &AppState, rule: Rule, subject: &str, allowed: i64) -> Result<()> {
    let now = state.clock.now();
    let counted = state.store.rate_count(&rule.key(subject), now - rule.window()).await?;
    if counted.hits <= allowed {
        return Ok(());
    }
    let oldest = counted.oldest.unwrap_or(now);
    let wait = (oldest + rule.window() - now).num_seconds().max(1);
    Err(Error::RateLimited(wait as u64))
}

/// Counts the hit first, then refuses it when it went over the limit: of
/// concurrent attempts, no more than `limit` get through.
pub async fn take(state: &AppState, rule: Rule, subject: &str) -> Result<()> {
    hit(state, rule, subject).await?;
    within(state, rule, subject, rule.limit).await
}
