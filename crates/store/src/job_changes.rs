//! Jobs written inside another change's transaction (the enqueue
//! statement, and `JobChanges` with the `apply_jobs!` macro that store
//! modules call in their transactions).

use chrono::{DateTime, Utc};

/// A job to run at `run_at`. A second job with the same `dedup_key` is
/// not created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewJob {
    pub kind: String,
    pub payload: String,
    pub dedup_key: Option<String>,
    pub run_at: DateTime<Utc>,
}

/// The statement that enqueues a job; binds id, kind, payload, dedup key,
/// run at, now. Other modules run it inside their own transactions so a job
/// exists exactly when the change that causes it was committed.
pub(crate) const ENQUEUE: &str = "INSERT INTO jobs (id, kind, payload, dedup_key, status, run_at, attempts, \
     created_at, updated_at) VALUES ($1, $2, $3, $4, 'pending', $5, 0, $6, $6) \
     ON CONFLICT (dedup_key) WHERE dedup_key IS NOT NULL DO NOTHING";

/// `ENQUEUE` for a statement that binds more: the job's id, kind, payload,
/// dedup key and run-at at `$first`..`$first+4`, now at `$now`, and a
/// flag at `$when` (no job when false), so one statement can write a job
/// or not (`Store::add_message`).
pub(crate) fn enqueue_when(first: usize, now: usize, when: usize) -> String {
    let [id, kind, payload, key, run_at] = std::array::from_fn(|i| first + i);
    format!(
        "INSERT INTO jobs (id, kind, payload, dedup_key, status, run_at, attempts, created_at, updated_at) \
         SELECT ${id}, ${kind}, ${payload}, ${key}, 'pending', ${run_at}, 0, ${now}, ${now} WHERE ${when} \
         ON CONFLICT (dedup_key) WHERE dedup_key IS NOT NULL DO NOTHING"
    )
}

/// Enqueues `$job` (a `&NewJob`) on `$exec` (a pool or a transaction) at
/// `$now`; evaluates to the rows inserted (0 for a duplicate key). Store
/// modules that must create a job in the same transaction as their change
/// use it through `apply_jobs!`.
macro_rules! enqueue_on {
    ($exec:expr, $job:expr, $now:expr) => {
        sqlx::query($crate::job_changes::ENQUEUE)
            .bind(uuid::Uuid::new_v4())
            .bind(&$job.kind)
            .bind(&$job.payload)
            .bind($job.dedup_key.as_deref())
            .bind($job.run_at)
            .bind($now)
            .execute($exec)
            .await
            .map(|r| r.rows_affected())
    };
}
pub(crate) use enqueue_on;

/// Jobs that a change causes: created, and older pending ones (by dedup
/// key prefix) cancelled, inside the change's own transaction, so they
/// exist exactly when the change was committed: no lost email when the
/// server dies after the commit, no phantom one when the change rolls back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JobChanges {
    pub create: Vec<NewJob>,
    pub cancel_prefix: Option<String>,
}

impl JobChanges {
    pub fn create(jobs: Vec<NewJob>) -> Self {
        Self {
            create: jobs,
            cancel_prefix: None,
        }
    }

    /// Whether one of the new jobs is due at `now` (worth waking a runner).
    pub fn due_by(&self, now: DateTime<Utc>) -> bool {
        self.create.iter().any(|j| j.run_at <= now)
    }
}

pub(crate) const CANCEL_BY_PREFIX: &str = "UPDATE jobs SET status = 'cancelled', finished_at = $2, updated_at = $2 \
     WHERE status = 'pending' AND substr(dedup_key, 1, length($1)) = $1";

/// Applies `$changes` (a `&JobChanges`) on `$tx` at `$now`; `?`-able.
macro_rules! apply_jobs {
    ($tx:expr, $changes:expr, $now:expr) => {
        async {
            if let Some(prefix) = &$changes.cancel_prefix {
                sqlx::query($crate::job_changes::CANCEL_BY_PREFIX)
                    .bind(prefix)
                    .bind($now)
                    .execute(&mut *$tx)
                    .await?;
            }
            for job in &$changes.create {
                $crate::job_changes::enqueue_on!(&mut *$tx, job, $now)?;
            }
            Ok::<(), $crate::StoreError>(())
        }
    };
}
pub(crate) use apply_jobs;

/// Runs one state-changing statement (`$query`, a bound `sqlx::query`)
/// and, when it changed a row, `$changes`, in one transaction; evaluates to
/// whether a row changed.
macro_rules! change_with_jobs {
    ($store:expr, $changes:expr, $now:expr, $query:expr) => {
        on_pool!($store, pool => {
            let mut tx = pool.begin().await?;
            let result = async {
                let done = $query.execute(&mut *tx).await?.rows_affected();
                if done > 0 {
                    $crate::job_changes::apply_jobs!(tx, $changes, $now).await?;
                }
                Ok::<u64, $crate::StoreError>(done)
            }
            .await;
            pool.finish(tx, result).await
        })
        .map(|done| done > 0)
    };
}
pub(crate) use change_with_jobs;
