//! Blocks (who may not write to whom), presence (who is looking at which
//! conversation, to skip notifications they would not need), and both of
//! them read at once with the recipient for a chat send.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::conversations::ConversationRecord;
use crate::row::{sqlx_rows, DbRow, Record};
use crate::sql::Sql;
use crate::users::{UserRecord, USER_COLUMNS};
use crate::{on_pool, Store, StoreResult};

impl Store {
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

    /// What sending `sender` a message to `recipient` needs to know, in one
    /// statement (on PostgreSQL a chat send costs round trips, not work): the
    /// recipient, the pair's conversation if there is one, whether the
    /// recipient blocks the sender or looked at that conversation since
    /// `since`, and their stored in-app choice for `preference_kind`.
    pub async fn message_recipient(
        &self,
        recipient: Uuid,
        sender: Uuid,
        since: DateTime<Utc>,
        preference_kind: &str,
    ) -> StoreResult<Option<RecipientRecord>> {
        let sql = format!(
            "SELECT {USER_COLUMNS}, c.id AS c_id, c.user_a AS c_user_a, c.user_b AS c_user_b, \
             c.a_read_at AS c_a_read_at, c.b_read_at AS c_b_read_at, \
             EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = u.id AND b.blocked_id = $2) AS blocks_sender, \
             EXISTS (SELECT 1 FROM chat_presence p WHERE p.user_id = u.id AND p.conversation_id = c.id \
               AND p.seen_at >= $3) AS viewing, \
             (SELECT np.in_app FROM notification_preferences np WHERE np.user_id = u.id AND np.kind = $4) AS in_app \
             FROM users u LEFT JOIN conversations c ON c.user_a = $5 AND c.user_b = $6 \
             WHERE u.id = $1"
        );
        let (a, b) = crate::conversations::ordered(recipient, sender);
        let params = vec![
            recipient.into(),
            sender.into(),
            since.into(),
            preference_kind.into(),
            a.into(),
            b.into(),
        ];
        self.read_optional(&Sql::of(sql, params)).await
    }
}

/// The recipient of a message and what decides how it reaches them.
#[derive(Debug, Clone)]
pub struct RecipientRecord {
    pub user: UserRecord,
    /// The sender's and recipient's conversation, once it exists.
    pub conversation: Option<ConversationRecord>,
    pub blocks_sender: bool,
    /// Looking at the conversation (never true before it exists).
    pub viewing: bool,
    /// Their saved in-app choice for chat messages; `None` when never set.
    pub in_app: Option<bool>,
}

impl Record for RecipientRecord {
    fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error> {
        let conversation = match row.col::<Option<Uuid>>("c_id")? {
            Some(id) => Some(ConversationRecord {
                id,
                user_a: row.col("c_user_a")?,
                user_b: row.col("c_user_b")?,
                a_read_at: row.col("c_a_read_at")?,
                b_read_at: row.col("c_b_read_at")?,
            }),
            None => None,
        };
        Ok(Self {
            user: UserRecord::read(row)?,
            conversation,
            blocks_sender: row.col("blocks_sender")?,
            viewing: row.col("viewing")?,
            in_app: row.col("in_app")?,
        })
    }
}
sqlx_rows!(RecipientRecord);
