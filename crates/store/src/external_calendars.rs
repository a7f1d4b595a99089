//! Calendars people connect (by their secret ICS address) and the busy
//! intervals last read from each. A sync replaces a calendar's intervals in
//! one transaction, so readers see the old set or the new one, never half.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::row::{sqlx_rows, DbRow, Record};
use crate::sql::Sql;
use crate::{on_pool, Store, StoreError, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalCalendarRecord {
    pub id: Uuid,
    pub user_id: Uuid,
    pub name: String,
    pub url: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub last_synced_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub last_attempt_at: Option<DateTime<Utc>>,
    pub busy_count: i32,
    pub created_at: DateTime<Utc>,
}

impl Record for ExternalCalendarRecord {
    fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error> {
        Ok(Self {
            id: row.col("id")?,
            user_id: row.col("user_id")?,
            name: row.col("name")?,
            url: row.col("url")?,
            etag: row.col("etag")?,
            last_modified: row.col("last_modified")?,
            last_synced_at: row.col("last_synced_at")?,
            last_error: row.col("last_error")?,
            last_attempt_at: row.col("last_attempt_at")?,
            busy_count: row.col("busy_count")?,
            created_at: row.col("created_at")?,
        })
    }
}
sqlx_rows!(ExternalCalendarRecord);

const COLUMNS: &str =
    "id, user_id, name, url, etag, last_modified, last_synced_at, last_error, last_attempt_at, busy_count, created_at";

/// Rows per multi-row insert (four values each, far below both limits).
const CHUNK: usize = 200;

impl Store {
    pub async fn add_external_calendar(
        &self,
        id: Uuid,
        user: Uuid,
        name: &str,
        url: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<ExternalCalendarRecord> {
        const SQL: &str =
            "INSERT INTO external_calendars (id, user_id, name, url, busy_count, created_at) VALUES ($1, $2, $3, $4, 0, $5)";
        on_pool!(self, pool => sqlx::query(SQL).bind(id).bind(user).bind(name).bind(url).bind(now)
            .execute(pool).await.map(|r| r.rows_affected()))?;
        self.external_calendar(id).await?.ok_or(StoreError::NotFound)
    }

    pub async fn external_calendar(&self, id: Uuid) -> StoreResult<Option<ExternalCalendarRecord>> {
        let sql = format!("SELECT {COLUMNS} FROM external_calendars WHERE id = $1");
        self.read_optional(&Sql::of(sql.as_str(), vec![id.into()])).await
    }

    pub async fn external_calendars_of(&self, user: Uuid) -> StoreResult<Vec<ExternalCalendarRecord>> {
        let sql = format!("SELECT {COLUMNS} FROM external_calendars WHERE user_id = $1 ORDER BY created_at, id");
        self.read_all(&Sql::of(sql.as_str(), vec![user.into()])).await
    }

    /// Removes a person's calendar and its busy time; false when not theirs.
    pub async fn delete_external_calendar(&self, id: Uuid, user: Uuid) -> StoreResult<bool> {
        const SQL: &str = "DELETE FROM external_calendars WHERE id = $1 AND user_id = $2";
        let done = on_pool!(self, pool => sqlx::query(SQL).bind(id).bind(user).execute(pool).await
            .map(|r| r.rows_affected()))?;
        Ok(done > 0)
    }

    /// Calendars whose last attempt is older than `before` (or never), oldest first.
    pub async fn external_calendars_due(
        &self,
        before: DateTime<Utc>,
        limit: i64,
    ) -> StoreResult<Vec<ExternalCalendarRecord>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM external_calendars WHERE last_attempt_at IS NULL OR last_attempt_at < $1 \
             ORDER BY last_attempt_at IS NOT NULL, last_attempt_at, id LIMIT $2"
        );
        self.read_all(&Sql::of(sql.as_str(), vec![before.into(), limit.into()]))
            .await
    }

    /// A successful read: the calendar's busy time becomes `busy`.
    pub async fn save_calendar_sync(
        &self,
        calendar: &ExternalCalendarRecord,
        busy: &[(DateTime<Utc>, DateTime<Utc>)],
        validators: (Option<&str>, Option<&str>),
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        const CLEAR: &str = "DELETE FROM external_busy WHERE calendar_id = $1";
        const MARK: &str = "UPDATE external_calendars SET etag = $2, last_modified = $3, last_synced_at = $4, \
             last_attempt_at = $4, last_error = NULL, busy_count = $5 WHERE id = $1";
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let result = async {
                // The calendar's row first: it locks it (two syncs cannot
                // interleave), and a calendar removed meanwhile stays removed.
                let marked = sqlx::query(MARK)
                    .bind(calendar.id)
                    .bind(validators.0)
                    .bind(validators.1)
                    .bind(now)
                    .bind(busy.len() as i32)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if marked == 0 {
                    return Ok(());
                }
                sqlx::query(CLEAR).bind(calendar.id).execute(&mut *tx).await?;
                for chunk in busy.chunks(CHUNK) {
                    let rows: Vec<String> = (0..chunk.len())
                        .map(|i| format!("(${}, ${}, ${}, ${})", i * 4 + 1, i * 4 + 2, i * 4 + 3, i * 4 + 4))
                        .collect();
                    let sql = format!(
                        "INSERT INTO external_busy (calendar_id, user_id, starts_at, ends_at) VALUES {}",
                        rows.join(", ")
                    );
                    let mut insert = sqlx::query(&sql);
                    for (start, end) in chunk {
                        insert = insert.bind(calendar.id).bind(calendar.user_id).bind(*start).bind(*end);
                    }
                    insert.execute(&mut *tx).await?;
                }
                Ok::<(), StoreError>(())
            }
            .await;
            pool.finish(tx, result).await
        })
    }

    /// A read that found nothing new (304).
    pub async fn mark_calendar_unchanged(&self, id: Uuid, now: DateTime<Utc>) -> StoreResult<()> {
        const SQL: &str =
            "UPDATE external_calendars SET last_synced_at = $2, last_attempt_at = $2, last_error = NULL WHERE id = $1";
        on_pool!(self, pool => sqlx::query(SQL).bind(id).bind(now).execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// A failed read: the error is kept, the last good busy time too.
    pub async fn mark_calendar_failed(&self, id: Uuid, error: &str, now: DateTime<Utc>) -> StoreResult<()> {
        const SQL: &str = "UPDATE external_calendars SET last_error = $2, last_attempt_at = $3 WHERE id = $1";
        on_pool!(self, pool => sqlx::query(SQL).bind(id).bind(error).bind(now).execute(pool).await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// A person's imported busy time overlapping `[from, to)`.
    pub async fn external_busy(
        &self,
        user: Uuid,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> StoreResult<Vec<(DateTime<Utc>, DateTime<Utc>)>> {
        const SQL: &str = "SELECT starts_at, ends_at FROM external_busy WHERE user_id = $1 AND ends_at > $2 \
             AND starts_at < $3 ORDER BY starts_at";
        self.read_all(&Sql::of(SQL, vec![user.into(), from.into(), to.into()]))
            .await
    }
}
