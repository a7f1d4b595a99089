//! A mentorship's plan: its own copy of a program's milestones with due
//! dates, ticked off by either side.

use chrono::{DateTime, NaiveDate, Utc};
use mentorhub_domain::progress::due_date;
use uuid::Uuid;

use crate::programs::ProgramRecord;
use crate::row::{sqlx_rows, DbRow, Record};
use crate::sql::Sql;
use crate::{encode_list, on_pool, Store, StoreError, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanMilestoneRecord {
    pub id: Uuid,
    pub title: String,
    pub description: String,
    pub due_date: String,
    pub done_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRecord {
    pub mentorship_id: Uuid,
    pub program_id: Option<Uuid>,
    pub program_title: String,
    pub start_date: String,
    pub skills: Vec<String>,
    pub milestones: Vec<PlanMilestoneRecord>,
}

impl Record for PlanMilestoneRecord {
    fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error> {
        Ok(Self {
            id: row.col("id")?,
            title: row.col("title")?,
            description: row.col("description")?,
            due_date: row.col("due_date")?,
            done_at: row.col("done_at")?,
        })
    }
}
sqlx_rows!(PlanMilestoneRecord);

impl Store {
    /// Gives the mentorship a copy of `program` starting on `start` (a plan
    /// applied again is replaced).
    pub async fn apply_program(
        &self,
        mentorship: Uuid,
        program: &ProgramRecord,
        start: NaiveDate,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        const LOCK: &str = "UPDATE mentorships SET updated_at = updated_at WHERE id = $1";
        const CLEAR: &str = "DELETE FROM plans WHERE mentorship_id = $1";
        const PLAN: &str =
            "INSERT INTO plans (mentorship_id, program_id, program_title, start_date, skills, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)";
        const MILESTONE: &str =
            "INSERT INTO plan_milestones (id, mentorship_id, title, description, due_date, position) \
             VALUES ($1, $2, $3, $4, $5, $6)";
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let result = async {
                // The mentorship's row first: two applies at once queue here.
                sqlx::query(LOCK).bind(mentorship).execute(&mut *tx).await?;
                sqlx::query(CLEAR).bind(mentorship).execute(&mut *tx).await?;
                sqlx::query(PLAN)
                    .bind(mentorship)
                    .bind(program.id)
                    .bind(&program.title)
                    .bind(start.to_string())
                    .bind(encode_list(&program.skills))
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                for (i, m) in program.milestones.iter().enumerate() {
                    sqlx::query(MILESTONE)
                        .bind(Uuid::new_v4())
                        .bind(mentorship)
                        .bind(&m.title)
                        .bind(&m.description)
                        .bind(due_date(start, m.week.into()).to_string())
                        .bind(i as i32)
                        .execute(&mut *tx)
                        .await?;
                }
                Ok::<(), StoreError>(())
            }
            .await;
            pool.finish(tx, result).await
        })
    }

    pub async fn plan(&self, mentorship: Uuid) -> StoreResult<Option<PlanRecord>> {
        const PLAN: &str = "SELECT program_id, program_title, start_date, skills FROM plans WHERE mentorship_id = $1";
        const MILESTONES: &str = "SELECT id, title, description, due_date, done_at FROM plan_milestones \
             WHERE mentorship_id = $1 ORDER BY position";
        let found: Option<(Option<Uuid>, String, String, String)> =
            self.read_optional(&Sql::of(PLAN, vec![mentorship.into()])).await?;
        let Some((program_id, program_title, start_date, skills)) = found else {
            return Ok(None);
        };
        let milestones = self.read_all(&Sql::of(MILESTONES, vec![mentorship.into()])).await?;
        Ok(Some(PlanRecord {
            mentorship_id: mentorship,
            program_id,
            program_title,
            start_date,
            skills: serde_json::from_str(&skills).unwrap_or_default(),
            milestones,
        }))
    }

    /// Ticks a milestone of this mentorship's plan (or clears it); false
    /// when it is not one of them.
    pub async fn set_milestone_done(
        &self,
        mentorship: Uuid,
        milestone: Uuid,
        done: bool,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        // Ticking twice keeps the first time.
        const SQL: &str = "UPDATE plan_milestones SET done_at = CASE WHEN $3 IS NULL THEN NULL \
             ELSE COALESCE(done_at, $3) END WHERE id = $1 AND mentorship_id = $2";
        let at = done.then_some(now);
        let changed = on_pool!(self, pool => sqlx::query(SQL).bind(milestone).bind(mentorship).bind(at).execute(pool)
            .await.map(|r| r.rows_affected()))?;
        Ok(changed > 0)
    }
}
