//! Mentorship requests and their states. Every change is a conditional
//! statement on the expected state, so concurrent requests cannot both win.

use chrono::{DateTime, Utc};
use mentorhub_domain::mentorship::MAX_PENDING_PER_MENTEE;
use mentorhub_domain::MentorshipStatus;
use uuid::Uuid;

use crate::job_changes::{apply_jobs, JobChanges};
use crate::row::{sqlx_rows, DbRow, Record};
use crate::sql::{Param, Sql};
use crate::{on_pool, ConflictKind, Store, StoreError, StoreResult};

#[derive(Debug, Clone, PartialEq)]
pub struct MentorshipRecord {
    pub id: Uuid,
    pub mentor_id: Uuid,
    pub mentee_id: Uuid,
    pub status: MentorshipStatus,
    pub message: String,
    pub reject_reason: Option<String>,
    pub start_date: Option<DateTime<Utc>>,
    pub end_date: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub mentor_name: String,
    pub mentor_headline: Option<String>,
    pub mentee_name: String,
    pub mentee_headline: Option<String>,
}

const SELECT: &str = "SELECT m.id, m.mentor_id, m.mentee_id, m.status, m.message, m.reject_reason, m.start_date, \
     m.end_date, m.created_at, m.updated_at, mu.name AS mentor_name, mp.headline AS mentor_headline, \
     eu.name AS mentee_name, ep.headline AS mentee_headline \
     FROM mentorships m JOIN users mu ON mu.id = m.mentor_id LEFT JOIN mentor_profiles mp ON mp.user_id = m.mentor_id \
     JOIN users eu ON eu.id = m.mentee_id LEFT JOIN mentor_profiles ep ON ep.user_id = m.mentee_id";

impl Record for MentorshipRecord {
    fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error> {
        Ok(Self {
            id: row.col("id")?,
            mentor_id: row.col("mentor_id")?,
            mentee_id: row.col("mentee_id")?,
            status: row.parsed("status", MentorshipStatus::parse)?,
            message: row.col("message")?,
            reject_reason: row.col("reject_reason")?,
            start_date: row.col("start_date")?,
            end_date: row.col("end_date")?,
            created_at: row.col("created_at")?,
            updated_at: row.col("updated_at")?,
            mentor_name: row.col("mentor_name")?,
            mentor_headline: row.col("mentor_headline")?,
            mentee_name: row.col("mentee_name")?,
            mentee_headline: row.col("mentee_headline")?,
        })
    }
}
sqlx_rows!(MentorshipRecord);

/// Which side of the caller's mentorships to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentorshipSide {
    AsMentor,
    AsMentee,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MentorshipCounts {
    pub active_mentors: i64,
    pub active_mentees: i64,
    pub incoming_pending: i64,
    pub outgoing_pending: i64,
}

/// A person's mentorships as (active mentors, active mentees, incoming
/// pending, outgoing pending); `$1` is the person. The dashboard's one
/// statement uses it too.
pub(crate) const MENTORSHIP_COUNTS: &str = "SELECT \
     CAST(COALESCE(SUM(CASE WHEN mentee_id = $1 AND status = 'accepted' THEN 1 ELSE 0 END), 0) AS BIGINT) AS a, \
     CAST(COALESCE(SUM(CASE WHEN mentor_id = $1 AND status = 'accepted' THEN 1 ELSE 0 END), 0) AS BIGINT) AS b, \
     CAST(COALESCE(SUM(CASE WHEN mentor_id = $1 AND status = 'pending' THEN 1 ELSE 0 END), 0) AS BIGINT) AS c, \
     CAST(COALESCE(SUM(CASE WHEN mentee_id = $1 AND status = 'pending' THEN 1 ELSE 0 END), 0) AS BIGINT) AS d \
     FROM mentorships WHERE mentor_id = $1 OR mentee_id = $1";

impl Store {
    /// Records a pending request. Conflicts: the pair already has a live
    /// mentorship, the mentee has too many pending requests, or the mentor
    /// does not accept mentees or is full.
    pub async fn create_mentorship(
        &self,
        id: Uuid,
        mentor_id: Uuid,
        mentee_id: Uuid,
        message: &str,
        jobs: &JobChanges,
        now: DateTime<Utc>,
    ) -> StoreResult<MentorshipRecord> {
        // Touching the mentee's row first serialises their requests on both
        // databases, so the pending limit holds under concurrency.
        const LOCK: &str = "UPDATE users SET updated_at = updated_at WHERE id = $1";
        let insert = format!(
            "INSERT INTO mentorships (id, mentor_id, mentee_id, status, message, created_at, updated_at) \
             SELECT $1, $2, $3, 'pending', $4, $5, $5 \
             WHERE (SELECT COUNT(*) FROM mentorships q WHERE q.mentee_id = $3 AND q.status = 'pending') < {MAX_PENDING_PER_MENTEE} \
             AND EXISTS (SELECT 1 FROM mentor_profiles p WHERE p.user_id = $2 AND p.accepting_mentees \
             AND p.active_mentees < p.max_mentees)"
        );
        let inserted = on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let result = async {
                sqlx::query(LOCK).bind(mentee_id).execute(&mut *tx).await?;
                let done = sqlx::query(&insert)
                    .bind(id)
                    .bind(mentor_id)
                    .bind(mentee_id)
                    .bind(message)
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
            let counts = self.mentorship_counts(mentee_id).await?;
            return Err(StoreError::Conflict(
                if counts.outgoing_pending >= MAX_PENDING_PER_MENTEE {
                    ConflictKind::TooManyPending
                } else {
                    ConflictKind::MentorUnavailable
                },
            ));
        }
        self.mentorship(id).await?.ok_or(StoreError::NotFound)
    }

    pub async fn mentorship(&self, id: Uuid) -> StoreResult<Option<MentorshipRecord>> {
        let sql = format!("{SELECT} WHERE m.id = $1");
        self.read_optional(&Sql::of(sql.as_str(), vec![id.into()])).await
    }

    /// The pending or accepted mentorship of a pair, if any.
    pub async fn live_mentorship(&self, mentor_id: Uuid, mentee_id: Uuid) -> StoreResult<Option<MentorshipRecord>> {
        let sql =
            format!("{SELECT} WHERE m.mentor_id = $1 AND m.mentee_id = $2 AND m.status IN ('pending', 'accepted')");
        let row: Option<MentorshipRecord> = self
            .read_optional(&Sql::of(sql.as_str(), vec![mentor_id.into(), mentee_id.into()]))
            .await?;
        Ok(row)
    }

    /// Moves a mentorship from `from` to `to` if it is still in `from`;
    /// false when someone else changed it first. Accepting takes a place
    /// of the mentor's capacity (`Conflict(MentorFull)` when none is left);
    /// ending gives it back.
    pub async fn change_mentorship_status(
        &self,
        record: &MentorshipRecord,
        from: MentorshipStatus,
        to: MentorshipStatus,
        reason: Option<&str>,
        jobs: &JobChanges,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        const TAKE_PLACE: &str = "UPDATE mentor_profiles SET active_mentees = active_mentees + 1 \
             WHERE user_id = $1 AND active_mentees < max_mentees";
        const GIVE_BACK: &str =
            "UPDATE mentor_profiles SET active_mentees = active_mentees - 1 WHERE user_id = $1 AND active_mentees > 0";
        const CHANGE: &str = "UPDATE mentorships SET status = $3, reject_reason = COALESCE($4, reject_reason), \
             start_date = CASE WHEN $3 = 'accepted' THEN $5 ELSE start_date END, \
             end_date = CASE WHEN $3 = 'ended' THEN $5 ELSE end_date END, updated_at = $5, \
             responded_at = CASE WHEN $3 IN ('accepted', 'rejected') THEN $5 ELSE responded_at END \
             WHERE id = $1 AND status = $2";
        let outcome = on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let result = async {
                // The state change first: when it finds nothing to change,
                // nothing else has happened either.
                let changed = sqlx::query(CHANGE)
                    .bind(record.id)
                    .bind(from.as_str())
                    .bind(to.as_str())
                    .bind(reason)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if changed == 0 {
                    return Ok(false);
                }
                if to == MentorshipStatus::Accepted {
                    let took = sqlx::query(TAKE_PLACE).bind(record.mentor_id).execute(&mut *tx).await?.rows_affected();
                    if took == 0 {
                        // Rolled back by `finish`, undoing the change above.
                        return Err(StoreError::Conflict(ConflictKind::MentorFull));
                    }
                }
                if from == MentorshipStatus::Accepted {
                    sqlx::query(GIVE_BACK).bind(record.mentor_id).execute(&mut *tx).await?;
                }
                apply_jobs!(tx, jobs, now).await?;
                Ok::<bool, StoreError>(true)
            }
            .await;
            pool.finish(tx, result).await
        })?;
        Ok(outcome)
    }

    /// The caller's mentorships, newest activity first.
    pub async fn list_mentorships(
        &self,
        user_id: Uuid,
        side: Option<MentorshipSide>,
        status: Option<MentorshipStatus>,
        limit: i64,
        offset: i64,
    ) -> StoreResult<Vec<MentorshipRecord>> {
        let mut sql = Sql::default();
        sql.push(SELECT);
        match side {
            Some(MentorshipSide::AsMentor) => {
                let p = sql.param(Param::Uuid(user_id));
                sql.push(&format!(" WHERE m.mentor_id = {p}"));
            }
            Some(MentorshipSide::AsMentee) => {
                let p = sql.param(Param::Uuid(user_id));
                sql.push(&format!(" WHERE m.mentee_id = {p}"));
            }
            None => {
                let a = sql.param(Param::Uuid(user_id));
                let b = sql.param(Param::Uuid(user_id));
                sql.push(&format!(" WHERE (m.mentor_id = {a} OR m.mentee_id = {b})"));
            }
        }
        if let Some(status) = status {
            let p = sql.param(Param::Text(status.as_str().to_owned()));
            sql.push(&format!(" AND m.status = {p}"));
        }
        let l = sql.param(Param::Int(limit + 1));
        let o = sql.param(Param::Int(offset));
        sql.push(&format!(" ORDER BY m.updated_at DESC, m.id LIMIT {l} OFFSET {o}"));
        self.read_all(&sql).await
    }

    /// Counts for the dashboard.
    pub async fn mentorship_counts(&self, user_id: Uuid) -> StoreResult<MentorshipCounts> {
        let (a, b, c, d): (i64, i64, i64, i64) =
            self.read_one(&Sql::of(MENTORSHIP_COUNTS, vec![user_id.into()])).await?;
        Ok(MentorshipCounts {
            active_mentors: a,
            active_mentees: b,
            incoming_pending: c,
            outgoing_pending: d,
        })
    }
}
