//! Counters for rate limits that must hold across instances: hits per key
//! in time buckets, summed over a sliding window. Keys are hashes chosen by
//! the caller (no email or address is stored in clear).

use chrono::{DateTime, Utc};

use crate::sql::Sql;
use crate::{on_pool, Store, StoreResult};

/// The hits of one key inside a window, and when the oldest of them fell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WindowCount {
    pub hits: i64,
    pub oldest: Option<DateTime<Utc>>,
}

impl Store {
    /// Adds one hit to `key` in the bucket starting at `bucket`; the row may
    /// be removed after `expires_at`. One atomic statement, so concurrent
    /// hits are all counted.
    pub async fn rate_hit(&self, key: &str, bucket: DateTime<Utc>, expires_at: DateTime<Utc>) -> StoreResult<()> {
        const SQL: &str = "INSERT INTO rate_counters (key, bucket, hits, expires_at) VALUES ($1, $2, 1, $3) \
             ON CONFLICT (key, bucket) DO UPDATE SET hits = rate_counters.hits + 1";
        on_pool!(self, pool => sqlx::query(SQL)
            .bind(key)
            .bind(bucket)
            .bind(expires_at)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// The hits of `key` in buckets that start after `since`.
    pub async fn rate_count(&self, key: &str, since: DateTime<Utc>) -> StoreResult<WindowCount> {
        const SQL: &str =
            "SELECT CAST(COALESCE(SUM(hits), 0) AS BIGINT), MIN(bucket) FROM rate_counters WHERE key = $1 AND bucket > $2";
        let (hits, oldest): (i64, Option<DateTime<Utc>>) =
            self.read_one(&Sql::of(SQL, vec![key.into(), since.into()])).await?;
        Ok(WindowCount { hits, oldest })
    }

    /// Removes counters no window looks at any more; returns how many.
    pub async fn delete_expired_rate_counters(&self, now: DateTime<Utc>) -> StoreResult<u64> {
        let done = on_pool!(self, pool => sqlx::query("DELETE FROM rate_counters WHERE expires_at <= $1")
            .bind(now)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(done)
    }
}
