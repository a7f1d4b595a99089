//! The job runner: claims due rows of the `jobs` table (each job goes to
//! exactly one runner, on any number of instances), runs them, and records
//! the outcome: done, retried with exponential backoff, or, after
//! `MAX_ATTEMPTS`, kept as failed for an admin to see and retry. Periodic
//! work (mini request expiry, clean-up) is itself a job per time slot.
//! One module per job kind.

pub mod calendar_sync;
pub mod email;
pub mod group_notice;
pub mod kinds;
pub mod mini_expiry;
pub mod notify;
pub mod periodic;
pub mod request_sweep;
pub mod token_cleanup;

use std::panic::AssertUnwindSafe;
use std::time::Duration;

use futures_util::FutureExt;

use mentorhub_store::JobRecord;

use crate::services;
use crate::state::AppState;
use kinds::Kind;

/// How long a claimed job is its runner's; past it (the runner died) the
/// job is due again.
pub const LEASE: Duration = Duration::from_secs(5 * 60);
/// Attempts before a job is kept as failed.
pub const MAX_ATTEMPTS: i32 = 5;
/// Jobs claimed at once.
const BATCH: i64 = 20;

/// The wait before attempt `attempts + 1`: 30 s, 1, 2, 4, 8 minutes...,
/// at most an hour.
pub fn backoff(attempts: i32) -> Duration {
    let exponent = attempts.clamp(1, 8) as u32 - 1;
    Duration::from_secs((30u64 << exponent).min(3600))
}

/// Runs every job that is due now, until none is left; returns how many
/// ran. Tests move the clock and call this instead of waiting.
pub async fn run_due(state: &AppState) -> usize {
    let (_keep, never) = tokio::sync::watch::channel(false);
    drain(state, &never).await
}

/// Like `run_due`, but returns once `stop` is set, after the job at hand;
/// jobs claimed but not started go back to the queue.
async fn drain(state: &AppState, stop: &tokio::sync::watch::Receiver<bool>) -> usize {
    let mut ran = 0;
    loop {
        let now = state.clock.now();
        let lease = chrono::Duration::from_std(LEASE).unwrap_or(chrono::Duration::minutes(5));
        let jobs = match state.store.claim_jobs(now, now + lease, BATCH).await {
            Ok(jobs) => jobs,
            Err(err) => {
                tracing::error!(error = %err, "could not claim jobs");
                return ran;
            }
        };
        if jobs.is_empty() {
            return ran;
        }
        for (i, job) in jobs.iter().enumerate() {
            if *stop.borrow() {
                for left in &jobs[i..] {
                    let _ = state.store.release_job(left, state.clock.now()).await;
                }
                return ran;
            }
            execute(state, job).await;
            ran += 1;
        }
    }
}

async fn execute(state: &AppState, job: &JobRecord) {
    let kind = Kind::parse(&job.kind);
    let result = match kind {
        // A job that panics fails like any other (and is retried); it must
        // not take this instance's runner down with it.
        Some(kind) => match AssertUnwindSafe(run(state, kind, job)).catch_unwind().await {
            Ok(result) => result,
            Err(_) => Err(services::Error::Internal("the job panicked".into())),
        },
        None => Err(services::Error::Internal(format!("unknown job kind {:?}", job.kind))),
    };
    let now = state.clock.now();
    let recorded = match &result {
        Ok(()) => state.store.finish_job(job, now).await,
        Err(err) => {
            let retry_at = (job.attempts < MAX_ATTEMPTS)
                .then(|| now + chrono::Duration::from_std(backoff(job.attempts)).unwrap_or_default());
            tracing::warn!(job.id = %job.id, job.kind = %job.kind, job.attempts = job.attempts,
                final_attempt = retry_at.is_none(), error = %err, "job failed");
            state.store.fail_job(job, &err.to_string(), retry_at, now).await
        }
    };
    match recorded {
        Ok(true) => state.metrics.record_job(&job.kind, result.is_ok()),
        Ok(false) => tracing::warn!(job.id = %job.id, "job was taken over before it finished (lease ran out)"),
        Err(err) => tracing::error!(job.id = %job.id, error = %err, "could not record a job's outcome"),
    }
    if let Some(kind) = kind.filter(|k| k.period().is_some()) {
        periodic::schedule_next(state, kind).await;
    }
}

async fn run(state: &AppState, kind: Kind, job: &JobRecord) -> services::Result<()> {
    match kind {
        Kind::MiniExpiry => mini_expiry::run(state).await.map(drop),
        Kind::Cleanup => token_cleanup::run(state).await,
        Kind::Notify => notify::run(state, &job.payload).await,
        Kind::Email => email::run(state, job).await,
        Kind::GroupNotice => group_notice::run(state, &job.payload).await,
        Kind::CalendarSync => calendar_sync::run(state).await.map(drop),
        Kind::RequestSweep => request_sweep::run(state).await,
    }
}

/// Runs jobs until `stop` resolves: every `MENTORHUB_JOB_POLL`, or at once
/// when this instance enqueued a job due now. A job that started is
/// finished before the runner stops.
pub async fn run_until(state: AppState, stop: tokio::sync::watch::Receiver<bool>) {
    periodic::schedule_all(&state).await;
    let mut stop = stop;
    loop {
        if *stop.borrow() {
            return;
        }
        drain(&state, &stop).await;
        tokio::select! {
            () = tokio::time::sleep(state.config.job_poll) => {}
            () = state.jobs_wake.notified() => {}
            _ = stop.changed() => {}
        }
    }
}
