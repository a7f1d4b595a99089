use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::row::{sqlx_rows, DbRow, Record};
use crate::sql::Sql;
use crate::{encode_list, on_pool, Store, StoreError, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRecord {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub is_mentee: bool,
    pub is_mentor: bool,
    pub is_admin: bool,
    pub timezone: String,
    /// What a mentee wants to learn (for recommendations).
    pub interests: Vec<String>,
    pub goals: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Set while an admin has suspended the account.
    pub suspended_at: Option<DateTime<Utc>>,
    pub suspend_reason: Option<String>,
    /// Set once the person deleted their account (the row stays as
    /// "Deleted user" so the other side's history reads whole).
    pub deleted_at: Option<DateTime<Utc>>,
    /// Updated at most hourly (`Store::touch_user`).
    pub last_active_at: Option<DateTime<Utc>>,
}

impl UserRecord {
    /// Neither suspended nor deleted: others may write to, ask or book them.
    pub fn is_active(&self) -> bool {
        self.suspended_at.is_none() && self.deleted_at.is_none()
    }
}

/// Changes to a user; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct UserChanges<'a> {
    pub name: Option<&'a str>,
    pub timezone: Option<&'a str>,
    pub interests: Option<&'a [String]>,
    pub goals: Option<&'a str>,
}

#[derive(Debug, Clone)]
pub struct NewUser {
    pub id: Uuid,
    pub email: String,
    pub email_normalized: String,
    pub password_hash: String,
    pub name: String,
    pub is_mentee: bool,
    pub is_mentor: bool,
    pub is_admin: bool,
    pub timezone: String,
    pub now: DateTime<Utc>,
}

pub(crate) const USER_COLUMNS: &str = "u.id, u.email, u.name, u.is_mentee, u.is_mentor, u.is_admin, u.timezone, \
     u.interests, u.goals, u.created_at, u.updated_at, u.suspended_at, u.suspend_reason, u.deleted_at, u.last_active_at";

impl Record for UserRecord {
    fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error> {
        Ok(Self {
            id: row.col("id")?,
            email: row.col("email")?,
            name: row.col("name")?,
            is_mentee: row.col("is_mentee")?,
            is_mentor: row.col("is_mentor")?,
            is_admin: row.col("is_admin")?,
            timezone: row.col("timezone")?,
            interests: row.list("interests")?,
            goals: row.col("goals")?,
            created_at: row.col("created_at")?,
            updated_at: row.col("updated_at")?,
            suspended_at: row.col("suspended_at")?,
            suspend_reason: row.col("suspend_reason")?,
            deleted_at: row.col("deleted_at")?,
            last_active_at: row.col("last_active_at")?,
        })
    }
}
sqlx_rows!(UserRecord);

/// A user with their password hash, for sign-in only.
struct Credentials {
    user: UserRecord,
    password_hash: String,
}

impl Record for Credentials {
    fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error> {
        Ok(Self {
            user: UserRecord::read(row)?,
            password_hash: row.col("password_hash")?,
        })
    }
}

impl Store {
    /// Creates a user; `Conflict(EmailTaken)` when the email is in use.
    pub async fn create_user(&self, user: &NewUser) -> StoreResult<UserRecord> {
        const SQL: &str = "INSERT INTO users (id, email, email_normalized, password_hash, name, is_mentee, \
             is_mentor, is_admin, timezone, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)";
        on_pool!(self, pool => sqlx::query(SQL)
            .bind(user.id)
            .bind(&user.email)
            .bind(&user.email_normalized)
            .bind(&user.password_hash)
            .bind(&user.name)
            .bind(user.is_mentee)
            .bind(user.is_mentor)
            .bind(user.is_admin)
            .bind(&user.timezone)
            .bind(user.now)
            .execute(pool)
            .await.map(|r| r.rows_affected()))?;
        self.user_by_id(user.id).await
    }

    pub async fn user_by_id(&self, id: Uuid) -> StoreResult<UserRecord> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.id = $1");
        self.read_one(&Sql::of(sql, vec![id.into()])).await
    }

    /// The user and password hash for a normalized email, for sign-in.
    pub async fn user_credentials(&self, email_normalized: &str) -> StoreResult<Option<(UserRecord, String)>> {
        let sql = format!("SELECT {USER_COLUMNS}, u.password_hash FROM users u WHERE u.email_normalized = $1");
        let found: Option<Credentials> = self.read_optional(&Sql::of(sql, vec![email_normalized.into()])).await?;
        Ok(found.map(|c| (c.user, c.password_hash)))
    }

    /// Replaces a password hash, only if it is still `old` (two sign-ins
    /// rehashing at once write one of theirs; both verify the password).
    pub async fn replace_password_hash(
        &self,
        user_id: Uuid,
        old: &str,
        new: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        const SQL: &str = "UPDATE users SET password_hash = $3, updated_at = $4 WHERE id = $1 AND password_hash = $2";
        let n = on_pool!(self, pool => sqlx::query(SQL)
            .bind(user_id)
            .bind(old)
            .bind(new)
            .bind(now)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(n == 1)
    }

    /// Applies `changes`; a mentor's searchable name follows their name.
    pub async fn update_user(
        &self,
        id: Uuid,
        changes: &UserChanges<'_>,
        now: DateTime<Utc>,
    ) -> StoreResult<UserRecord> {
        const SQL: &str = "UPDATE users SET name = COALESCE($2, name), timezone = COALESCE($3, timezone), \
             interests = COALESCE($4, interests), goals = COALESCE($5, goals), updated_at = $6 WHERE id = $1";
        let interests = changes.interests.map(encode_list);
        let done = on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let result = async {
                let done = sqlx::query(SQL)
                    .bind(id)
                    .bind(changes.name)
                    .bind(changes.timezone)
                    .bind(interests.as_deref())
                    .bind(changes.goals)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if let Some(name) = changes.name {
                    sqlx::query("UPDATE mentor_profiles SET display_name = $2 WHERE user_id = $1")
                        .bind(id)
                        .bind(name)
                        .execute(&mut *tx)
                        .await?;
                }
                Ok::<u64, StoreError>(done)
            }
            .await;
            pool.finish(tx, result).await
        })?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        self.user_by_id(id).await
    }

    /// Grants roles or the admin flag (from the command line); never removes them.
    pub async fn grant(&self, id: Uuid, mentor: bool, admin: bool, now: DateTime<Utc>) -> StoreResult<UserRecord> {
        const SQL: &str = "UPDATE users SET is_mentor = (is_mentor OR $2), is_admin = (is_admin OR $3), \
             updated_at = $4 WHERE id = $1";
        on_pool!(self, pool => sqlx::query(SQL).bind(id).bind(mentor).bind(admin).bind(now).execute(pool).await.map(|r| r.rows_affected()))?;
        self.user_by_id(id).await
    }

    /// Records activity, at most once an hour per person (no write on
    /// every request).
    pub async fn touch_user(&self, id: Uuid, now: DateTime<Utc>) -> StoreResult<()> {
        const SQL: &str =
            "UPDATE users SET last_active_at = $2 WHERE id = $1 AND (last_active_at IS NULL OR last_active_at < $3)";
        let hour_ago = now - chrono::Duration::hours(1);
        on_pool!(self, pool => sqlx::query(SQL).bind(id).bind(now).bind(hour_ago).execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn count_users(&self) -> StoreResult<i64> {
        let (n,): (i64,) = self.read_one(&Sql::of("SELECT COUNT(*) FROM users", vec![])).await?;
        Ok(n)
    }
}
