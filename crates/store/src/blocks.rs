//! Blocks (who may not write to whom) and presence (who is looking at
//! which conversation, to skip notifications they would not need).

use chrono::{DateTime, Utc};
use uuid::Uuid;

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
