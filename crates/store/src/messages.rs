//! Chat messages, stored before anyone is told of them.

use chrono::{DateTime, Utc};
use sqlx::FromRow;
use uuid::Uuid;

use crate::job_changes::{apply_jobs, JobChanges};
use crate::row::DbRow;
use crate::{on_pool, Store, StoreError, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageRecord {
    pub id: Uuid,
    pub conversation_id: Uuid,
    pub sender_id: Uuid,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

impl<'r, R: DbRow> FromRow<'r, R> for MessageRecord {
    fn from_row(row: &'r R) -> Result<Self, sqlx::Error> {
        Ok(Self {
            id: row.col("id")?,
            conversation_id: row.col("conversation_id")?,
            sender_id: row.col("sender_id")?,
            body: row.col("body")?,
            created_at: row.col("created_at")?,
        })
    }
}

impl Store {
    /// Stores a message (committed before anyone is told of it).
    pub async fn add_message(
        &self,
        conversation: Uuid,
        sender: Uuid,
        body: &str,
        jobs: &JobChanges,
        now: DateTime<Utc>,
    ) -> StoreResult<MessageRecord> {
        const INSERT: &str =
            "INSERT INTO messages (id, conversation_id, sender_id, body, created_at) VALUES ($1, $2, $3, $4, $5)";
        const TOUCH: &str = "UPDATE conversations SET last_message_at = $2, \
             a_read_at = CASE WHEN user_a = $3 THEN $2 ELSE a_read_at END, \
             b_read_at = CASE WHEN user_b = $3 THEN $2 ELSE b_read_at END WHERE id = $1";
        let id = Uuid::new_v4();
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let result = async {
                sqlx::query(INSERT).bind(id).bind(conversation).bind(sender).bind(body).bind(now).execute(&mut *tx).await?;
                sqlx::query(TOUCH).bind(conversation).bind(now).bind(sender).execute(&mut *tx).await?;
                apply_jobs!(tx, jobs, now).await?;
                Ok::<(), StoreError>(())
            }
            .await;
            crate::finish(tx, result).await
        })?;
        Ok(MessageRecord {
            id,
            conversation_id: conversation,
            sender_id: sender,
            body: body.to_owned(),
            created_at: now,
        })
    }

    pub async fn message(&self, id: Uuid) -> StoreResult<Option<MessageRecord>> {
        const SQL: &str = "SELECT id, conversation_id, sender_id, body, created_at FROM messages WHERE id = $1";
        Ok(on_pool!(self, pool => sqlx::query_as(SQL).bind(id).fetch_optional(pool).await)?)
    }

    /// Messages newest first, older than `before` (created_at, id) when given.
    pub async fn messages(
        &self,
        conversation: Uuid,
        before: Option<(DateTime<Utc>, Uuid)>,
        limit: i64,
    ) -> StoreResult<Vec<MessageRecord>> {
        let (at, id) = crate::newest_bound(before);
        const SQL: &str = "SELECT id, conversation_id, sender_id, body, created_at FROM messages \
             WHERE conversation_id = $1 AND (created_at < $2 OR (created_at = $2 AND id < $3)) \
             ORDER BY created_at DESC, id DESC LIMIT $4";
        let rows: Vec<MessageRecord> = on_pool!(self, pool => sqlx::query_as(SQL)
            .bind(conversation)
            .bind(at)
            .bind(id)
            .bind(limit + 1)
            .fetch_all(pool)
            .await)?;
        Ok(rows)
    }

    /// The messages of the other person that `reader` has not read yet,
    /// oldest first (at most 50).
    pub async fn unread_in_conversation(&self, conversation: Uuid, reader: Uuid) -> StoreResult<Vec<MessageRecord>> {
        const SQL: &str = "SELECT m.id, m.conversation_id, m.sender_id, m.body, m.created_at FROM messages m \
             JOIN conversations c ON c.id = m.conversation_id WHERE m.conversation_id = $1 AND m.sender_id <> $2 \
             AND ((c.user_a = $2 AND (c.a_read_at IS NULL OR m.created_at > c.a_read_at)) \
             OR (c.user_b = $2 AND (c.b_read_at IS NULL OR m.created_at > c.b_read_at))) \
             ORDER BY m.created_at, m.id LIMIT 50";
        Ok(on_pool!(self, pool => sqlx::query_as(SQL).bind(conversation).bind(reader).fetch_all(pool).await)?)
    }
}
