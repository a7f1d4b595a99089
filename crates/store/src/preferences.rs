//! Notification preferences by kind and channel; a kind without a row is
//! on for both channels.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::sql::Sql;
use crate::{on_pool, Store, StoreResult};

/// One kind's channels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preference {
    pub kind: String,
    pub email: bool,
    pub in_app: bool,
}

impl Store {
    /// The kinds this person changed from the default.
    pub async fn preferences(&self, user_id: Uuid) -> StoreResult<Vec<Preference>> {
        const SQL: &str = "SELECT kind, email, in_app FROM notification_preferences WHERE user_id = $1 ORDER BY kind";
        let rows: Vec<(String, bool, bool)> = self.read_all(&Sql::of(SQL, vec![user_id.into()])).await?;
        Ok(rows
            .into_iter()
            .map(|(kind, email, in_app)| Preference { kind, email, in_app })
            .collect())
    }

    /// One kind's channels for this person (`None`: never changed, so on).
    pub async fn preference(&self, user_id: Uuid, kind: &str) -> StoreResult<Option<Preference>> {
        const SQL: &str = "SELECT kind, email, in_app FROM notification_preferences WHERE user_id = $1 AND kind = $2";
        let row: Option<(String, bool, bool)> = self
            .read_optional(&Sql::of(SQL, vec![user_id.into(), kind.into()]))
            .await?;
        Ok(row.map(|(kind, email, in_app)| Preference { kind, email, in_app }))
    }

    pub async fn set_preference(&self, user_id: Uuid, p: &Preference, now: DateTime<Utc>) -> StoreResult<()> {
        const SQL: &str = "INSERT INTO notification_preferences (user_id, kind, email, in_app, updated_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, kind) DO UPDATE SET email = excluded.email, \
             in_app = excluded.in_app, updated_at = excluded.updated_at";
        on_pool!(self, pool => sqlx::query(SQL)
            .bind(user_id)
            .bind(&p.kind)
            .bind(p.email)
            .bind(p.in_app)
            .bind(now)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Turns one kind's email off, keeping its in-app setting (unsubscribe).
    pub async fn unsubscribe(&self, user_id: Uuid, kind: &str, now: DateTime<Utc>) -> StoreResult<()> {
        const SQL: &str = "INSERT INTO notification_preferences (user_id, kind, email, in_app, updated_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, kind) DO UPDATE SET email = excluded.email, \
             updated_at = excluded.updated_at";
        on_pool!(self, pool => sqlx::query(SQL)
            .bind(user_id)
            .bind(kind)
            .bind(false)
            .bind(true)
            .bind(now)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// The named secret, made from `fresh` the first time any instance asks.
    pub async fn server_secret(&self, name: &str, fresh: &str, now: DateTime<Utc>) -> StoreResult<String> {
        const INSERT: &str =
            "INSERT INTO server_secrets (name, value, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING";
        const SELECT: &str = "SELECT value FROM server_secrets WHERE name = $1";
        on_pool!(self, pool => sqlx::query(INSERT).bind(name).bind(fresh).bind(now).execute(pool).await.map(|r| r.rows_affected()))?;
        let (value,): (String,) = self.read_one(&Sql::of(SELECT, vec![name.into()])).await?;
        Ok(value)
    }
}
