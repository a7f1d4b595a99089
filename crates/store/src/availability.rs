//! Mentors' published availability, stored as JSON in one row.

use chrono::{DateTime, Utc};
use mentorhub_domain::availability::Availability;
use uuid::Uuid;

use crate::row::{DbRow, Record};
use crate::sql::Sql;
use crate::{on_pool, Store, StoreError, StoreResult};

const SET_MEETING_URL: &str = "UPDATE mentor_profiles SET meeting_url = $2 WHERE user_id = $1";

/// `Availability` is a domain type, so it is read through a wrapper (the
/// orphan rule).
struct Published(Availability);

impl Record for Published {
    fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error> {
        availability_from_row(row).map(Published)
    }
}

fn availability_from_row(row: &impl DbRow) -> Result<Availability, sqlx::Error> {
    Ok(Availability {
        timezone: row.col("timezone")?,
        weekly: row.json("weekly")?,
        overrides: row.json("overrides")?,
        min_notice_minutes: row.col::<i32>("min_notice_minutes")?.into(),
        horizon_days: row.col::<i32>("horizon_days")?.into(),
        buffer_minutes: row.col::<i32>("buffer_minutes")?.into(),
    })
}

impl Store {
    /// Publishes a mentor's availability and, when given, changes their own
    /// meeting link (`Some(None)` removes it), in one transaction.
    pub async fn save_availability(
        &self,
        mentor_id: Uuid,
        a: &Availability,
        meeting_url: Option<Option<&str>>,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        const SQL: &str = "INSERT INTO availability (mentor_id, timezone, weekly, overrides, min_notice_minutes, \
             horizon_days, buffer_minutes, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (mentor_id) DO UPDATE SET timezone = excluded.timezone, weekly = excluded.weekly, \
             overrides = excluded.overrides, min_notice_minutes = excluded.min_notice_minutes, \
             horizon_days = excluded.horizon_days, buffer_minutes = excluded.buffer_minutes, \
             updated_at = excluded.updated_at";
        let weekly = serde_json::to_string(&a.weekly).unwrap_or_else(|_| "[]".into());
        let overrides = serde_json::to_string(&a.overrides).unwrap_or_else(|_| "[]".into());
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let result = async {
                sqlx::query(SQL)
                    .bind(mentor_id)
                    .bind(&a.timezone)
                    .bind(&weekly)
                    .bind(&overrides)
                    .bind(a.min_notice_minutes as i32)
                    .bind(a.horizon_days as i32)
                    .bind(a.buffer_minutes as i32)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                if let Some(url) = meeting_url {
                    sqlx::query(SET_MEETING_URL).bind(mentor_id).bind(url).execute(&mut *tx).await?;
                }
                Ok::<(), StoreError>(())
            }
            .await;
            pool.finish(tx, result).await
        })
    }

    /// `None` when the mentor has not published availability.
    pub async fn availability(&self, mentor_id: Uuid) -> StoreResult<Option<Availability>> {
        const SQL: &str = "SELECT timezone, weekly, overrides, min_notice_minutes, horizon_days, buffer_minutes \
             FROM availability WHERE mentor_id = $1";
        let found: Option<Published> = self.read_optional(&Sql::of(SQL, vec![mentor_id.into()])).await?;
        Ok(found.map(|p| p.0))
    }

    /// A mentor's own meeting link, if they set one.
    pub async fn mentor_meeting_url(&self, mentor_id: Uuid) -> StoreResult<Option<String>> {
        let row: Option<(Option<String>,)> = self
            .read_optional(&Sql::of(
                "SELECT meeting_url FROM mentor_profiles WHERE user_id = $1",
                vec![mentor_id.into()],
            ))
            .await?;
        Ok(row.and_then(|(url,)| url))
    }
}
