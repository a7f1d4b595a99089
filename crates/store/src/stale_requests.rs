//! Requests nobody answers: reminders to the mentor, expiry, pausing a
//! mentor who lets requests expire, and the answers responsiveness is
//! measured on. Every step is one conditional statement, so sweeps running
//! on several instances at once do each thing once.

use chrono::{DateTime, Utc};
use mentorhub_domain::trust::Answer;
use uuid::Uuid;

use crate::sql::Sql;
use crate::{on_pool, Store, StoreResult};

/// A request a sweep changed: (mentorship, mentor, mentee).
pub type Stale = (Uuid, Uuid, Uuid);

impl Store {
    /// Marks pending requests asked before `cutoff` as expired.
    pub async fn expire_requests(&self, cutoff: DateTime<Utc>, now: DateTime<Utc>) -> StoreResult<Vec<Stale>> {
        const SQL: &str = "UPDATE mentorships SET status = 'expired', updated_at = $2 \
             WHERE status = 'pending' AND created_at <= $1 RETURNING id, mentor_id, mentee_id";
        let rows: Vec<Stale> =
            on_pool!(self, pool => sqlx::query_as(SQL).bind(cutoff).bind(now).fetch_all(pool).await)?;
        Ok(rows)
    }

    /// Takes the pending requests asked before `cutoff` that have had fewer
    /// than `nudge` reminders, counting this one: each is returned once.
    pub async fn take_nudges(&self, nudge: i32, cutoff: DateTime<Utc>) -> StoreResult<Vec<Stale>> {
        const SQL: &str = "UPDATE mentorships SET nudges = $1 \
             WHERE status = 'pending' AND nudges < $1 AND created_at <= $2 RETURNING id, mentor_id, mentee_id";
        let rows: Vec<Stale> =
            on_pool!(self, pool => sqlx::query_as(SQL).bind(nudge).bind(cutoff).fetch_all(pool).await)?;
        Ok(rows)
    }

    /// The statuses of the last `n` requests a mentor received that are no
    /// longer waiting (withdrawn ones do not count), newest first.
    pub async fn last_outcomes(&self, mentor: Uuid, n: i64) -> StoreResult<Vec<String>> {
        const SQL: &str = "SELECT status FROM mentorships WHERE mentor_id = $1 \
             AND status IN ('accepted', 'rejected', 'ended', 'expired') ORDER BY created_at DESC, id LIMIT $2";
        let rows: Vec<(String,)> = self.read_all(&Sql::of(SQL, vec![mentor.into(), n.into()])).await?;
        Ok(rows.into_iter().map(|(s,)| s).collect())
    }

    /// Stops a mentor accepting mentees; false when they already did not.
    pub async fn pause_mentor(&self, mentor: Uuid, now: DateTime<Utc>) -> StoreResult<bool> {
        const SQL: &str =
            "UPDATE mentor_profiles SET accepting_mentees = FALSE, updated_at = $2 WHERE user_id = $1 AND accepting_mentees";
        let n = on_pool!(self, pool => sqlx::query(SQL).bind(mentor).bind(now).execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(n > 0)
    }

    /// The requests a mentor received since `since` that were answered or
    /// expired (the ones responsiveness is measured on).
    pub async fn answers(&self, mentor: Uuid, since: DateTime<Utc>) -> StoreResult<Vec<Answer>> {
        const SQL: &str = "SELECT created_at, responded_at FROM mentorships WHERE mentor_id = $1 AND created_at >= $2 \
             AND (responded_at IS NOT NULL OR status = 'expired')";
        let rows: Vec<(DateTime<Utc>, Option<DateTime<Utc>>)> =
            self.read_all(&Sql::of(SQL, vec![mentor.into(), since.into()])).await?;
        Ok(rows
            .into_iter()
            .map(|(asked_at, answered_at)| Answer { asked_at, answered_at })
            .collect())
    }

    /// Stores a mentor's figures, as of `now`.
    pub async fn save_responsiveness(
        &self,
        mentor: Uuid,
        rate: Option<f64>,
        median_hours: Option<f64>,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        const SQL: &str = "UPDATE mentor_profiles SET response_rate = $2, median_response_hours = $3, \
             responsiveness_at = $4 WHERE user_id = $1";
        on_pool!(self, pool => sqlx::query(SQL).bind(mentor).bind(rate).bind(median_hours).bind(now)
            .execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Mentors whose figures were last worked out before `before` (the
    /// 90-day window moves on), at most `limit`.
    pub async fn stale_responsiveness(&self, before: DateTime<Utc>, limit: i64) -> StoreResult<Vec<Uuid>> {
        const SQL: &str =
            "SELECT user_id FROM mentor_profiles WHERE responsiveness_at IS NULL OR responsiveness_at < $1 \
             ORDER BY responsiveness_at IS NOT NULL, responsiveness_at, user_id LIMIT $2";
        let rows: Vec<(Uuid,)> = self.read_all(&Sql::of(SQL, vec![before.into(), limit.into()])).await?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }
}
