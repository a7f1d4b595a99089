//! Profile photos: one per person, already re-encoded by the server.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::sql::Sql;
use crate::{on_pool, Store, StoreResult};

#[derive(Debug, Clone)]
pub struct PhotoRecord {
    pub content_type: String,
    pub data: Vec<u8>,
    pub updated_at: DateTime<Utc>,
}

impl Store {
    pub async fn photo(&self, user_id: Uuid) -> StoreResult<Option<PhotoRecord>> {
        const SQL: &str = "SELECT content_type, data, updated_at FROM profile_photos WHERE user_id = $1";
        let row: Option<(String, Vec<u8>, DateTime<Utc>)> =
            self.read_optional(&Sql::of(SQL, vec![user_id.into()])).await?;
        Ok(row.map(|(content_type, data, updated_at)| PhotoRecord {
            content_type,
            data,
            updated_at,
        }))
    }

    /// Replaces this person's photo.
    pub async fn set_photo(
        &self,
        user_id: Uuid,
        content_type: &str,
        data: &[u8],
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        const SQL: &str =
            "INSERT INTO profile_photos (user_id, content_type, data, updated_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (user_id) DO UPDATE SET content_type = excluded.content_type, data = excluded.data, \
             updated_at = excluded.updated_at";
        on_pool!(self, pool => sqlx::query(SQL)
            .bind(user_id)
            .bind(content_type)
            .bind(data)
            .bind(now)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Removes the photo; `true` when there was one.
    pub async fn delete_photo(&self, user_id: Uuid) -> StoreResult<bool> {
        const SQL: &str = "DELETE FROM profile_photos WHERE user_id = $1";
        let n = on_pool!(self, pool => sqlx::query(SQL).bind(user_id).execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(n > 0)
    }
}
