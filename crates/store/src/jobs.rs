//! The durable job queue: rows in `jobs`, claimed by one runner at a time
//! (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite's single writer makes the
//! claiming `UPDATE` atomic), with a lease so the work of a runner that died
//! is picked up again, retries with a time chosen by the caller, and a
//! unique dedup key that makes enqueueing idempotent.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::job_changes::{enqueue_on, NewJob};
use crate::row::{sqlx_rows, DbRow, Record};
use crate::sql::Sql;
use crate::{on_pool, Backend, Store, StoreResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobStatus {
    Pending,
    Running,
    Done,
    Failed,
    Cancelled,
}

impl JobStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Pending => "pending",
            JobStatus::Running => "running",
            JobStatus::Done => "done",
            JobStatus::Failed => "failed",
            JobStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "pending" => JobStatus::Pending,
            "running" => JobStatus::Running,
            "done" => JobStatus::Done,
            "failed" => JobStatus::Failed,
            "cancelled" => JobStatus::Cancelled,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobRecord {
    pub id: Uuid,
    pub kind: String,
    pub payload: String,
    pub dedup_key: Option<String>,
    pub status: JobStatus,
    pub run_at: DateTime<Utc>,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

impl Record for JobRecord {
    fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error> {
        Ok(Self {
            id: row.col("id")?,
            kind: row.col("kind")?,
            payload: row.col("payload")?,
            dedup_key: row.col("dedup_key")?,
            status: row.parsed("status", JobStatus::parse)?,
            run_at: row.col("run_at")?,
            attempts: row.col("attempts")?,
            last_error: row.col("last_error")?,
            created_at: row.col("created_at")?,
            finished_at: row.col("finished_at")?,
        })
    }
}
sqlx_rows!(JobRecord);

const COLUMNS: &str = "id, kind, payload, dedup_key, status, run_at, attempts, last_error, created_at, finished_at";

/// How many jobs of a kind are in a state (for metrics).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobCount {
    pub kind: String,
    pub status: JobStatus,
    pub count: i64,
}

impl Store {
    /// Enqueues a job; false when a job with its dedup key exists already.
    pub async fn enqueue(&self, job: &NewJob, now: DateTime<Utc>) -> StoreResult<bool> {
        let inserted = on_pool!(self, pool => enqueue_on!(pool, job, now))?;
        Ok(inserted > 0)
    }

    /// Claims up to `limit` due jobs for this runner until `lease_until`:
    /// each job is handed to exactly one claimer. Jobs whose lease ran out
    /// (their runner died) are due again first.
    pub async fn claim_jobs(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: i64,
    ) -> StoreResult<Vec<JobRecord>> {
        const EXPIRED: &str = "UPDATE jobs SET status = 'pending', locked_until = NULL, updated_at = $1 \
             WHERE status = 'running' AND locked_until <= $1";
        let lock = match self.backend {
            Backend::Postgres(_) => " FOR UPDATE SKIP LOCKED",
            Backend::Sqlite(_) => "",
        };
        let claim = format!(
            "UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_until = $2, updated_at = $1 \
             WHERE id IN (SELECT id FROM jobs WHERE status = 'pending' AND run_at <= $1 \
             ORDER BY run_at, id LIMIT $3{lock}) RETURNING {COLUMNS}"
        );
        on_pool!(self, pool => sqlx::query(EXPIRED).bind(now).execute(pool).await.map(|r| r.rows_affected()))?;
        let mut jobs: Vec<JobRecord> = on_pool!(self, pool => sqlx::query_as(&claim)
            .bind(now)
            .bind(lease_until)
            .bind(limit)
            .fetch_all(pool)
            .await)?;
        jobs.sort_by_key(|j| (j.run_at, j.id));
        Ok(jobs)
    }

    /// Marks a claimed job done; false when this claim is no longer the
    /// job's (its lease ran out and another runner took it).
    pub async fn finish_job(&self, job: &JobRecord, now: DateTime<Utc>) -> StoreResult<bool> {
        const SQL: &str = "UPDATE jobs SET status = 'done', finished_at = $2, updated_at = $2, locked_until = NULL, \
             last_error = NULL WHERE id = $1 AND status = 'running' AND attempts = $3";
        let done = on_pool!(self, pool => sqlx::query(SQL)
            .bind(job.id)
            .bind(now)
            .bind(job.attempts)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(done > 0)
    }

    /// Records a failed attempt: the job runs again at `retry_at`, or, with
    /// `retry_at` None, is kept as failed.
    pub async fn fail_job(
        &self,
        job: &JobRecord,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        const RETRY: &str = "UPDATE jobs SET status = 'pending', run_at = $3, last_error = $4, locked_until = NULL, \
             updated_at = $2 WHERE id = $1 AND status = 'running' AND attempts = $5";
        const FAILED: &str = "UPDATE jobs SET status = 'failed', finished_at = $2, last_error = $3, \
             locked_until = NULL, updated_at = $2 WHERE id = $1 AND status = 'running' AND attempts = $4";
        let changed = match retry_at {
            Some(at) => on_pool!(self, pool => sqlx::query(RETRY)
                .bind(job.id)
                .bind(now)
                .bind(at)
                .bind(error)
                .bind(job.attempts)
                .execute(pool)
                .await
                .map(|r| r.rows_affected()))?,
            None => on_pool!(self, pool => sqlx::query(FAILED)
                .bind(job.id)
                .bind(now)
                .bind(error)
                .bind(job.attempts)
                .execute(pool)
                .await
                .map(|r| r.rows_affected()))?,
        };
        Ok(changed > 0)
    }

    /// Gives a claimed job that was not started back to the queue (the
    /// runner is stopping).
    pub async fn release_job(&self, job: &JobRecord, now: DateTime<Utc>) -> StoreResult<bool> {
        const SQL: &str = "UPDATE jobs SET status = 'pending', attempts = attempts - 1, locked_until = NULL, \
             updated_at = $2 WHERE id = $1 AND status = 'running' AND attempts = $3";
        let changed = on_pool!(self, pool => sqlx::query(SQL)
            .bind(job.id)
            .bind(now)
            .bind(job.attempts)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(changed > 0)
    }

    /// A failed job runs again now, with a fresh set of attempts.
    pub async fn retry_failed_job(&self, id: Uuid, now: DateTime<Utc>) -> StoreResult<bool> {
        const SQL: &str = "UPDATE jobs SET status = 'pending', run_at = $2, attempts = 0, finished_at = NULL, \
             updated_at = $2 WHERE id = $1 AND status = 'failed'";
        let changed = on_pool!(self, pool => sqlx::query(SQL)
            .bind(id)
            .bind(now)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(changed > 0)
    }

    pub async fn job(&self, id: Uuid) -> StoreResult<Option<JobRecord>> {
        let sql = format!("SELECT {COLUMNS} FROM jobs WHERE id = $1");
        self.read_optional(&Sql::of(sql.as_str(), vec![id.into()])).await
    }

    /// Jobs in one state, newest first (admins look at failed ones).
    pub async fn jobs_in(&self, status: JobStatus, limit: i64) -> StoreResult<Vec<JobRecord>> {
        let sql = format!("SELECT {COLUMNS} FROM jobs WHERE status = $1 ORDER BY updated_at DESC, id LIMIT $2");
        self.read_all(&Sql::of(sql.as_str(), vec![status.as_str().into(), limit.into()]))
            .await
    }

    /// Live and failed jobs by kind and state (finished ones are not counted).
    pub async fn job_counts(&self) -> StoreResult<Vec<JobCount>> {
        const SQL: &str = "SELECT kind, status, CAST(COUNT(*) AS BIGINT) FROM jobs \
             WHERE status IN ('pending', 'running', 'failed') GROUP BY kind, status ORDER BY kind, status";
        let rows: Vec<(String, String, i64)> = self.read_all(&Sql::of(SQL, vec![])).await?;
        Ok(rows
            .into_iter()
            .filter_map(|(kind, status, count)| {
                JobStatus::parse(&status).map(|status| JobCount { kind, status, count })
            })
            .collect())
    }

    /// Removes jobs that finished (done or cancelled) before `before`.
    pub async fn delete_finished_jobs(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        const SQL: &str = "DELETE FROM jobs WHERE status IN ('done', 'cancelled') AND finished_at < $1";
        let done =
            on_pool!(self, pool => sqlx::query(SQL).bind(before).execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(done)
    }
}
