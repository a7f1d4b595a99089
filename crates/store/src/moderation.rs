//! What admins do to accounts and content: suspend and restore people,
//! remove reported content, and the users list with the figures they act
//! on (no-shows, open reports).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::row::{sqlx_rows, DbRow, Record};
use crate::sql::Sql;
use crate::users::USER_COLUMNS;
use crate::{on_pool, Store, StoreError, StoreResult, UserRecord};

/// The text a removed message is left with (the thread stays whole).
pub const REMOVED_MESSAGE: &str = "[This message was removed by a moderator.]";

#[derive(Debug, Clone, PartialEq)]
pub struct AdminUserRecord {
    pub user: UserRecord,
    /// Sessions where this person was marked absent.
    pub no_shows: i64,
    pub open_reports: i64,
}

impl Record for AdminUserRecord {
    fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error> {
        Ok(Self {
            user: UserRecord::read(row)?,
            no_shows: row.col("no_shows")?,
            open_reports: row.col("open_reports")?,
        })
    }
}
sqlx_rows!(AdminUserRecord);

impl Store {
    /// Suspends a person: their tokens go, their profile leaves search.
    /// False when they were suspended (or deleted) already.
    pub async fn suspend_user(&self, id: Uuid, reason: &str, now: DateTime<Utc>) -> StoreResult<bool> {
        const SUSPEND: &str = "UPDATE users SET suspended_at = $2, suspend_reason = $3, updated_at = $2 \
             WHERE id = $1 AND suspended_at IS NULL AND deleted_at IS NULL";
        self.flag_user(id, SUSPEND, Some(reason), false, now).await
    }

    /// Lifts a suspension; the profile is listed again.
    pub async fn restore_user(&self, id: Uuid, now: DateTime<Utc>) -> StoreResult<bool> {
        const RESTORE: &str = "UPDATE users SET suspended_at = NULL, suspend_reason = NULL, updated_at = $2 \
             WHERE id = $1 AND suspended_at IS NOT NULL AND deleted_at IS NULL AND $3 IS NULL";
        self.flag_user(id, RESTORE, None, true, now).await
    }

    async fn flag_user(
        &self,
        id: Uuid,
        change: &str,
        reason: Option<&str>,
        listed: bool,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let result = async {
                let n = sqlx::query(change).bind(id).bind(now).bind(reason).execute(&mut *tx).await?.rows_affected();
                if n == 0 {
                    return Ok(false);
                }
                if !listed {
                    sqlx::query("DELETE FROM auth_tokens WHERE user_id = $1").bind(id).execute(&mut *tx).await?;
                }
                sqlx::query("UPDATE mentor_profiles SET listed = $2 WHERE user_id = $1")
                    .bind(id)
                    .bind(listed)
                    .execute(&mut *tx)
                    .await?;
                Ok::<bool, StoreError>(true)
            }
            .await;
            pool.finish(tx, result).await
        })
    }

    /// Replaces a chat or group-room message's text; false when there is
    /// no such message or it was removed already.
    pub async fn remove_message(&self, id: Uuid, now: DateTime<Utc>) -> StoreResult<bool> {
        let mut removed = 0;
        for table in ["messages", "group_messages"] {
            let sql = format!("UPDATE {table} SET body = $2, removed_at = $3 WHERE id = $1 AND removed_at IS NULL");
            removed += on_pool!(self, pool => sqlx::query(&sql).bind(id).bind(REMOVED_MESSAGE).bind(now)
                .execute(pool).await.map(|r| r.rows_affected()))?;
        }
        Ok(removed > 0)
    }

    /// Takes a mini request off the board: cancelled, its text replaced.
    pub async fn remove_mini_request(&self, id: Uuid, now: DateTime<Utc>) -> StoreResult<bool> {
        const SQL: &str = "UPDATE mini_requests SET title = '[Removed by a moderator]', description = '', \
             status = CASE WHEN status IN ('open', 'claimed') THEN 'cancelled' ELSE status END, updated_at = $2 \
             WHERE id = $1";
        let n =
            on_pool!(self, pool => sqlx::query(SQL).bind(id).bind(now).execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(n > 0)
    }

    /// Clears what a person wrote about themselves on their profile.
    pub async fn remove_profile_text(&self, id: Uuid, now: DateTime<Utc>) -> StoreResult<bool> {
        const SQL: &str = "UPDATE mentor_profiles SET headline = '', bio = '', updated_at = $2 WHERE user_id = $1";
        let n =
            on_pool!(self, pool => sqlx::query(SQL).bind(id).bind(now).execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(n > 0)
    }

    /// People whose name or email contains `q` (all when empty), newest
    /// first, with their no-shows and open reports (`limit + 1` rows).
    pub async fn admin_users(&self, q: &str, limit: i64, offset: i64) -> StoreResult<Vec<AdminUserRecord>> {
        let sql = format!(
            "{} WHERE ($1 = '' OR lower(u.name) LIKE $2 ESCAPE '!' OR u.email_normalized LIKE $2 ESCAPE '!') \
             ORDER BY u.created_at DESC, u.id LIMIT $3 OFFSET $4",
            admin_user_select()
        );
        let q = q.trim().to_lowercase();
        let pattern = format!("%{}%", q.replace('!', "!!").replace('%', "!%").replace('_', "!_"));
        let rows: Vec<AdminUserRecord> = self
            .read_all(&Sql::of(
                sql.as_str(),
                vec![
                    q.as_str().into(),
                    pattern.as_str().into(),
                    (limit + 1).into(),
                    offset.into(),
                ],
            ))
            .await?;
        Ok(rows)
    }

    /// One person as the admins' list shows them.
    pub async fn admin_user(&self, id: Uuid) -> StoreResult<Option<AdminUserRecord>> {
        let sql = format!("{} WHERE u.id = $1", admin_user_select());
        self.read_optional(&Sql::of(sql.as_str(), vec![id.into()])).await
    }
}

/// A person with their no-shows and open reports.
fn admin_user_select() -> String {
    format!(
        "SELECT {USER_COLUMNS}, \
         (SELECT CAST(COUNT(*) AS BIGINT) FROM sessions s WHERE (s.no_show = 'mentor' AND s.mentor_id = u.id) \
           OR (s.no_show = 'mentee' AND s.mentee_id = u.id)) AS no_shows, \
         (SELECT CAST(COUNT(*) AS BIGINT) FROM reports r WHERE r.subject_user_id = u.id AND r.status = 'open') \
           AS open_reports \
         FROM users u"
    )
}
