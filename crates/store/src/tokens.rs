use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::row::{DbRow, Record};
use crate::sql::{Param, Sql};
use crate::users::USER_COLUMNS;
use crate::{on_pool, Store, StoreResult, UserRecord};

/// A browser session (cookie) or an API bearer token. Only the SHA-256 hash
/// of a token is stored, so a database leak does not leak sign-ins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Session,
    Api,
}

impl TokenKind {
    fn as_str(self) -> &'static str {
        match self {
            TokenKind::Session => "session",
            TokenKind::Api => "api",
        }
    }
}

/// A token's holder and when the token expires.
struct Holder {
    user: UserRecord,
    expires_at: DateTime<Utc>,
}

impl Record for Holder {
    fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error> {
        Ok(Self {
            user: UserRecord::read(row)?,
            expires_at: row.col("token_expires_at")?,
        })
    }
}

impl Store {
    pub async fn insert_token(
        &self,
        token_hash: &str,
        user_id: Uuid,
        kind: TokenKind,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        const SQL: &str =
            "INSERT INTO auth_tokens (token_hash, user_id, kind, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)";
        on_pool!(self, pool => sqlx::query(SQL)
            .bind(token_hash)
            .bind(user_id)
            .bind(kind.as_str())
            .bind(now)
            .bind(expires_at)
            .execute(pool)
            .await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// The user a live token of this kind belongs to, and when it expires.
    pub async fn token_holder(
        &self,
        token_hash: &str,
        kind: TokenKind,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<(UserRecord, DateTime<Utc>)>> {
        let sql = format!(
            "SELECT {USER_COLUMNS}, t.expires_at AS token_expires_at FROM auth_tokens t JOIN users u ON u.id = t.user_id \
             WHERE t.token_hash = $1 AND t.kind = $2 AND t.expires_at > $3 \
             AND u.suspended_at IS NULL AND u.deleted_at IS NULL"
        );
        let params = vec![
            Param::Text(token_hash.to_owned()),
            Param::Text(kind.as_str().to_owned()),
            Param::Time(now),
        ];
        let found: Option<Holder> = self.read_optional(&Sql::of(sql, params)).await?;
        Ok(found.map(|h| (h.user, h.expires_at)))
    }

    /// Revokes one token; true when it existed.
    pub async fn delete_token(&self, token_hash: &str) -> StoreResult<bool> {
        let done = on_pool!(self, pool => sqlx::query("DELETE FROM auth_tokens WHERE token_hash = $1")
            .bind(token_hash)
            .execute(pool)
            .await.map(|r| r.rows_affected()))?;
        Ok(done > 0)
    }

    /// Removes expired tokens; returns how many.
    pub async fn delete_expired_tokens(&self, now: DateTime<Utc>) -> StoreResult<u64> {
        let done = on_pool!(self, pool => sqlx::query("DELETE FROM auth_tokens WHERE expires_at <= $1")
            .bind(now)
            .execute(pool)
            .await.map(|r| r.rows_affected()))?;
        Ok(done)
    }
}
