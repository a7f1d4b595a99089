//! Reports people file about others' content, the admins' queue of them,
//! and the audit log every admin action writes.

use chrono::{DateTime, Utc};
use mentorhub_domain::trust::{ReportAction, ReportReason, ReportStatus, ReportSubject};
use uuid::Uuid;

use crate::row::{sqlx_rows, DbRow, Record};
use crate::sql::Sql;
use crate::{on_pool, Store, StoreResult};

#[derive(Debug, Clone)]
pub struct NewReport {
    pub id: Uuid,
    pub reporter_id: Uuid,
    pub subject_type: ReportSubject,
    pub subject_id: Uuid,
    pub subject_user_id: Uuid,
    /// What the subject said or was called when reported (admins see it
    /// even after the content is removed).
    pub excerpt: String,
    pub reason: ReportReason,
    pub details: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReportRecord {
    pub id: Uuid,
    pub reporter_id: Uuid,
    pub reporter_name: String,
    pub subject_type: ReportSubject,
    pub subject_id: Uuid,
    pub subject_user_id: Uuid,
    pub subject_user_name: String,
    pub excerpt: String,
    pub reason: ReportReason,
    pub details: Option<String>,
    pub status: ReportStatus,
    pub action: Option<ReportAction>,
    pub resolution_note: Option<String>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl Record for ReportRecord {
    fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error> {
        let action: Option<String> = row.col("action")?;
        Ok(Self {
            id: row.col("id")?,
            reporter_id: row.col("reporter_id")?,
            reporter_name: row.col("reporter_name")?,
            subject_type: row.parsed("subject_type", ReportSubject::parse)?,
            subject_id: row.col("subject_id")?,
            subject_user_id: row.col("subject_user_id")?,
            subject_user_name: row.col("subject_user_name")?,
            excerpt: row.col("excerpt")?,
            reason: row.parsed("reason", ReportReason::parse)?,
            details: row.col("details")?,
            status: row.parsed("status", ReportStatus::parse)?,
            action: action.as_deref().and_then(ReportAction::parse),
            resolution_note: row.col("resolution_note")?,
            resolved_at: row.col("resolved_at")?,
            created_at: row.col("created_at")?,
        })
    }
}
sqlx_rows!(ReportRecord);

const SELECT: &str = "SELECT r.id, r.reporter_id, ru.name AS reporter_name, r.subject_type, r.subject_id, \
     r.subject_user_id, su.name AS subject_user_name, r.excerpt, r.reason, r.details, r.status, r.action, \
     r.resolution_note, r.resolved_at, r.created_at \
     FROM reports r JOIN users ru ON ru.id = r.reporter_id JOIN users su ON su.id = r.subject_user_id";

/// One admin action, for the audit log.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRecord {
    pub id: Uuid,
    pub admin_id: Option<Uuid>,
    pub admin_name: Option<String>,
    pub action: String,
    pub subject_type: String,
    pub subject_id: Uuid,
    pub detail: String,
    pub created_at: DateTime<Utc>,
}

impl Record for AuditRecord {
    fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error> {
        Ok(Self {
            id: row.col("id")?,
            admin_id: row.col("admin_id")?,
            admin_name: row.col("admin_name")?,
            action: row.col("action")?,
            subject_type: row.col("subject_type")?,
            subject_id: row.col("subject_id")?,
            detail: row.col("detail")?,
            created_at: row.col("created_at")?,
        })
    }
}
sqlx_rows!(AuditRecord);

impl Store {
    /// Files a report; a reporter's open report of the same thing is
    /// returned instead of a second one.
    pub async fn create_report(&self, report: &NewReport, now: DateTime<Utc>) -> StoreResult<ReportRecord> {
        const SQL: &str = "INSERT INTO reports (id, reporter_id, subject_type, subject_id, subject_user_id, excerpt, \
             reason, details, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9) \
             ON CONFLICT (reporter_id, subject_type, subject_id) WHERE status = 'open' DO NOTHING";
        on_pool!(self, pool => sqlx::query(SQL)
            .bind(report.id)
            .bind(report.reporter_id)
            .bind(report.subject_type.as_str())
            .bind(report.subject_id)
            .bind(report.subject_user_id)
            .bind(&report.excerpt)
            .bind(report.reason.as_str())
            .bind(&report.details)
            .bind(now)
            .execute(pool).await.map(|r| r.rows_affected()))?;
        let sql = format!(
            "{SELECT} WHERE r.reporter_id = $1 AND r.subject_type = $2 AND r.subject_id = $3 \
             ORDER BY r.status = 'open' DESC, r.created_at DESC LIMIT 1"
        );
        let found: ReportRecord = self
            .read_one(&Sql::of(
                sql.as_str(),
                vec![
                    report.reporter_id.into(),
                    report.subject_type.as_str().into(),
                    report.subject_id.into(),
                ],
            ))
            .await?;
        Ok(found)
    }

    pub async fn report(&self, id: Uuid) -> StoreResult<Option<ReportRecord>> {
        let sql = format!("{SELECT} WHERE r.id = $1");
        self.read_optional(&Sql::of(sql.as_str(), vec![id.into()])).await
    }

    /// The queue: open reports oldest first, resolved ones newest first
    /// (`limit + 1` rows).
    pub async fn reports(&self, status: ReportStatus, limit: i64, offset: i64) -> StoreResult<Vec<ReportRecord>> {
        let order = match status {
            ReportStatus::Open => "r.created_at, r.id",
            ReportStatus::Resolved => "r.resolved_at DESC, r.id",
        };
        let sql = format!("{SELECT} WHERE r.status = $1 ORDER BY {order} LIMIT $2 OFFSET $3");
        let rows: Vec<ReportRecord> = self
            .read_all(&Sql::of(
                sql.as_str(),
                vec![status.as_str().into(), (limit + 1).into(), offset.into()],
            ))
            .await?;
        Ok(rows)
    }

    /// Resolves an open report and writes the audit entry with it; false
    /// when it was resolved already (two admins at once: one wins).
    pub async fn resolve_report(
        &self,
        id: Uuid,
        admin: Uuid,
        action: ReportAction,
        note: Option<&str>,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        const SQL: &str = "UPDATE reports SET status = 'resolved', action = $2, resolution_note = $3, \
             resolved_by = $4, resolved_at = $5 WHERE id = $1 AND status = 'open'";
        let n = on_pool!(self, pool => sqlx::query(SQL)
            .bind(id).bind(action.as_str()).bind(note).bind(admin).bind(now)
            .execute(pool).await.map(|r| r.rows_affected()))?;
        if n > 0 {
            let detail = match note {
                Some(note) => format!("{}: {note}", action.as_str()),
                None => action.as_str().to_owned(),
            };
            self.audit(admin, "resolve_report", "report", id, &detail, now).await?;
        }
        Ok(n > 0)
    }

    /// Whether two people have met here: a mentorship, a conversation or
    /// a session between them, or a group session one hosts and the other
    /// has a place in (how a mentee becomes visible to someone).
    pub async fn have_met(&self, a: Uuid, b: Uuid) -> StoreResult<bool> {
        const SQL: &str = "SELECT \
             EXISTS (SELECT 1 FROM mentorships WHERE (mentor_id = $1 AND mentee_id = $2) OR (mentor_id = $2 AND mentee_id = $1)) \
             OR EXISTS (SELECT 1 FROM conversations WHERE (user_a = $1 AND user_b = $2) OR (user_a = $2 AND user_b = $1)) \
             OR EXISTS (SELECT 1 FROM sessions WHERE (mentor_id = $1 AND mentee_id = $2) OR (mentor_id = $2 AND mentee_id = $1)) \
             OR EXISTS (SELECT 1 FROM group_sessions g JOIN group_seats s ON s.group_session_id = g.id \
               WHERE (g.host_id = $1 AND s.user_id = $2) OR (g.host_id = $2 AND s.user_id = $1))";
        let (met,): (bool,) = self.read_one(&Sql::of(SQL, vec![a.into(), b.into()])).await?;
        Ok(met)
    }

    /// How many reports wait for a decision.
    pub async fn count_open_reports(&self) -> StoreResult<i64> {
        const SQL: &str = "SELECT COUNT(*) FROM reports WHERE status = 'open'";
        let (n,): (i64,) = self.read_one(&Sql::of(SQL, vec![])).await?;
        Ok(n)
    }

    /// Writes one line of the audit log.
    pub async fn audit(
        &self,
        admin: Uuid,
        action: &str,
        subject_type: &str,
        subject_id: Uuid,
        detail: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        const SQL: &str = "INSERT INTO audit_log (id, admin_id, action, subject_type, subject_id, detail, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)";
        on_pool!(self, pool => sqlx::query(SQL)
            .bind(Uuid::new_v4()).bind(admin).bind(action).bind(subject_type).bind(subject_id).bind(detail).bind(now)
            .execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// The audit log, newest first (`limit + 1` rows).
    pub async fn audit_log(&self, limit: i64, offset: i64) -> StoreResult<Vec<AuditRecord>> {
        const SQL: &str = "SELECT a.id, a.admin_id, u.name AS admin_name, a.action, a.subject_type, a.subject_id, \
             a.detail, a.created_at FROM audit_log a LEFT JOIN users u ON u.id = a.admin_id \
             ORDER BY a.created_at DESC, a.id LIMIT $1 OFFSET $2";
        let rows: Vec<AuditRecord> = self
            .read_all(&Sql::of(SQL, vec![(limit + 1).into(), offset.into()]))
            .await?;
        Ok(rows)
    }
}
