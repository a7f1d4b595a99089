//! Goals of a mentorship and their action items (owned by the mentee or
//! the mentor, possibly agreed in a session), and skill assessments.

use chrono::{DateTime, Utc};
use mentorhub_domain::progress::{GoalStatus, Side};
use uuid::Uuid;

use crate::row::{sqlx_rows, DbRow, Record};
use crate::sql::Sql;
use crate::{on_pool, Store, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalRecord {
    pub id: Uuid,
    pub mentorship_id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub due_date: Option<String>,
    pub status: GoalStatus,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionRecord {
    pub id: Uuid,
    pub mentorship_id: Uuid,
    pub goal_id: Option<Uuid>,
    pub session_id: Option<Uuid>,
    pub text: String,
    pub owner: Side,
    pub due_date: Option<String>,
    pub done_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentRecord {
    pub skill: String,
    pub level: i32,
    pub note: Option<String>,
    pub by: Side,
    pub created_at: DateTime<Utc>,
}

impl Record for GoalRecord {
    fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error> {
        Ok(Self {
            id: row.col("id")?,
            mentorship_id: row.col("mentorship_id")?,
            title: row.col("title")?,
            description: row.col("description")?,
            due_date: row.col("due_date")?,
            status: row.parsed("status", GoalStatus::parse)?,
            created_at: row.col("created_at")?,
        })
    }
}
sqlx_rows!(GoalRecord);

impl Record for ActionRecord {
    fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error> {
        Ok(Self {
            id: row.col("id")?,
            mentorship_id: row.col("mentorship_id")?,
            goal_id: row.col("goal_id")?,
            session_id: row.col("session_id")?,
            text: row.col("text")?,
            owner: row.parsed("owner", Side::parse)?,
            due_date: row.col("due_date")?,
            done_at: row.col("done_at")?,
            created_at: row.col("created_at")?,
        })
    }
}
sqlx_rows!(ActionRecord);

impl Record for AssessmentRecord {
    fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error> {
        Ok(Self {
            skill: row.col("skill")?,
            level: row.col("level")?,
            note: row.col("note")?,
            by: row.parsed("by_role", Side::parse)?,
            created_at: row.col("created_at")?,
        })
    }
}
sqlx_rows!(AssessmentRecord);

const GOAL_COLUMNS: &str = "id, mentorship_id, title, description, due_date, status, created_at";
const ACTION_COLUMNS: &str = "id, mentorship_id, goal_id, session_id, text, owner, due_date, done_at, created_at";

/// A new action item.
#[derive(Debug, Clone)]
pub struct NewAction<'a> {
    pub mentorship_id: Uuid,
    pub goal_id: Option<Uuid>,
    pub session_id: Option<Uuid>,
    pub text: &'a str,
    pub owner: Side,
    pub due_date: Option<String>,
    pub created_by: Uuid,
}

impl Store {
    #[allow(clippy::too_many_arguments)]
    pub async fn add_goal(
        &self,
        id: Uuid,
        mentorship: Uuid,
        title: &str,
        description: Option<&str>,
        due_date: Option<String>,
        by: Uuid,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        const SQL: &str = "INSERT INTO goals (id, mentorship_id, title, description, due_date, status, created_by, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $7)";
        on_pool!(self, pool => sqlx::query(SQL).bind(id).bind(mentorship).bind(title).bind(description).bind(due_date)
            .bind(by).bind(now).execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn goal(&self, id: Uuid) -> StoreResult<Option<GoalRecord>> {
        let sql = format!("SELECT {GOAL_COLUMNS} FROM goals WHERE id = $1");
        self.read_optional(&Sql::of(sql.as_str(), vec![id.into()])).await
    }

    pub async fn goals_of(&self, mentorship: Uuid) -> StoreResult<Vec<GoalRecord>> {
        let sql = format!("SELECT {GOAL_COLUMNS} FROM goals WHERE mentorship_id = $1 ORDER BY created_at, id");
        self.read_all(&Sql::of(sql.as_str(), vec![mentorship.into()])).await
    }

    /// Rewrites a goal's fields (the service has merged the changes).
    pub async fn update_goal(&self, g: &GoalRecord, now: DateTime<Utc>) -> StoreResult<()> {
        const SQL: &str = "UPDATE goals SET title = $2, description = $3, due_date = $4, status = $5, updated_at = $6 \
             WHERE id = $1";
        on_pool!(self, pool => sqlx::query(SQL).bind(g.id).bind(&g.title).bind(&g.description).bind(&g.due_date)
            .bind(g.status.as_str()).bind(now).execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn add_action(&self, id: Uuid, a: &NewAction<'_>, now: DateTime<Utc>) -> StoreResult<()> {
        const SQL: &str = "INSERT INTO action_items (id, mentorship_id, goal_id, session_id, text, owner, due_date, \
             created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
        on_pool!(self, pool => sqlx::query(SQL).bind(id).bind(a.mentorship_id).bind(a.goal_id).bind(a.session_id)
            .bind(a.text).bind(a.owner.as_str()).bind(&a.due_date).bind(a.created_by).bind(now)
            .execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn action(&self, id: Uuid) -> StoreResult<Option<ActionRecord>> {
        let sql = format!("SELECT {ACTION_COLUMNS} FROM action_items WHERE id = $1");
        self.read_optional(&Sql::of(sql.as_str(), vec![id.into()])).await
    }

    pub async fn actions_of(&self, mentorship: Uuid) -> StoreResult<Vec<ActionRecord>> {
        let sql = format!("SELECT {ACTION_COLUMNS} FROM action_items WHERE mentorship_id = $1 ORDER BY created_at, id");
        self.read_all(&Sql::of(sql.as_str(), vec![mentorship.into()])).await
    }

    pub async fn update_action(&self, a: &ActionRecord) -> StoreResult<()> {
        const SQL: &str = "UPDATE action_items SET text = $2, due_date = $3 WHERE id = $1";
        on_pool!(self, pool => sqlx::query(SQL).bind(a.id).bind(&a.text).bind(&a.due_date)
            .execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Ticks an action item off (keeping the first time) or reopens it.
    pub async fn set_action_done(&self, id: Uuid, done: bool, now: DateTime<Utc>) -> StoreResult<()> {
        const SQL: &str = "UPDATE action_items SET done_at = CASE WHEN $2 IS NULL THEN NULL \
             ELSE COALESCE(done_at, $2) END WHERE id = $1";
        on_pool!(self, pool => sqlx::query(SQL).bind(id).bind(done.then_some(now)).execute(pool).await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Open action items past their due day that `user` owns, in any of
    /// their live or ended mentorships, oldest due first.
    pub async fn overdue_actions_for(&self, user: Uuid, today: &str, limit: i64) -> StoreResult<Vec<ActionRecord>> {
        let sql = format!(
            "SELECT {ACTION_COLUMNS} FROM action_items WHERE done_at IS NULL AND due_date IS NOT NULL \
             AND due_date < $2 AND mentorship_id IN (SELECT m.id FROM mentorships m \
             WHERE m.status IN ('accepted', 'ended') AND ((owner = 'mentee' AND m.mentee_id = $1) \
             OR (owner = 'mentor' AND m.mentor_id = $1))) ORDER BY due_date, id LIMIT $3"
        );
        self.read_all(&Sql::of(sql.as_str(), vec![user.into(), today.into(), limit.into()]))
            .await
    }

    pub async fn add_assessment(
        &self,
        mentorship: Uuid,
        (skill, level, note): (&str, i32, Option<&str>),
        by: (Side, Uuid),
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        const SQL: &str = "INSERT INTO skill_assessments (id, mentorship_id, skill, level, note, by_role, created_by, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
        on_pool!(self, pool => sqlx::query(SQL).bind(Uuid::new_v4()).bind(mentorship).bind(skill).bind(level)
            .bind(note).bind(by.0.as_str()).bind(by.1).bind(now).execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Every assessment of the mentorship, oldest first.
    pub async fn assessments_of(&self, mentorship: Uuid) -> StoreResult<Vec<AssessmentRecord>> {
        const SQL: &str = "SELECT skill, level, note, by_role, created_at FROM skill_assessments \
             WHERE mentorship_id = $1 ORDER BY created_at, id";
        self.read_all(&Sql::of(SQL, vec![mentorship.into()])).await
    }
}
