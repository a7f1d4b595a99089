//! Mini mentorship requests. Claims, releases and cancellations are single
//! conditional statements, so of concurrent claims exactly one wins.

use chrono::{DateTime, Utc};
use mentorhub_domain::mini::{MiniRequestInput, MiniStatus, SessionType, Urgency, MAX_OPEN_PER_MENTEE};
use uuid::Uuid;

use crate::job_changes::{apply_jobs, change_with_jobs, JobChanges};
use crate::row::{sqlx_rows, DbRow, Record};
use crate::sql::{Param, Sql};
use crate::{on_pool, ConflictKind, Store, StoreError, StoreResult};

#[derive(Debug, Clone, PartialEq)]
pub struct MiniRequestRecord {
    pub id: Uuid,
    pub mentee_id: Uuid,
    pub mentee_name: String,
    pub mentee_headline: Option<String>,
    pub title: String,
    pub session_type: SessionType,
    pub description: String,
    pub duration: i32,
    pub urgency: Urgency,
    pub preferred_dates: Vec<DateTime<Utc>>,
    /// As stored; see `MiniStatus::effective` for what it is now.
    pub status: MiniStatus,
    pub claimed_by: Option<Uuid>,
    pub claimer_name: Option<String>,
    pub claimer_headline: Option<String>,
    pub claimed_at: Option<DateTime<Utc>>,
    pub outcome: Option<String>,
    pub expires_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const SELECT: &str = "SELECT r.id, r.mentee_id, eu.name AS mentee_name, ep.headline AS mentee_headline, r.title, \
     r.session_type, r.description, r.duration, r.urgency, r.preferred_dates, r.status, r.claimed_by, \
     cu.name AS claimer_name, cp.headline AS claimer_headline, r.claimed_at, r.outcome, \
     r.expires_at, r.created_at, r.updated_at \
     FROM mini_requests r JOIN users eu ON eu.id = r.mentee_id LEFT JOIN mentor_profiles ep ON ep.user_id = r.mentee_id \
     LEFT JOIN users cu ON cu.id = r.claimed_by LEFT JOIN mentor_profiles cp ON cp.user_id = r.claimed_by";

impl Record for MiniRequestRecord {
    fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error> {
        Ok(Self {
            id: row.col("id")?,
            mentee_id: row.col("mentee_id")?,
            mentee_name: row.col("mentee_name")?,
            mentee_headline: row.col("mentee_headline")?,
            title: row.col("title")?,
            session_type: row.parsed("session_type", SessionType::parse)?,
            description: row.col("description")?,
            duration: row.col("duration")?,
            urgency: row.parsed("urgency", Urgency::parse)?,
            preferred_dates: row.json("preferred_dates")?,
            status: row.parsed("status", MiniStatus::parse)?,
            claimed_by: row.col("claimed_by")?,
            claimer_name: row.col("claimer_name")?,
            claimer_headline: row.col("claimer_headline")?,
            claimed_at: row.col("claimed_at")?,
            outcome: row.col("outcome")?,
            expires_at: row.col("expires_at")?,
            created_at: row.col("created_at")?,
            updated_at: row.col("updated_at")?,
        })
    }
}
sqlx_rows!(MiniRequestRecord);

/// Where a page of the board ends: the board's sort key of its last row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoardCursor {
    pub urgency_rank: i64,
    pub created_at: DateTime<Utc>,
    pub id: Uuid,
}

impl BoardCursor {
    pub fn after(record: &MiniRequestRecord) -> Self {
        Self {
            urgency_rank: record.urgency.rank().into(),
            created_at: record.created_at,
            id: record.id,
        }
    }
}

/// Filters of the mentors' board.
#[derive(Debug, Clone, Default)]
pub struct BoardFilter {
    pub session_type: Option<SessionType>,
    pub urgency: Option<Urgency>,
    pub max_duration: Option<i64>,
}

impl Store {
    pub async fn create_mini_request(
        &self,
        id: Uuid,
        mentee_id: Uuid,
        input: &MiniRequestInput,
        expires_at: DateTime<Utc>,
        jobs: &JobChanges,
        now: DateTime<Utc>,
    ) -> StoreResult<MiniRequestRecord> {
        // Touching the mentee's row first serialises their requests on both
        // databases, so the open-request limit holds under concurrency.
        const LOCK: &str = "UPDATE users SET updated_at = updated_at WHERE id = $1";
        let insert = format!(
            "INSERT INTO mini_requests (id, mentee_id, title, session_type, description, duration, \
             urgency, urgency_rank, preferred_dates, status, expires_at, created_at, updated_at) \
             SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10, $11, $11 \
             WHERE (SELECT COUNT(*) FROM mini_requests q WHERE q.mentee_id = $2 AND q.status = 'open' \
             AND q.expires_at > $11) < {MAX_OPEN_PER_MENTEE}"
        );
        let dates = serde_json::to_string(&input.preferred_dates).unwrap_or_else(|_| "[]".into());
        let inserted = on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let result = async {
                sqlx::query(LOCK).bind(mentee_id).execute(&mut *tx).await?;
                let done = sqlx::query(&insert)
                    .bind(id)
                    .bind(mentee_id)
                    .bind(&input.title)
                    .bind(input.session_type.as_str())
                    .bind(&input.description)
                    .bind(input.duration as i32)
                    .bind(input.urgency.as_str())
                    .bind(input.urgency.rank())
                    .bind(&dates)
                    .bind(expires_at)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if done > 0 {
                    apply_jobs!(tx, jobs, now).await?;
                }
                Ok::<u64, StoreError>(done)
            }
            .await;
            pool.finish(tx, result).await
        })?;
        if inserted == 0 {
            return Err(StoreError::Conflict(ConflictKind::TooManyOpenMini));
        }
        self.mini_request(id).await?.ok_or(StoreError::NotFound)
    }

    async fn mini_query(&self, sql: &Sql) -> StoreResult<Vec<MiniRequestRecord>> {
        self.read_all(sql).await
    }

    pub async fn mini_request(&self, id: Uuid) -> StoreResult<Option<MiniRequestRecord>> {
        let mut sql = Sql::default();
        sql.push(SELECT);
        let p = sql.param(Param::Uuid(id));
        sql.push(&format!(" WHERE r.id = {p}"));
        Ok(self.mini_query(&sql).await?.into_iter().next())
    }

    /// A mentee's own requests, newest first.
    pub async fn mini_requests_of(&self, mentee_id: Uuid) -> StoreResult<Vec<MiniRequestRecord>> {
        let mut sql = Sql::default();
        sql.push(SELECT);
        let p = sql.param(Param::Uuid(mentee_id));
        sql.push(&format!(
            " WHERE r.mentee_id = {p} ORDER BY r.created_at DESC, r.id LIMIT 200"
        ));
        self.mini_query(&sql).await
    }

    /// Requests a mentor has claimed (and scheduled, completed), newest activity first.
    pub async fn mini_requests_claimed_by(&self, mentor_id: Uuid) -> StoreResult<Vec<MiniRequestRecord>> {
        let mut sql = Sql::default();
        sql.push(SELECT);
        let p = sql.param(Param::Uuid(mentor_id));
        sql.push(&format!(
            " WHERE r.claimed_by = {p} ORDER BY r.updated_at DESC, r.id LIMIT 200"
        ));
        self.mini_query(&sql).await
    }

    /// Open, unexpired requests of others: most urgent first, then oldest;
    /// up to `limit` rows after `after` (keyset paging, so requests posted
    /// meanwhile neither repeat nor vanish between pages).
    pub async fn open_mini_requests(
        &self,
        viewer: Uuid,
        filter: &BoardFilter,
        now: DateTime<Utc>,
        after: Option<BoardCursor>,
        limit: i64,
    ) -> StoreResult<Vec<MiniRequestRecord>> {
        let mut sql = Sql::default();
        sql.push(SELECT);
        let n = sql.param(Param::Time(now));
        let v = sql.param(Param::Uuid(viewer));
        sql.push(&format!(
            " WHERE r.status = 'open' AND r.expires_at > {n} AND r.mentee_id <> {v}"
        ));
        if let Some(t) = filter.session_type {
            let p = sql.param(Param::Text(t.as_str().to_owned()));
            sql.push(&format!(" AND r.session_type = {p}"));
        }
        if let Some(u) = filter.urgency {
            let p = sql.param(Param::Text(u.as_str().to_owned()));
            sql.push(&format!(" AND r.urgency = {p}"));
        }
        if let Some(d) = filter.max_duration {
            let p = sql.param(Param::Int(d));
            sql.push(&format!(" AND r.duration <= {p}"));
        }
        if let Some(c) = after {
            let rank = sql.param(Param::Int(c.urgency_rank));
            let at = sql.param(Param::Time(c.created_at));
            let id = sql.param(Param::Uuid(c.id));
            sql.push(&format!(
                " AND (r.urgency_rank < {rank} OR (r.urgency_rank = {rank} AND (r.created_at > {at} \
                 OR (r.created_at = {at} AND r.id > {id}))))"
            ));
        }
        let l = sql.param(Param::Int(limit));
        sql.push(&format!(
            " ORDER BY r.urgency_rank DESC, r.created_at ASC, r.id LIMIT {l}"
        ));
        self.mini_query(&sql).await
    }

    /// Claims an open, unexpired request of someone else; false when
    /// another mentor was first or it is no longer open.
    pub async fn claim_mini_request(
        &self,
        id: Uuid,
        mentor_id: Uuid,
        jobs: &JobChanges,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        const SQL: &str = "UPDATE mini_requests SET status = 'claimed', claimed_by = $2, claimed_at = $3, \
             updated_at = $3 WHERE id = $1 AND status = 'open' AND expires_at > $3 AND mentee_id <> $2";
        Ok(change_with_jobs!(
            self,
            jobs,
            now,
            sqlx::query(SQL).bind(id).bind(mentor_id).bind(now)
        )?)
    }

    /// Gives a claimed request back to the board.
    pub async fn release_mini_request(&self, id: Uuid, mentor_id: Uuid, now: DateTime<Utc>) -> StoreResult<bool> {
        const SQL: &str = "UPDATE mini_requests SET status = 'open', claimed_by = NULL, claimed_at = NULL, \
             updated_at = $3 WHERE id = $1 AND status = 'claimed' AND claimed_by = $2";
        self.changed(SQL, id, mentor_id, now).await
    }

    /// The owner cancels an open (unexpired) or claimed request.
    pub async fn cancel_mini_request(&self, id: Uuid, mentee_id: Uuid, now: DateTime<Utc>) -> StoreResult<bool> {
        const SQL: &str = "UPDATE mini_requests SET status = 'cancelled', updated_at = $3 WHERE id = $1 \
             AND mentee_id = $2 AND (status = 'claimed' OR (status = 'open' AND expires_at > $3))";
        self.changed(SQL, id, mentee_id, now).await
    }

    async fn changed(&self, sql: &str, id: Uuid, who: Uuid, now: DateTime<Utc>) -> StoreResult<bool> {
        let done = on_pool!(self, pool => sqlx::query(sql).bind(id).bind(who).bind(now).execute(pool).await
            .map(|r| r.rows_affected()))?;
        Ok(done > 0)
    }

    /// Completes a scheduled mini session that has started, and its request.
    pub async fn complete_mini_session(
        &self,
        session_id: Uuid,
        request_id: Uuid,
        notes: &str,
        outcome: Option<&str>,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        const SESSION: &str = "UPDATE sessions SET status = 'completed', notes = $2, sequence = sequence + 1, \
             updated_at = $3 WHERE id = $1 AND status = 'scheduled' AND scheduled_at <= $3";
        const REQUEST: &str =
            "UPDATE mini_requests SET status = 'completed', outcome = $2, updated_at = $3 WHERE id = $1";
        let done = on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let result = async {
                let done = sqlx::query(SESSION).bind(session_id).bind(notes).bind(now).execute(&mut *tx).await?.rows_affected();
                if done > 0 {
                    sqlx::query(REQUEST).bind(request_id).bind(outcome).bind(now).execute(&mut *tx).await?;
                }
                Ok::<u64, StoreError>(done)
            }
            .await;
            pool.finish(tx, result).await
        })?;
        Ok(done > 0)
    }

    /// Marks open requests past their expiry as expired; returns each one
    /// (id, mentee, title) once, however many instances sweep at once.
    pub async fn expire_mini_requests(&self, now: DateTime<Utc>) -> StoreResult<Vec<(Uuid, Uuid, String)>> {
        const SQL: &str = "UPDATE mini_requests SET status = 'expired', updated_at = $1 \
             WHERE status = 'open' AND expires_at <= $1 RETURNING id, mentee_id, title";
        let rows: Vec<(Uuid, Uuid, String)> =
            on_pool!(self, pool => sqlx::query_as(SQL).bind(now).fetch_all(pool).await)?;
        Ok(rows)
    }
}
