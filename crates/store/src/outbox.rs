//! Every email the server composed: sent, held (no SMTP configured), or
//! still being sent. One row per email job, so retries never duplicate it.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::row::{sqlx_rows, DbRow, Record};
use crate::sql::Sql;
use crate::{on_pool, Store, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEmail {
    pub job_id: Uuid,
    pub user_id: Option<Uuid>,
    pub recipient: String,
    pub kind: String,
    pub template: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub ics: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailRecord {
    pub id: Uuid,
    pub job_id: Uuid,
    pub recipient: String,
    pub kind: String,
    pub template: String,
    pub subject: String,
    pub text_body: String,
    pub status: String,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

impl Record for EmailRecord {
    fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error> {
        Ok(Self {
            id: row.col("id")?,
            job_id: row.col("job_id")?,
            recipient: row.col("recipient")?,
            kind: row.col("kind")?,
            template: row.col("template")?,
            subject: row.col("subject")?,
            text_body: row.col("text_body")?,
            status: row.col("status")?,
            last_error: row.col("last_error")?,
            created_at: row.col("created_at")?,
            sent_at: row.col("sent_at")?,
        })
    }
}
sqlx_rows!(EmailRecord);

const COLUMNS: &str =
    "id, job_id, recipient, kind, template, subject, text_body, status, last_error, created_at, sent_at";

impl Store {
    /// Records an email about to be sent; the row of an earlier attempt of
    /// the same job is kept (returned with its status).
    pub async fn record_email(&self, email: &NewEmail, now: DateTime<Utc>) -> StoreResult<EmailRecord> {
        const SQL: &str = "INSERT INTO outbox (id, job_id, user_id, recipient, kind, template, subject, text_body, \
             html_body, ics, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'sending', $11) \
             ON CONFLICT (job_id) DO NOTHING";
        on_pool!(self, pool => sqlx::query(SQL)
            .bind(Uuid::new_v4())
            .bind(email.job_id)
            .bind(email.user_id)
            .bind(&email.recipient)
            .bind(&email.kind)
            .bind(&email.template)
            .bind(&email.subject)
            .bind(&email.text_body)
            .bind(&email.html_body)
            .bind(email.ics.as_deref())
            .bind(now)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        let sql = format!("SELECT {COLUMNS} FROM outbox WHERE job_id = $1");
        self.read_one(&Sql::of(sql.as_str(), vec![email.job_id.into()])).await
    }

    /// Sets an email's status (`sent`, `held`, `failed`, or `sending` with
    /// the error of a failed attempt).
    pub async fn mark_email(&self, id: Uuid, status: &str, error: Option<&str>, now: DateTime<Utc>) -> StoreResult<()> {
        const SQL: &str = "UPDATE outbox SET status = $2, last_error = $3, \
             sent_at = CASE WHEN $2 = 'sent' THEN $4 ELSE sent_at END WHERE id = $1";
        on_pool!(self, pool => sqlx::query(SQL)
            .bind(id)
            .bind(status)
            .bind(error)
            .bind(now)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// The newest emails (the admins' outbox page).
    pub async fn recent_emails(&self, limit: i64) -> StoreResult<Vec<EmailRecord>> {
        let sql = format!("SELECT {COLUMNS} FROM outbox ORDER BY created_at DESC, id LIMIT $1");
        self.read_all(&Sql::of(sql.as_str(), vec![limit.into()])).await
    }
}
