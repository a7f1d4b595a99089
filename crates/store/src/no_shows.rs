//! No-shows: one participant records that the other did not come.

use chrono::{DateTime, Utc};
use mentorhub_domain::mentorship::Side;
use uuid::Uuid;

use crate::{on_pool, Store, StoreResult};

impl Store {
    /// Records that `absent` did not come; false when a no-show was
    /// recorded already or the session was cancelled (the first one wins).
    pub async fn mark_no_show(&self, id: Uuid, absent: Side, now: DateTime<Utc>) -> StoreResult<bool> {
        const SQL: &str = "UPDATE sessions SET no_show = $2, no_show_at = $3, updated_at = $3 \
             WHERE id = $1 AND no_show IS NULL AND status <> 'cancelled'";
        let n = on_pool!(self, pool => sqlx::query(SQL).bind(id).bind(absent.as_str()).bind(now)
            .execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(n > 0)
    }
}
