//! Mentoring sessions: what they are, how they are listed, and the changes
//! that need no overlap check (cancel, complete, notes, feedback). Booking
//! and moving are in `bookings.rs`.

use chrono::{DateTime, Utc};
use mentorhub_domain::mentorship::Side;
use mentorhub_domain::session::SessionStatus;
use uuid::Uuid;

use crate::job_changes::{change_with_jobs, JobChanges};
use crate::row::{sqlx_rows, DbRow, Record};
use crate::sql::{Param, Sql};
use crate::{on_pool, Store, StoreError, StoreResult};

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
    pub agenda: Option<String>,
    pub recording_url: Option<String>,
    /// Who did not come, as the other person recorded it.
    pub no_show: Option<Side>,
}

const SELECT: &str = "SELECT s.id, s.mentorship_id, s.mentor_id, s.mentee_id, s.scheduled_at, s.ends_at, s.duration, \
     s.topic, s.notes, s.status, s.meeting_url, s.cancel_reason, s.sequence, s.created_at, s.updated_at, \
     mu.name AS mentor_name, mp.headline AS mentor_headline, eu.name AS mentee_name, ep.headline AS mentee_headline, \
     f.rating, s.mini_request_id, s.agenda, s.recording_url, s.no_show \
     FROM sessions s JOIN users mu ON mu.id = s.mentor_id LEFT JOIN mentor_profiles mp ON mp.user_id = s.mentor_id \
     JOIN users eu ON eu.id = s.mentee_id LEFT JOIN mentor_profiles ep ON ep.user_id = s.mentee_id \
     LEFT JOIN session_feedback f ON f.session_id = s.id";

impl Record for SessionRecord {
    fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error> {
        Ok(Self {
            id: row.col("id")?,
            mentorship_id: row.col("mentorship_id")?,
            mentor_id: row.col("mentor_id")?,
            mentee_id: row.col("mentee_id")?,
            scheduled_at: row.col("scheduled_at")?,
            ends_at: row.col("ends_at")?,
            duration: row.col("duration")?,
            topic: row.col("topic")?,
            notes: row.col("notes")?,
            status: row.parsed("status", SessionStatus::parse)?,
            meeting_url: row.col("meeting_url")?,
            cancel_reason: row.col("cancel_reason")?,
            sequence: row.col("sequence")?,
            created_at: row.col("created_at")?,
            updated_at: row.col("updated_at")?,
            mentor_name: row.col("mentor_name")?,
            mentor_headline: row.col("mentor_headline")?,
            mentee_name: row.col("mentee_name")?,
            mentee_headline: row.col("mentee_headline")?,
            rating: row.col("rating")?,
            mini_request_id: row.col("mini_request_id")?,
            agenda: row.col("agenda")?,
            recording_url: row.col("recording_url")?,
            no_show: row.col::<Option<String>>("no_show")?.as_deref().and_then(Side::parse),
        })
    }
}
sqlx_rows!(SessionRecord);

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

impl Store {
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
        self.read_all(&Sql::of(sql.as_str(), vec![id.into()])).await
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
        self.read_all(&sql).await
    }

    /// Scheduled sessions of these people between two instants, as
    /// intervals (for free slots).
    pub async fn busy_intervals(
        &self,
        people: &[Uuid],
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> StoreResult<Vec<(DateTime<Utc>, DateTime<Utc>)>> {
        if people.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = Sql::default();
        let f = sql.param(Param::Time(from));
        let t = sql.param(Param::Time(to));
        let mut ids = Vec::new();
        for person in people {
            ids.push(sql.param(Param::Uuid(*person)));
        }
        let ids = ids.join(", ");
        // 1:1 sessions, and group sessions hosted or attended.
        sql.push(&format!(
            "SELECT scheduled_at, ends_at FROM sessions WHERE status = 'scheduled' AND ends_at > {f} \
             AND scheduled_at < {t} AND (mentor_id IN ({ids}) OR mentee_id IN ({ids})) \
             UNION ALL SELECT scheduled_at, ends_at FROM group_sessions WHERE status = 'scheduled' \
             AND ends_at > {f} AND scheduled_at < {t} AND host_id IN ({ids}) \
             UNION ALL SELECT g.scheduled_at, g.ends_at FROM group_seats st \
             JOIN group_sessions g ON g.id = st.group_session_id WHERE st.status = 'attending' \
             AND g.status = 'scheduled' AND g.ends_at > {f} AND g.scheduled_at < {t} AND st.user_id IN ({ids})"
        ));
        self.read_all(&sql).await
    }

    /// Cancels a scheduled session; false when it is no longer scheduled.
    pub async fn cancel_session(
        &self,
        id: Uuid,
        reason: Option<&str>,
        jobs: &JobChanges,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        const SQL: &str = "UPDATE sessions SET status = 'cancelled', cancel_reason = $2, sequence = sequence + 1, \
             updated_at = $3 WHERE id = $1 AND status = 'scheduled'";
        Ok(change_with_jobs!(
            self,
            jobs,
            now,
            sqlx::query(SQL).bind(id).bind(reason).bind(now)
        )?)
    }

    /// Completes a scheduled session that has started; false otherwise.
    pub async fn complete_session(&self, id: Uuid, notes: Option<&str>, now: DateTime<Utc>) -> StoreResult<bool> {
        const SQL: &str = "UPDATE sessions SET status = 'completed', notes = COALESCE($2, notes), \
             sequence = sequence + 1, updated_at = $3 WHERE id = $1 AND status = 'scheduled' AND scheduled_at <= $3";
        let done = on_pool!(self, pool => sqlx::query(SQL).bind(id).bind(notes).bind(now).execute(pool).await
            .map(|r| r.rows_affected()))?;
        Ok(done > 0)
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
            pool.finish(tx, result).await
        })?;
        Ok(done > 0)
    }
}
