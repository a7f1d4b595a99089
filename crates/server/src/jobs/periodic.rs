//! Periodic work as jobs: one row per kind and time slot, its dedup key
//! naming the slot (`periodic:mini_expiry:2026-12-01T09:01:00+00:00`), so
//! however many instances schedule a slot, it is created and run once.

use chrono::{DateTime, DurationRound, Utc};
use mentorhub_store::NewJob;

use super::kinds::Kind;
use crate::state::AppState;

/// The start of the first slot of `period` after `now`.
pub fn next_slot(now: DateTime<Utc>, period: std::time::Duration) -> DateTime<Utc> {
    let period = chrono::Duration::from_std(period).unwrap_or(chrono::Duration::minutes(1));
    now.duration_trunc(period).unwrap_or(now) + period
}

/// Makes sure the next slot of `kind` is in the queue.
pub async fn schedule_next(state: &AppState, kind: Kind) {
    let Some(period) = kind.period() else { return };
    let run_at = next_slot(state.clock.now(), period);
    let job = NewJob {
        kind: kind.as_str().to_owned(),
        payload: "{}".into(),
        dedup_key: Some(format!("periodic:{}:{}", kind.as_str(), run_at.to_rfc3339())),
        run_at,
    };
    if let Err(err) = state.store.enqueue(&job, state.clock.now()).await {
        tracing::error!(job.kind = kind.as_str(), error = %err, "could not schedule periodic work");
    }
}

/// At start: the next slot of every periodic kind.
pub async fn schedule_all(state: &AppState) {
    for kind in Kind::PERIODIC {
        schedule_next(state, kind).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn slots_start_on_the_period() {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 42).unwrap();
        let minute = std::time::Duration::from_secs(60);
        assert_eq!(
            next_slot(now, minute),
            Utc.with_ymd_and_hms(2026, 12, 1, 9, 1, 0).unwrap()
        );
        let hour = std::time::Duration::from_secs(3600);
        assert_eq!(
            next_slot(now, hour),
            Utc.with_ymd_and_hms(2026, 12, 1, 10, 0, 0).unwrap()
        );
    }
}
