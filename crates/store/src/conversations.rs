//! Conversations between two people (one per pair), their read markers
//! and who may start one.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::messages::MessageRecord;
use crate::row::{sqlx_rows, DbRow, Record};
use crate::sql::Sql;
use crate::{on_pool, Store, StoreError, StoreResult, EPOCH};

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
pub struct ConversationSummary {
    pub id: Uuid,
    pub other_id: Uuid,
    pub other_name: String,
    pub other_headline: Option<String>,
    pub last_message: Option<MessageRecord>,
    pub unread: i64,
}

impl Record for ConversationRecord {
    fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error> {
        Ok(Self {
            id: row.col("id")?,
            user_a: row.col("user_a")?,
            user_b: row.col("user_b")?,
            a_read_at: row.col("a_read_at")?,
            b_read_at: row.col("b_read_at")?,
        })
    }
}
sqlx_rows!(ConversationRecord);

impl Record for ConversationSummary {
    fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error> {
        let id = row.col("id")?;
        let last_message = match row.col::<Option<Uuid>>("last_id")? {
            Some(message_id) => Some(MessageRecord {
                id: message_id,
                conversation_id: id,
                sender_id: row.col("last_sender_id")?,
                body: row.col("last_body")?,
                created_at: row.col("last_created_at")?,
            }),
            None => None,
        };
        Ok(Self {
            id,
            other_id: row.col("other_id")?,
            other_name: row.col("other_name")?,
            other_headline: row.col("other_headline")?,
            last_message,
            unread: row.col("unread")?,
        })
    }
}
sqlx_rows!(ConversationSummary);

/// A pair as the table keeps it (smaller id first).
pub(crate) fn ordered(a: Uuid, b: Uuid) -> (Uuid, Uuid) {
    if a < b {
        (a, b)
    } else {
        (b, a)
    }
}

impl Store {
    pub async fn conversation(&self, id: Uuid) -> StoreResult<Option<ConversationRecord>> {
        const SQL: &str = "SELECT id, user_a, user_b, a_read_at, b_read_at FROM conversations WHERE id = $1";
        self.read_optional(&Sql::of(SQL, vec![id.into()])).await
    }

    pub async fn conversation_between(&self, a: Uuid, b: Uuid) -> StoreResult<Option<ConversationRecord>> {
        let (a, b) = ordered(a, b);
        const SQL: &str =
            "SELECT id, user_a, user_b, a_read_at, b_read_at FROM conversations WHERE user_a = $1 AND user_b = $2";
        self.read_optional(&Sql::of(SQL, vec![a.into(), b.into()])).await
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

    /// The caller's conversations with a message, most recent first.
    pub async fn conversations_of(&self, user: Uuid, limit: i64, offset: i64) -> StoreResult<Vec<ConversationSummary>> {
        const SQL: &str = "SELECT c.id, ou.id AS other_id, ou.name AS other_name, op.headline AS other_headline, \
             lm.id AS last_id, lm.sender_id AS last_sender_id, lm.body AS last_body, lm.created_at AS last_created_at, \
             (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id AND m.sender_id <> $1 AND m.created_at > \
               COALESCE(CASE WHEN c.user_a = $1 THEN c.a_read_at ELSE c.b_read_at END, $2)) AS unread \
             FROM conversations c \
             JOIN users ou ON ou.id = CASE WHEN c.user_a = $1 THEN c.user_b ELSE c.user_a END \
             LEFT JOIN mentor_profiles op ON op.user_id = ou.id \
             LEFT JOIN messages lm ON lm.id = (SELECT x.id FROM messages x WHERE x.conversation_id = c.id \
               ORDER BY x.created_at DESC, x.id DESC LIMIT 1) \
             WHERE (c.user_a = $1 OR c.user_b = $1) AND c.last_message_at IS NOT NULL \
             ORDER BY c.last_message_at DESC, c.id LIMIT $3 OFFSET $4";
        self.read_all(&Sql::of(
            SQL,
            vec![user.into(), EPOCH.into(), (limit + 1).into(), offset.into()],
        ))
        .await
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
        let (n,): (i64,) = self.read_one(&Sql::of(SQL, vec![user.into(), EPOCH.into()])).await?;
        Ok(n)
    }

    /// Whether two people share a mentorship (any state) or a mini request.
    pub async fn share_relationship(&self, a: Uuid, b: Uuid) -> StoreResult<bool> {
        const SQL: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM (\
             SELECT 1 AS x FROM mentorships WHERE (mentor_id = $1 AND mentee_id = $2) OR (mentor_id = $2 AND mentee_id = $1) \
             UNION ALL SELECT 1 AS x FROM mini_requests WHERE (mentee_id = $1 AND claimed_by = $2) OR (mentee_id = $2 AND claimed_by = $1)) t";
        let (n,): (i64,) = self.read_one(&Sql::of(SQL, vec![a.into(), b.into()])).await?;
        Ok(n > 0)
    }
}
