//! Chat: conversations between two people, messages, read markers, blocks
//! and presence (who is looking at which conversation).

use chrono::{DateTime, Utc};
use sqlx::Row;
use uuid::Uuid;

use crate::{on_pool, Store, StoreError, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConversationRecord {
    pub id: Uuid,
    pub user_a: Uuid,
    pub user_b: Uuid,
    pub a_read_at: Option<DateTime<Utc>>,
    pub b_read_at: Option<DateTime<Utc>>,
}

impl ConversationRecord {
    pub fn has(&self, user: Uuid) -> bool {
        self.user_a == user || self.user_b == user
    }

    pub fn other(&self, user: Uuid) -> Uuid {
        if self.user_a == user {
            self.user_b
        } else {
            self.user_a
        }
    }

    /// When the other person last read the conversation.
    pub fn read_by_other(&self, user: Uuid) -> Option<DateTime<Utc>> {
        if self.user_a == user {
            self.b_read_at
        } else {
            self.a_read_at
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageRecord {
    pub id: Uuid,
    pub conversation_id: Uuid,
    pub sender_id: Uuid,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConversationSummary {
    pub id: Uuid,
    pub other_id: Uuid,
    pub other_name: String,
    pub other_headline: Option<String>,
    pub last_message: Option<MessageRecord>,
    pub unread: i64,
}

fn ordered(a: Uuid, b: Uuid) -> (Uuid, Uuid) {
    if a < b {
        (a, b)
    } else {
        (b, a)
    }
}

const EPOCH: DateTime<Utc> = DateTime::UNIX_EPOCH;

impl Store {
    pub async fn conversation(&self, id: Uuid) -> StoreResult<Option<ConversationRecord>> {
        const SQL: &str = "SELECT id, user_a, user_b, a_read_at, b_read_at FROM conversations WHERE id = $1";
        type R = (Uuid, Uuid, Uuid, Option<DateTime<Utc>>, Option<DateTime<Utc>>);
        let row: Option<R> = on_pool!(self, pool => sqlx::query_as(SQL).bind(id).fetch_optional(pool).await)?;
        Ok(
            row.map(|(id, user_a, user_b, a_read_at, b_read_at)| ConversationRecord {
                id,
                user_a,
                user_b,
                a_read_at,
                b_read_at,
            }),
        )
    }

    pub async fn conversation_between(&self, a: Uuid, b: Uuid) -> StoreResult<Option<ConversationRecord>> {
        let (a, b) = ordered(a, b);
        let row: Option<(Uuid,)> = on_pool!(self, pool => sqlx::query_as("SELECT id FROM conversations WHERE user_a = $1 AND user_b = $2")
            .bind(a)
            .bind(b)
            .fetch_optional(pool)
            .await)?;
        match row {
            Some((id,)) => self.conversation(id).await,
            None => Ok(None),
        }
    }

    /// The pair's conversation, created when missing (safe under concurrency).
    pub async fn open_conversation(&self, a: Uuid, b: Uuid, now: DateTime<Utc>) -> StoreResult<ConversationRecord> {
        let (user_a, user_b) = ordered(a, b);
        const SQL: &str = "INSERT INTO conversations (id, user_a, user_b, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (user_a, user_b) DO NOTHING";
        on_pool!(self, pool => sqlx::query(SQL).bind(Uuid::new_v4()).bind(user_a).bind(user_b).bind(now).execute(pool).await
            .map(|r| r.rows_affected()))?;
        self.conversation_between(a, b).await?.ok_or(StoreError::NotFound)
    }

    /// Stores a message (committed before anyone is told of it).
    pub async fn add_message(
        &self,
        conversation: Uuid,
        sender: Uuid,
        body: &str,
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
        let row: Option<(Uuid, Uuid, Uuid, String, DateTime<Utc>)> =
            on_pool!(self, pool => sqlx::query_as(SQL).bind(id).fetch_optional(pool).await)?;
        Ok(
            row.map(|(id, conversation_id, sender_id, body, created_at)| MessageRecord {
                id,
                conversation_id,
                sender_id,
                body,
                created_at,
            }),
        )
    }

    /// Messages newest first, older than `before` (created_at, id) when given.
    pub async fn messages(
        &self,
        conversation: Uuid,
        before: Option<(DateTime<Utc>, Uuid)>,
        limit: i64,
    ) -> StoreResult<Vec<MessageRecord>> {
        // A far-future bound both databases store and compare correctly.
        let far = DateTime::parse_from_rfc3339("9999-12-31T00:00:00Z")
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or(EPOCH);
        let (at, id) = before.unwrap_or((far, Uuid::max()));
        const SQL: &str = "SELECT id, conversation_id, sender_id, body, created_at FROM messages \
             WHERE conversation_id = $1 AND (created_at < $2 OR (created_at = $2 AND id < $3)) \
             ORDER BY created_at DESC, id DESC LIMIT $4";
        let rows: Vec<(Uuid, Uuid, Uuid, String, DateTime<Utc>)> = on_pool!(self, pool => sqlx::query_as(SQL)
            .bind(conversation)
            .bind(at)
            .bind(id)
            .bind(limit + 1)
            .fetch_all(pool)
            .await)?;
        Ok(rows
            .into_iter()
            .map(|(id, conversation_id, sender_id, body, created_at)| MessageRecord {
                id,
                conversation_id,
                sender_id,
                body,
                created_at,
            })
            .collect())
    }

    /// The caller's conversations with a message, most recent first.
    pub async fn conversations_of(&self, user: Uuid, limit: i64, offset: i64) -> StoreResult<Vec<ConversationSummary>> {
        const SQL: &str = "SELECT c.id, ou.id, ou.name, op.headline, lm.id, lm.sender_id, lm.body, lm.created_at, \
             (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id AND m.sender_id <> $1 AND m.created_at > \
               COALESCE(CASE WHEN c.user_a = $1 THEN c.a_read_at ELSE c.b_read_at END, $2)) \
             FROM conversations c \
             JOIN users ou ON ou.id = CASE WHEN c.user_a = $1 THEN c.user_b ELSE c.user_a END \
             LEFT JOIN mentor_profiles op ON op.user_id = ou.id \
             LEFT JOIN messages lm ON lm.id = (SELECT x.id FROM messages x WHERE x.conversation_id = c.id \
               ORDER BY x.created_at DESC, x.id DESC LIMIT 1) \
             WHERE (c.user_a = $1 OR c.user_b = $1) AND c.last_message_at IS NOT NULL \
             ORDER BY c.last_message_at DESC, c.id LIMIT $3 OFFSET $4";
        let out = on_pool!(self, pool => {
            let rows = sqlx::query(SQL).bind(user).bind(EPOCH).bind(limit + 1).bind(offset).fetch_all(pool).await?;
            let mut out = Vec::with_capacity(rows.len());
            for row in rows {
                let id: Uuid = row.try_get(0)?;
                let last_id: Option<Uuid> = row.try_get(4)?;
                let last_message = match last_id {
                    Some(message_id) => Some(MessageRecord {
                        id: message_id,
                        conversation_id: id,
                        sender_id: row.try_get(5)?,
                        body: row.try_get(6)?,
                        created_at: row.try_get(7)?,
                    }),
                    None => None,
                };
                out.push(ConversationSummary {
                    id,
                    other_id: row.try_get(1)?,
                    other_name: row.try_get(2)?,
                    other_headline: row.try_get(3)?,
                    last_message,
                    unread: row.try_get(8)?,
                });
            }
            out
        });
        Ok(out)
    }

    /// Marks the conversation read by `user` up to `now`.
    pub async fn mark_conversation_read(&self, conversation: Uuid, user: Uuid, now: DateTime<Utc>) -> StoreResult<()> {
        const SQL: &str = "UPDATE conversations SET \
             a_read_at = CASE WHEN user_a = $2 THEN $3 ELSE a_read_at END, \
             b_read_at = CASE WHEN user_b = $2 THEN $3 ELSE b_read_at END WHERE id = $1";
        on_pool!(self, pool => sqlx::query(SQL).bind(conversation).bind(user).bind(now).execute(pool).await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Messages the user has not read, over all conversations.
    pub async fn unread_messages(&self, user: Uuid) -> StoreResult<i64> {
        const SQL: &str = "SELECT COUNT(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id \
             WHERE (c.user_a = $1 OR c.user_b = $1) AND m.sender_id <> $1 AND m.created_at > \
             COALESCE(CASE WHEN c.user_a = $1 THEN c.a_read_at ELSE c.b_read_at END, $2)";
        let (n,): (i64,) = on_pool!(self, pool => sqlx::query_as(SQL).bind(user).bind(EPOCH).fetch_one(pool).await)?;
        Ok(n)
    }

    /// Whether two people share a mentorship (any state) or a mini request.
    pub async fn share_relationship(&self, a: Uuid, b: Uuid) -> StoreResult<bool> {
        const SQL: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM (\
             SELECT 1 AS x FROM mentorships WHERE (mentor_id = $1 AND mentee_id = $2) OR (mentor_id = $2 AND mentee_id = $1) \
             UNION ALL SELECT 1 AS x FROM mini_requests WHERE (mentee_id = $1 AND claimed_by = $2) OR (mentee_id = $2 AND claimed_by = $1)) t";
        let (n,): (i64,) = on_pool!(self, pool => sqlx::query_as(SQL).bind(a).bind(b).fetch_one(pool).await)?;
        Ok(n > 0)
    }

    pub async fn block(&self, blocker: Uuid, blocked: Uuid, now: DateTime<Utc>) -> StoreResult<()> {
        const SQL: &str =
            "INSERT INTO blocks (blocker_id, blocked_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
        on_pool!(self, pool => sqlx::query(SQL).bind(blocker).bind(blocked).bind(now).execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn unblock(&self, blocker: Uuid, blocked: Uuid) -> StoreResult<()> {
        on_pool!(self, pool => sqlx::query("DELETE FROM blocks WHERE blocker_id = $1 AND blocked_id = $2")
            .bind(blocker)
            .bind(blocked)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn is_blocked(&self, blocker: Uuid, blocked: Uuid) -> StoreResult<bool> {
        let (n,): (i64,) = on_pool!(self, pool => sqlx::query_as("SELECT COUNT(*) FROM blocks WHERE blocker_id = $1 AND blocked_id = $2")
            .bind(blocker)
            .bind(blocked)
            .fetch_one(pool)
            .await)?;
        Ok(n > 0)
    }

    /// Records that `user` is looking at `conversation` now.
    pub async fn set_presence(&self, user: Uuid, conversation: Uuid, now: DateTime<Utc>) -> StoreResult<()> {
        const SQL: &str = "INSERT INTO chat_presence (user_id, conversation_id, seen_at) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id, conversation_id) DO UPDATE SET seen_at = excluded.seen_at";
        on_pool!(self, pool => sqlx::query(SQL).bind(user).bind(conversation).bind(now).execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn clear_presence(&self, user: Uuid, conversation: Uuid) -> StoreResult<()> {
        on_pool!(self, pool => sqlx::query("DELETE FROM chat_presence WHERE user_id = $1 AND conversation_id = $2")
            .bind(user)
            .bind(conversation)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Whether `user` was looking at `conversation` since `since`.
    pub async fn is_viewing(&self, user: Uuid, conversation: Uuid, since: DateTime<Utc>) -> StoreResult<bool> {
        let (n,): (i64,) = on_pool!(self, pool => sqlx::query_as(
            "SELECT COUNT(*) FROM chat_presence WHERE user_id = $1 AND conversation_id = $2 AND seen_at >= $3")
            .bind(user)
            .bind(conversation)
            .bind(since)
            .fetch_one(pool)
            .await)?;
        Ok(n > 0)
    }
}

/// Events that reach every instance (PostgreSQL `LISTEN/NOTIFY`).
pub const EVENTS_CHANNEL: &str = "mentorhub_events";

/// Receives the payloads other instances (and this one) publish.
pub struct EventListener(sqlx::postgres::PgListener);

impl EventListener {
    pub async fn recv(&mut self) -> StoreResult<String> {
        Ok(self.0.recv().await?.payload().to_owned())
    }
}

impl Store {
    /// Broadcasts a payload to every instance; false on SQLite, where the
    /// one process delivers it itself.
    pub async fn publish_event(&self, payload: &str) -> StoreResult<bool> {
        match &self.backend {
            crate::Backend::Postgres(pool) => {
                sqlx::query("SELECT pg_notify($1, $2)")
                    .bind(EVENTS_CHANNEL)
                    .bind(payload)
                    .execute(pool)
                    .await?;
                Ok(true)
            }
            crate::Backend::Sqlite(_) => Ok(false),
        }
    }

    /// A listener for published events; `None` on SQLite.
    pub async fn event_listener(&self) -> StoreResult<Option<EventListener>> {
        match &self.backend {
            crate::Backend::Postgres(pool) => {
                let mut listener = sqlx::postgres::PgListener::connect_with(pool).await?;
                listener.listen(EVENTS_CHANNEL).await?;
                Ok(Some(EventListener(listener)))
            }
            crate::Backend::Sqlite(_) => Ok(None),
        }
    }
}
