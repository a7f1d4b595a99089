//! What the host does to a group session (cancel, complete), attendees'
//! feedback, and the messages of its room (the room's id is the session's).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::job_changes::{change_with_jobs, JobChanges};
use crate::messages::MessageRecord;
use crate::sql::Sql;
use crate::{on_pool, Store, StoreError, StoreResult};

impl Store {
    /// Cancels a scheduled group session; false when it is no longer scheduled.
    pub async fn cancel_group_session(
        &self,
        id: Uuid,
        reason: Option<&str>,
        jobs: &JobChanges,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        const SQL: &str = "UPDATE group_sessions SET status = 'cancelled', cancel_reason = $2, \
             sequence = sequence + 1, updated_at = $3 WHERE id = $1 AND status = 'scheduled'";
        change_with_jobs!(self, jobs, now, sqlx::query(SQL).bind(id).bind(reason).bind(now))
    }

    /// Completes a scheduled group session that has started; false otherwise.
    pub async fn complete_group_session(&self, id: Uuid, now: DateTime<Utc>) -> StoreResult<bool> {
        const SQL: &str = "UPDATE group_sessions SET status = 'completed', sequence = sequence + 1, updated_at = $2 \
             WHERE id = $1 AND status = 'scheduled' AND scheduled_at <= $2";
        let done = on_pool!(self, pool => sqlx::query(SQL).bind(id).bind(now).execute(pool).await
            .map(|r| r.rows_affected()))?;
        Ok(done > 0)
    }

    /// An attendee's rating of a completed group session, once; it counts
    /// in the host's rating. False when the session is not completed or the
    /// person did not attend; `Conflict(FeedbackGiven)` the second time.
    pub async fn add_group_feedback(
        &self,
        id: Uuid,
        user: Uuid,
        rating: i32,
        comment: Option<&str>,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        const INSERT: &str = "INSERT INTO group_feedback (group_session_id, user_id, rating, comment, created_at) \
             SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM group_sessions g JOIN group_seats s \
             ON s.group_session_id = g.id WHERE g.id = $1 AND g.status = 'completed' AND s.user_id = $2 \
             AND s.status = 'attending')";
        const RATE: &str = "UPDATE mentor_profiles SET rating_sum = rating_sum + $2, rating_count = rating_count + 1 \
             WHERE user_id = (SELECT host_id FROM group_sessions WHERE id = $1)";
        let done = on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let result = async {
                let inserted = sqlx::query(INSERT)
                    .bind(id)
                    .bind(user)
                    .bind(rating)
                    .bind(comment)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if inserted > 0 {
                    sqlx::query(RATE).bind(id).bind(rating).execute(&mut *tx).await?;
                }
                Ok::<u64, StoreError>(inserted)
            }
            .await;
            pool.finish(tx, result).await
        })?;
        Ok(done > 0)
    }

    /// Stores a message in a group session's room.
    pub async fn add_group_message(
        &self,
        room: Uuid,
        sender: Uuid,
        body: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<MessageRecord> {
        const INSERT: &str =
            "INSERT INTO group_messages (id, group_session_id, sender_id, body, created_at) VALUES ($1, $2, $3, $4, $5)";
        let id = Uuid::new_v4();
        on_pool!(self, pool => sqlx::query(INSERT).bind(id).bind(room).bind(sender).bind(body).bind(now)
            .execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(MessageRecord {
            id,
            conversation_id: room,
            sender_id: sender,
            body: body.to_owned(),
            created_at: now,
        })
    }

    pub async fn group_message(&self, id: Uuid) -> StoreResult<Option<MessageRecord>> {
        const SQL: &str = "SELECT id, group_session_id AS conversation_id, sender_id, body, created_at \
             FROM group_messages WHERE id = $1";
        self.read_optional(&Sql::of(SQL, vec![id.into()])).await
    }

    /// A room's messages newest first, older than `before` when given.
    pub async fn group_messages(
        &self,
        room: Uuid,
        before: Option<(DateTime<Utc>, Uuid)>,
        limit: i64,
    ) -> StoreResult<Vec<MessageRecord>> {
        let (at, id) = crate::newest_bound(before);
        const SQL: &str = "SELECT id, group_session_id AS conversation_id, sender_id, body, created_at \
             FROM group_messages WHERE group_session_id = $1 AND (created_at < $2 OR (created_at = $2 AND id < $3)) \
             ORDER BY created_at DESC, id DESC LIMIT $4";
        self.read_all(&Sql::of(
            SQL,
            vec![room.into(), at.into(), id.into(), (limit + 1).into()],
        ))
        .await
    }
}
