//! Putting work on the durable job queue (`jobs` table; the runner is
//! `crate::jobs`). A job due now wakes this instance's runner at once;
//! other instances find it within `MENTORHUB_JOB_POLL`.

use mentorhub_store::NewJob;

use crate::services::error::Result;
use crate::state::AppState;

/// Enqueues `job`; false when a job with its dedup key exists already.
pub async fn enqueue(state: &AppState, job: NewJob) -> Result<bool> {
    let now = state.clock.now();
    let due_now = job.run_at <= now;
    let created = state.store.enqueue(&job, now).await?;
    if created && due_now {
        state.jobs_wake.notify_one();
    }
    Ok(created)
}
