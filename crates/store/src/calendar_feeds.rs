//! Private calendar feed tokens (one per person; rotating revokes the old).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::sql::Sql;
use crate::{on_pool, Store, StoreResult};

impl Store {
    /// The token of a user's calendar feed, created on first use.
    pub async fn calendar_token(&self, user_id: Uuid, fresh: &str, now: DateTime<Utc>) -> StoreResult<String> {
        const INSERT: &str = "INSERT INTO calendar_feeds (user_id, token, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id) DO NOTHING";
        const SELECT_TOKEN: &str = "SELECT token FROM calendar_feeds WHERE user_id = $1";
        on_pool!(self, pool => sqlx::query(INSERT).bind(user_id).bind(fresh).bind(now).execute(pool).await.map(|r| r.rows_affected()))?;
        let (token,): (String,) = self.read_one(&Sql::of(SELECT_TOKEN, vec![user_id.into()])).await?;
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
        let row: Option<(Uuid,)> = self
            .read_optional(&Sql::of(
                "SELECT user_id FROM calendar_feeds WHERE token = $1",
                vec![token.into()],
            ))
            .await?;
        Ok(row.map(|(id,)| id))
    }
}
