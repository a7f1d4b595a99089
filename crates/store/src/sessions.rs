//! Mentoring sessions. Bookings and moves check for overlaps inside one
//! transaction that first locks both people's rows, so two concurrent
//! bookings of one slot cannot both succeed.

use chrono::{DateTime, Duration, Utc};
use mentorhub_domain::session::SessionStatus;
use sqlx::Row;
use uuid::Uuid;

use crate::sql::{bind_params, Param, Sql};
use crate::{on_pool, ConflictKind, Store, StoreError, StoreResult};

#[derive(Debug, Clone, PartialEq)]
pub struct SessionRecord {
    pub id: Uuid,
    pub mentorship_id: Option<Uuid>,
    pub mentor_id: Uuid,
    pub mentee_id: Uuid,
    pub scheduled_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub duration: i32,
    pub topic: String,
    pub notes: Option<String>,
    pub status: SessionStatus,
    pub meeting_url: String,
    pub cancel_reason: Option<String>,
    pub sequence: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub mentor_name: String,
    pub mentor_headline: Option<String>,
    pub mentee_name: String,
    pub mentee_headline: Option<String>,
    pub rating: Option<i32>,
    pub mini_request_id: Option<Uuid>,
}

const SELECT: &str = "SELECT s.id, s.mentorship_id, s.mentor_id, s.mentee_id, s.scheduled_at, s.ends_at, s.duration, \
     s.topic, s.notes, s.status, s.meeting_url, s.cancel_reason, s.sequence, s.created_at, s.updated_at, \
     mu.name, mp.headline, eu.name, ep.headline, f.rating, s.mini_request_id \
     FROM sessions s JOIN users mu ON mu.id = s.mentor_id LEFT JOIN mentor_profiles mp ON mp.user_id = s.mentor_id \
     JOIN users eu ON eu.id = s.mentee_id LEFT JOIN mentor_profiles ep ON ep.user_id = s.mentee_id \
     LEFT JOIN session_feedback f ON f.session_id = s.id";

/// Reads a row of `SELECT` (compiled once per backend).
macro_rules! session_from_row {
    ($row:expr) => {{
        let row = $row;
        let status: String = row.try_get(9)?;
        Ok::<SessionRecord, sqlx::Error>(SessionRecord {
            id: row.try_get(0)?,
            mentorship_id: row.try_get(1)?,
            mentor_id: row.try_get(2)?,
            mentee_id: row.try_get(3)?,
            scheduled_at: row.try_get(4)?,
            ends_at: row.try_get(5)?,
            duration: row.try_get(6)?,
            topic: row.try_get(7)?,
            notes: row.try_get(8)?,
            status: SessionStatus::parse(&status).unwrap_or(SessionStatus::Cancelled),
            meeting_url: row.try_get(10)?,
            cancel_reason: row.try_get(11)?,
            sequence: row.try_get(12)?,
            created_at: row.try_get(13)?,
            updated_at: row.try_get(14)?,
            mentor_name: row.try_get(15)?,
            mentor_headline: row.try_get(16)?,
            mentee_name: row.try_get(17)?,
            mentee_headline: row.try_get(18)?,
            rating: row.try_get(19)?,
            mini_request_id: row.try_get(20)?,
        })
    }};
}

#[derive(Debug, Clone)]
pub struct NewSession {
    pub id: Uuid,
    pub origin: SessionOrigin,
    pub mentor_id: Uuid,
    pub mentee_id: Uuid,
    pub scheduled_at: DateTime<Utc>,
    pub duration: i64,
    pub topic: String,
    pub notes: Option<String>,
    pub meeting_url: String,
    /// Free minutes to keep around the mentor's sessions.
    pub buffer_minutes: i64,
}

/// What a session belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionOrigin {
    /// A session of an accepted mentorship.
    Mentorship(Uuid),
    /// The session of a mini mentorship request, booked by the mentor who claimed it.
    Mini(Uuid),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionScope {
    Upcoming,
    Past,
    All,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SessionTotals {
    pub upcoming: i64,
    pub completed: i64,
    pub completed_minutes: i64,
}

/// Locks the two people's rows in a fixed order (no deadlocks) and counts
/// their scheduled sessions that would overlap `[start, end)` widened by
/// `buffer`, leaving out `exclude`.
const LOCK_USER: &str = "UPDATE users SET updated_at = updated_at WHERE id = $1";
const OVERLAPS: &str = "SELECT COUNT(*) FROM sessions WHERE status = 'scheduled' AND id <> $5 \
     AND (mentor_id IN ($1, $2) OR mentee_id IN ($1, $2)) AND scheduled_at < $4 AND ends_at > $3";

impl Store {
    pub async fn create_session(&self, new: &NewSession, now: DateTime<Utc>) -> StoreResult<SessionRecord> {
        // The session is written only while what it belongs to still allows
        // it: an accepted mentorship, or a mini request this mentor claimed.
        const INSERT_COLUMNS: &str = "INSERT INTO sessions (id, mentorship_id, mini_request_id, mentor_id, \
             mentee_id, scheduled_at, ends_at, duration, topic, notes, status, meeting_url, sequence, created_at, \
             updated_at) SELECT $1, $2, $12, $3, $4, $5, $6, $7, $8, $9, 'scheduled', $10, 0, $11, $11";
        let (mentorship_id, mini_id, guard) = match new.origin {
            SessionOrigin::Mentorship(id) => (
                Some(id),
                None,
                "WHERE EXISTS (SELECT 1 FROM mentorships m WHERE m.id = $2 AND m.status = 'accepted')",
            ),
            SessionOrigin::Mini(id) => (
                None,
                Some(id),
                "WHERE EXISTS (SELECT 1 FROM mini_requests r WHERE r.id = $12 AND r.status = 'claimed' \
                 AND r.claimed_by = $3)",
            ),
        };
        let insert = format!("{INSERT_COLUMNS} {guard}");
        const MARK_SCHEDULED: &str = "UPDATE mini_requests SET status = 'scheduled', updated_at = $2 WHERE id = $1";
        let end = new.scheduled_at + Duration::minutes(new.duration);
        let buffer = Duration::minutes(new.buffer_minutes);
        let (first, second) = ordered(new.mentor_id, new.mentee_id);
        let inserted = on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let result = async {
                sqlx::query(LOCK_USER).bind(first).execute(&mut *tx).await?;
                sqlx::query(LOCK_USER).bind(second).execute(&mut *tx).await?;
                let (overlaps,): (i64,) = sqlx::query_as(OVERLAPS)
                    .bind(new.mentor_id)
                    .bind(new.mentee_id)
                    .bind(new.scheduled_at - buffer)
                    .bind(end + buffer)
                    .bind(new.id)
                    .fetch_one(&mut *tx)
                    .await?;
                if overlaps > 0 {
                    return Err(StoreError::Conflict(ConflictKind::SessionOverlap));
                }
                let done = sqlx::query(&insert)
                    .bind(new.id)
                    .bind(mentorship_id)
                    .bind(new.mentor_id)
                    .bind(new.mentee_id)
                    .bind(new.scheduled_at)
                    .bind(end)
                    .bind(new.duration as i32)
                    .bind(&new.topic)
                    .bind(new.notes.as_deref())
                    .bind(&new.meeting_url)
                    .bind(now)
                    .bind(mini_id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if let (Some(mini), 1) = (mini_id, done) {
                    sqlx::query(MARK_SCHEDULED).bind(mini).bind(now).execute(&mut *tx).await?;
                }
                Ok::<u64, StoreError>(done)
            }
            .await;
            crate::finish(tx, result).await
        })?;
        if inserted == 0 {
            return Err(StoreError::Conflict(match new.origin {
                SessionOrigin::Mentorship(_) => ConflictKind::MentorshipNotAccepted,
                SessionOrigin::Mini(_) => ConflictKind::NotClaimed,
            }));
        }
        self.session(new.id).await?.ok_or(StoreError::NotFound)
    }

    pub async fn session(&self, id: Uuid) -> StoreResult<Option<SessionRecord>> {
        Ok(self.sessions_where("s.id = $1", id).await?.into_iter().next())
    }

    /// The session booked for a mini request, if any.
    pub async fn session_of_mini_request(&self, request_id: Uuid) -> StoreResult<Option<SessionRecord>> {
        Ok(self
            .sessions_where("s.mini_request_id = $1", request_id)
            .await?
            .into_iter()
            .next())
    }

    /// A person's mini sessions (either side), latest first.
    pub async fn mini_sessions_of(&self, user: Uuid) -> StoreResult<Vec<SessionRecord>> {
        self.sessions_where(
            "s.mini_request_id IS NOT NULL AND (s.mentor_id = $1 OR s.mentee_id = $1)",
            user,
        )
        .await
    }

    /// Sessions matching a condition on one id parameter, latest first.
    async fn sessions_where(&self, condition: &str, id: Uuid) -> StoreResult<Vec<SessionRecord>> {
        let sql = format!("{SELECT} WHERE {condition} ORDER BY s.scheduled_at DESC, s.id LIMIT 200");
        let records = on_pool!(self, pool => {
            let rows = sqlx::query(&sql).bind(id).fetch_all(pool).await?;
            let mut out = Vec::with_capacity(rows.len());
            for row in rows {
                out.push(session_from_row!(row)?);
            }
            out
        });
        Ok(records)
    }

    /// Moves a scheduled session; false when it is no longer scheduled.
    pub async fn reschedule_session(
        &self,
        session: &SessionRecord,
        start: DateTime<Utc>,
        buffer_minutes: i64,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        const MOVE: &str = "UPDATE sessions SET scheduled_at = $2, ends_at = $3, sequence = sequence + 1, \
             updated_at = $4 WHERE id = $1 AND status = 'scheduled'";
        let end = start + Duration::minutes(session.duration.into());
        let buffer = Duration::minutes(buffer_minutes);
        let (first, second) = ordered(session.mentor_id, session.mentee_id);
        let moved = on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let result = async {
                sqlx::query(LOCK_USER).bind(first).execute(&mut *tx).await?;
                sqlx::query(LOCK_USER).bind(second).execute(&mut *tx).await?;
                let (overlaps,): (i64,) = sqlx::query_as(OVERLAPS)
                    .bind(session.mentor_id)
                    .bind(session.mentee_id)
                    .bind(start - buffer)
                    .bind(end + buffer)
                    .bind(session.id)
                    .fetch_one(&mut *tx)
                    .await?;
                if overlaps > 0 {
                    return Err(StoreError::Conflict(ConflictKind::SessionOverlap));
                }
                let done = sqlx::query(MOVE).bind(session.id).bind(start).bind(end).bind(now).execute(&mut *tx).await?;
                Ok::<u64, StoreError>(done.rows_affected())
            }
            .await;
            crate::finish(tx, result).await
        })?;
        Ok(moved > 0)
    }

    /// Cancels a scheduled session; false when it is no longer scheduled.
    pub async fn cancel_session(&self, id: Uuid, reason: Option<&str>, now: DateTime<Utc>) -> StoreResult<bool> {
        const SQL: &str = "UPDATE sessions SET status = 'cancelled', cancel_reason = $2, sequence = sequence + 1, \
             updated_at = $3 WHERE id = $1 AND status = 'scheduled'";
        let done = on_pool!(self, pool => sqlx::query(SQL).bind(id).bind(reason).bind(now).execute(pool).await
            .map(|r| r.rows_affected()))?;
        Ok(done > 0)
    }

    /// Completes a scheduled session that has started; false otherwise.
    pub async fn complete_session(&self, id: Uuid, notes: Option<&str>, now: DateTime<Utc>) -> StoreResult<bool> {
        const SQL: &str = "UPDATE sessions SET status = 'completed', notes = COALESCE($2, notes), \
             sequence = sequence + 1, updated_at = $3 WHERE id = $1 AND status = 'scheduled' AND scheduled_at <= $3";
        let done = on_pool!(self, pool => sqlx::query(SQL).bind(id).bind(notes).bind(now).execute(pool).await
            .map(|r| r.rows_affected()))?;
        Ok(done > 0)
    }

    /// Replaces the shared notes of a session.
    pub async fn set_session_notes(&self, id: Uuid, notes: Option<&str>, now: DateTime<Utc>) -> StoreResult<()> {
        const SQL: &str = "UPDATE sessions SET notes = $2, updated_at = $3 WHERE id = $1";
        on_pool!(self, pool => sqlx::query(SQL).bind(id).bind(notes).bind(now).execute(pool).await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Records the mentee's rating of a completed session, once, and adds it
    /// to the mentor's rating. `Conflict(FeedbackGiven)` the second time.
    pub async fn add_feedback(
        &self,
        session: &SessionRecord,
        rating: i32,
        comment: Option<&str>,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        const INSERT: &str = "INSERT INTO session_feedback (session_id, mentee_id, rating, comment, created_at) \
             SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM sessions WHERE id = $1 AND status = 'completed')";
        const RATE: &str = "UPDATE mentor_profiles SET rating_sum = rating_sum + $2, rating_count = rating_count + 1 \
             WHERE user_id = $1";
        let done = on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let result = async {
                let inserted = sqlx::query(INSERT)
                    .bind(session.id)
                    .bind(session.mentee_id)
                    .bind(rating)
                    .bind(comment)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if inserted > 0 {
                    sqlx::query(RATE).bind(session.mentor_id).bind(rating).execute(&mut *tx).await?;
                }
                Ok::<u64, StoreError>(inserted)
            }
            .await;
            crate::finish(tx, result).await
        })?;
        Ok(done > 0)
    }

    pub async fn list_sessions(
        &self,
        user_id: Uuid,
        scope: SessionScope,
        mentorship_id: Option<Uuid>,
        now: DateTime<Utc>,
        limit: i64,
        offset: i64,
    ) -> StoreResult<Vec<SessionRecord>> {
        let mut sql = Sql::default();
        sql.push(SELECT);
        let a = sql.param(Param::Uuid(user_id));
        let b = sql.param(Param::Uuid(user_id));
        sql.push(&format!(" WHERE (s.mentor_id = {a} OR s.mentee_id = {b})"));
        if let Some(mentorship) = mentorship_id {
            let p = sql.param(Param::Uuid(mentorship));
            sql.push(&format!(" AND s.mentorship_id = {p}"));
        }
        let order = match scope {
            SessionScope::Upcoming => {
                let p = sql.param(Param::Time(now));
                sql.push(&format!(" AND s.status = 'scheduled' AND s.ends_at > {p}"));
                "s.scheduled_at ASC, s.id"
            }
            SessionScope::Past => {
                let p = sql.param(Param::Time(now));
                sql.push(&format!(" AND (s.status <> 'scheduled' OR s.ends_at <= {p})"));
                "s.scheduled_at DESC, s.id"
            }
            SessionScope::All => "s.scheduled_at DESC, s.id",
        };
        let l = sql.param(Param::Int(limit + 1));
        let o = sql.param(Param::Int(offset));
        sql.push(&format!(" ORDER BY {order} LIMIT {l} OFFSET {o}"));
        let records = on_pool!(self, pool => {
            let rows = bind_params!(sqlx::query(&sql.text), &sql.params).fetch_all(pool).await?;
            let mut out = Vec::with_capacity(rows.len());
            for row in rows {
                out.push(session_from_row!(row)?);
            }
            out
        });
        Ok(records)
    }

    /// Scheduled sessions of these people between two instants, as
    /// intervals (for free slots).
    pub async fn busy_intervals(
        &self,
        people: &[Uuid],
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> StoreResult<Vec<(DateTime<Utc>, DateTime<Utc>)>> {
        let mut sql = Sql::default();
        sql.push("SELECT scheduled_at, ends_at FROM sessions WHERE status = 'scheduled'");
        let f = sql.param(Param::Time(from));
        let t = sql.param(Param::Time(to));
        sql.push(&format!(" AND ends_at > {f} AND scheduled_at < {t} AND ("));
        for (i, person) in people.iter().enumerate() {
            let a = sql.param(Param::Uuid(*person));
            let b = sql.param(Param::Uuid(*person));
            sql.push(&format!(
                "{}mentor_id = {a} OR mentee_id = {b}",
                if i == 0 { "" } else { " OR " }
            ));
        }
        sql.push(")");
        if people.is_empty() {
            return Ok(Vec::new());
        }
        let rows: Vec<(DateTime<Utc>, DateTime<Utc>)> =
            on_pool!(self, pool => bind_params!(sqlx::query_as(&sql.text), &sql.params).fetch_all(pool).await)?;
        Ok(rows)
    }

    /// Upcoming and completed sessions of a person.
    pub async fn session_totals(&self, user_id: Uuid, now: DateTime<Utc>) -> StoreResult<SessionTotals> {
        const SQL: &str = "SELECT \
             CAST(COALESCE(SUM(CASE WHEN status = 'scheduled' AND ends_at > $2 THEN 1 ELSE 0 END), 0) AS BIGINT), \
             CAST(COALESCE(SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END), 0) AS BIGINT), \
             CAST(COALESCE(SUM(CASE WHEN status = 'completed' THEN duration ELSE 0 END), 0) AS BIGINT) \
             FROM sessions WHERE mentor_id = $1 OR mentee_id = $1";
        let (upcoming, completed, minutes): (i64, i64, i64) =
            on_pool!(self, pool => sqlx::query_as(SQL).bind(user_id).bind(now).fetch_one(pool).await)?;
        Ok(SessionTotals {
            upcoming,
            completed,
            completed_minutes: minutes,
        })
    }

    /// Completed sessions a mentor gave, and their minutes.
    pub async fn mentor_session_totals(&self, mentor_id: Uuid) -> StoreResult<(i64, i64)> {
        const SQL: &str = "SELECT CAST(COUNT(*) AS BIGINT), CAST(COALESCE(SUM(duration), 0) AS BIGINT) FROM sessions \
             WHERE mentor_id = $1 AND status = 'completed'";
        let row: (i64, i64) = on_pool!(self, pool => sqlx::query_as(SQL).bind(mentor_id).fetch_one(pool).await)?;
        Ok(row)
    }

    /// The token of a user's calendar feed, created on first use.
    pub async fn calendar_token(&self, user_id: Uuid, fresh: &str, now: DateTime<Utc>) -> StoreResult<String> {
        const INSERT: &str = "INSERT INTO calendar_feeds (user_id, token, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id) DO NOTHING";
        const SELECT_TOKEN: &str = "SELECT token FROM calendar_feeds WHERE user_id = $1";
        let (token,): (String,) = on_pool!(self, pool => {
            sqlx::query(INSERT).bind(user_id).bind(fresh).bind(now).execute(pool).await?;
            sqlx::query_as(SELECT_TOKEN).bind(user_id).fetch_one(pool).await
        })?;
        Ok(token)
    }

    /// Replaces the feed token; the old URL stops working.
    pub async fn rotate_calendar_token(&self, user_id: Uuid, fresh: &str, now: DateTime<Utc>) -> StoreResult<()> {
        const SQL: &str = "INSERT INTO calendar_feeds (user_id, token, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id) DO UPDATE SET token = excluded.token, created_at = excluded.created_at";
        on_pool!(self, pool => sqlx::query(SQL).bind(user_id).bind(fresh).bind(now).execute(pool).await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn user_by_calendar_token(&self, token: &str) -> StoreResult<Option<Uuid>> {
        let row: Option<(Uuid,)> = on_pool!(self, pool => sqlx::query_as("SELECT user_id FROM calendar_feeds WHERE token = $1")
            .bind(token)
            .fetch_optional(pool)
            .await)?;
        Ok(row.map(|(id,)| id))
    }
}

fn ordered(a: Uuid, b: Uuid) -> (Uuid, Uuid) {
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}
