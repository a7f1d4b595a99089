//! Chat messages, stored before anyone is told of them.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::job_changes::{enqueue_when, NewJob};
use crate::notifications::{insert_when, NewNotification};
use crate::row::{sqlx_rows, DbRow, Record};
use crate::sql::Sql;
use crate::{Store, StoreError, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageRecord {
    pub id: Uuid,
    pub conversation_id: Uuid,
    pub sender_id: Uuid,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

impl Record for MessageRecord {
    fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error> {
        Ok(Self {
            id: row.col("id")?,
            conversation_id: row.col("conversation_id")?,
            sender_id: row.col("sender_id")?,
            body: row.col("body")?,
            created_at: row.col("created_at")?,
        })
    }
}
sqlx_rows!(MessageRecord);

/// A chat message, what is written with it, and its time.
#[derive(Debug, Clone)]
pub struct NewMessage {
    pub id: Uuid,
    pub conversation_id: Uuid,
    pub sender_id: Uuid,
    pub body: String,
    /// The email that follows if the message stays unread.
    pub email: Option<NewJob>,
    /// The recipient's notification, unless they are looking at the
    /// conversation or chose not to have one.
    pub notification: Option<NewNotification>,
    pub at: DateTime<Utc>,
}

/// The message ($1-$5) and the conversation's times; with them the
/// notification ($6-$11, written when $12, `notifications::insert_when`)
/// and the email job ($13-$17, when $18, `job_changes::enqueue_when`).
const MESSAGE_INSERT: &str =
    "INSERT INTO messages (id, conversation_id, sender_id, body, created_at) VALUES ($1, $2, $3, $4, $5)";
const CONVERSATION_TOUCH: &str = "UPDATE conversations SET last_message_at = $5, \
     a_read_at = CASE WHEN user_a = $3 THEN $5 ELSE a_read_at END, \
     b_read_at = CASE WHEN user_b = $3 THEN $5 ELSE b_read_at END WHERE id = $2";

/// Binds a `&NewMessage` `$m` to either statement.
macro_rules! bind_message {
    ($query:expr, $m:expr) => {{
        let (m, note, email) = ($m, $m.notification.as_ref(), $m.email.as_ref());
        $query
            .bind(m.id)
            .bind(m.conversation_id)
            .bind(m.sender_id)
            .bind(m.body.as_str())
            .bind(m.at)
            .bind(Uuid::new_v4())
            .bind(note.map(|n| n.user_id))
            .bind(note.map(|n| n.kind.as_str()))
            .bind(note.map(|n| n.title.as_str()))
            .bind(note.map(|n| n.body.as_str()))
            .bind(note.and_then(|n| n.link.as_deref()))
            .bind(note.is_some())
            .bind(Uuid::new_v4())
            .bind(email.map(|j| j.kind.as_str()))
            .bind(email.map(|j| j.payload.as_str()))
            .bind(email.and_then(|j| j.dedup_key.as_deref()))
            .bind(email.map(|j| j.run_at))
            .bind(email.is_some())
    }};
}

impl Store {
    /// Stores a message with what it causes (committed before anyone is
    /// told of it), at once: the message, the conversation's last-message
    /// time and the sender's read marker, the recipient's notification and
    /// the unread-message email job. On PostgreSQL that is one statement
    /// (data-modifying CTEs share its implicit transaction): one round trip
    /// instead of six. SQLite runs the four statements as one command in a
    /// transaction, so the write lock is held for two hand-offs to its
    /// connection thread (the command, COMMIT), not five.
    pub async fn add_message(&self, message: &NewMessage) -> StoreResult<()> {
        let notification = insert_when(6, 5, 12);
        let email = enqueue_when(13, 5, 18);
        match &self.backend {
            crate::Backend::Postgres(pool) => {
                let sql =
                    format!("WITH m AS ({MESSAGE_INSERT}), c AS ({CONVERSATION_TOUCH}), n AS ({notification}) {email}");
                bind_message!(sqlx::query(&sql), message).execute(pool).await?;
                Ok(())
            }
            crate::Backend::Sqlite(pool) => {
                let sql = format!("{MESSAGE_INSERT}; {CONVERSATION_TOUCH}; {notification}; {email};");
                let mut tx = pool.begin().await?;
                let result = bind_message!(sqlx::query(&sql), message)
                    .execute(&mut *tx)
                    .await
                    .map(|_| ())
                    .map_err(StoreError::from);
                pool.finish(tx, result).await
            }
        }
    }

    pub async fn message(&self, id: Uuid) -> StoreResult<Option<MessageRecord>> {
        const SQL: &str = "SELECT id, conversation_id, sender_id, body, created_at FROM messages WHERE id = $1";
        self.read_optional(&Sql::of(SQL, vec![id.into()])).await
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
        let rows: Vec<MessageRecord> = self
            .read_all(&Sql::of(
                SQL,
                vec![conversation.into(), at.into(), id.into(), (limit + 1).into()],
            ))
            .await?;
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
        self.read_all(&Sql::of(SQL, vec![conversation.into(), reader.into()]))
            .await
    }
}
