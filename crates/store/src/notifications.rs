//! In-app notifications: written when something happens to a person,
//! listed newest first, marked read.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::row::{sqlx_rows, DbRow, Record};
use crate::sql::Sql;
use crate::{on_pool, Store, StoreError, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotificationRecord {
    pub id: Uuid,
    pub user_id: Uuid,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub link: Option<String>,
    pub read_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct NewNotification {
    pub user_id: Uuid,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub link: Option<String>,
}

impl Record for NotificationRecord {
    fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error> {
        Ok(Self {
            id: row.col("id")?,
            user_id: row.col("user_id")?,
            kind: row.col("kind")?,
            title: row.col("title")?,
            body: row.col("body")?,
            link: row.col("link")?,
            read_at: row.col("read_at")?,
            created_at: row.col("created_at")?,
        })
    }
}
sqlx_rows!(NotificationRecord);

/// The insert of `Store::notify` for a statement that binds more: id, user,
/// kind, title, body and link at `$first`..`$first+5`, the time at `$now`,
/// and a flag at `$when` (no row when false; `Store::add_message`).
pub(crate) fn insert_when(first: usize, now: usize, when: usize) -> String {
    let [id, user, kind, title, body, link] = std::array::from_fn(|i| first + i);
    format!(
        "INSERT INTO notifications (id, user_id, kind, title, body, link, created_at) \
         SELECT ${id}, ${user}, ${kind}, ${title}, ${body}, ${link}, ${now} WHERE ${when}"
    )
}

impl Store {
    pub async fn notify(&self, notification: &NewNotification, now: DateTime<Utc>) -> StoreResult<Uuid> {
        const SQL: &str = "INSERT INTO notifications (id, user_id, kind, title, body, link, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)";
        let id = Uuid::new_v4();
        on_pool!(self, pool => sqlx::query(SQL)
            .bind(id)
            .bind(notification.user_id)
            .bind(&notification.kind)
            .bind(&notification.title)
            .bind(&notification.body)
            .bind(notification.link.as_deref())
            .bind(now)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(id)
    }

    /// Writes a notification that collapses with the person's unread one of
    /// the same `collapse_key`: the first is written as given; each later one
    /// raises the count, titles the row "<count><many_suffix>" and keeps the
    /// newest title as its body. One statement, so a burst leaves one row.
    pub async fn notify_collapsed(
        &self,
        notification: &NewNotification,
        collapse_key: &str,
        many_suffix: &str,
        many_link: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        const SQL: &str = "INSERT INTO notifications \
             (id, user_id, kind, title, body, link, created_at, collapse_key, collapsed_count) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1) \
             ON CONFLICT (user_id, collapse_key) WHERE read_at IS NULL AND collapse_key IS NOT NULL \
             DO UPDATE SET collapsed_count = notifications.collapsed_count + 1, \
             title = CAST(notifications.collapsed_count + 1 AS TEXT) || $9, body = $4, link = $10, created_at = $7";
        on_pool!(self, pool => sqlx::query(SQL)
            .bind(Uuid::new_v4())
            .bind(notification.user_id)
            .bind(&notification.kind)
            .bind(&notification.title)
            .bind(&notification.body)
            .bind(notification.link.as_deref())
            .bind(now)
            .bind(collapse_key)
            .bind(many_suffix)
            .bind(many_link)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn list_notifications(
        &self,
        user_id: Uuid,
        limit: i64,
        offset: i64,
    ) -> StoreResult<Vec<NotificationRecord>> {
        const SQL: &str = "SELECT id, user_id, kind, title, body, link, read_at, created_at FROM notifications \
             WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3";
        let rows: Vec<NotificationRecord> = self
            .read_all(&Sql::of(SQL, vec![user_id.into(), (limit + 1).into(), offset.into()]))
            .await?;
        Ok(rows)
    }

    pub async fn unread_notifications(&self, user_id: Uuid) -> StoreResult<i64> {
        const SQL: &str = "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL";
        let (n,): (i64,) = self.read_one(&Sql::of(SQL, vec![user_id.into()])).await?;
        Ok(n)
    }

    /// Unread notifications other than chat messages (the navigation shows
    /// those on the Chat item, so one message never raises two badges).
    pub async fn unread_alerts(&self, user_id: Uuid) -> StoreResult<i64> {
        const SQL: &str =
            "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL AND kind <> 'chat_message'";
        let (n,): (i64,) = self.read_one(&Sql::of(SQL, vec![user_id.into()])).await?;
        Ok(n)
    }

    /// Marks read the user's notifications that point at `link` (opening a
    /// conversation reads its message notifications).
    pub async fn mark_notifications_read_for(&self, user_id: Uuid, link: &str, now: DateTime<Utc>) -> StoreResult<u64> {
        const SQL: &str = "UPDATE notifications SET read_at = $3 WHERE user_id = $1 AND link = $2 AND read_at IS NULL";
        let done = on_pool!(self, pool => sqlx::query(SQL)
            .bind(user_id)
            .bind(link)
            .bind(now)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(done)
    }

    /// Where one of the user's notifications points; `NotFound` for anyone
    /// else's.
    pub async fn notification_link(&self, id: Uuid, user_id: Uuid) -> StoreResult<Option<String>> {
        const SQL: &str = "SELECT link FROM notifications WHERE id = $1 AND user_id = $2";
        let row: Option<(Option<String>,)> = self
            .read_optional(&Sql::of(SQL, vec![id.into(), user_id.into()]))
            .await?;
        row.map(|(link,)| link).ok_or(crate::StoreError::NotFound)
    }

    /// Marks one of the user's notifications read; `NotFound` for anyone
    /// else's.
    pub async fn mark_notification_read(&self, id: Uuid, user_id: Uuid, now: DateTime<Utc>) -> StoreResult<()> {
        const SQL: &str = "UPDATE notifications SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND user_id = $2";
        let done = on_pool!(self, pool => sqlx::query(SQL)
            .bind(id)
            .bind(user_id)
            .bind(now)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    pub async fn mark_all_notifications_read(&self, user_id: Uuid, now: DateTime<Utc>) -> StoreResult<u64> {
        const SQL: &str = "UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL";
        let done = on_pool!(self, pool => sqlx::query(SQL)
            .bind(user_id)
            .bind(now)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(done)
    }
}
