//! Program templates: weekly milestones and target skills, public or
//! private to their owner.

use chrono::{DateTime, Utc};
use mentorhub_domain::progress::{NewProgram, Visibility};
use uuid::Uuid;

use crate::row::{sqlx_rows, DbRow, Record};
use crate::sql::{Param, Sql};
use crate::{encode_list, on_pool, Store, StoreError, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneRecord {
    pub id: Uuid,
    pub week: i32,
    pub title: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgramRecord {
    pub id: Uuid,
    pub owner_id: Uuid,
    pub owner_name: String,
    pub owner_headline: Option<String>,
    pub title: String,
    pub description: String,
    pub duration_weeks: i32,
    pub skills: Vec<String>,
    pub visibility: Visibility,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub milestones: Vec<MilestoneRecord>,
}

impl Record for ProgramRecord {
    fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error> {
        Ok(Self {
            id: row.col("id")?,
            owner_id: row.col("owner_id")?,
            owner_name: row.col("owner_name")?,
            owner_headline: row.col("owner_headline")?,
            title: row.col("title")?,
            description: row.col("description")?,
            duration_weeks: row.col("duration_weeks")?,
            skills: row.list("skills")?,
            visibility: row.parsed("visibility", Visibility::parse)?,
            created_at: row.col("created_at")?,
            updated_at: row.col("updated_at")?,
            milestones: Vec::new(),
        })
    }
}
sqlx_rows!(ProgramRecord);

impl Record for MilestoneRecord {
    fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error> {
        Ok(Self {
            id: row.col("id")?,
            week: row.col("week")?,
            title: row.col("title")?,
            description: row.col("description")?,
        })
    }
}
sqlx_rows!(MilestoneRecord);

const SELECT: &str = "SELECT p.id, p.owner_id, u.name AS owner_name, mp.headline AS owner_headline, p.title, \
     p.description, p.duration_weeks, p.skills, p.visibility, p.created_at, p.updated_at FROM programs p \
     JOIN users u ON u.id = p.owner_id LEFT JOIN mentor_profiles mp ON mp.user_id = p.owner_id";

impl Store {
    /// Creates or (with `replace`) rewrites a program and its milestones.
    pub async fn save_program(
        &self,
        id: Uuid,
        owner: Uuid,
        p: &NewProgram,
        replace: bool,
        now: DateTime<Utc>,
    ) -> StoreResult<ProgramRecord> {
        const INSERT: &str = "INSERT INTO programs (id, owner_id, title, description, duration_weeks, skills, \
             visibility, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)";
        const UPDATE: &str = "UPDATE programs SET title = $3, description = $4, duration_weeks = $5, skills = $6, \
             visibility = $7, updated_at = $8 WHERE id = $1 AND owner_id = $2";
        const CLEAR: &str = "DELETE FROM program_milestones WHERE program_id = $1";
        const MILESTONE: &str = "INSERT INTO program_milestones (id, program_id, week, title, description, position) \
             VALUES ($1, $2, $3, $4, $5, $6)";
        let sql = if replace { UPDATE } else { INSERT };
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let result = async {
                let written = sqlx::query(sql)
                    .bind(id)
                    .bind(owner)
                    .bind(&p.title)
                    .bind(&p.description)
                    .bind(p.duration_weeks as i32)
                    .bind(encode_list(&p.skills))
                    .bind(p.visibility.as_str())
                    .bind(now)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                // A program removed (or taken over) meanwhile is not rewritten.
                if written == 0 {
                    return Err(StoreError::NotFound);
                }
                sqlx::query(CLEAR).bind(id).execute(&mut *tx).await?;
                for (i, m) in p.milestones.iter().enumerate() {
                    sqlx::query(MILESTONE)
                        .bind(Uuid::new_v4())
                        .bind(id)
                        .bind(m.week as i32)
                        .bind(&m.title)
                        .bind(&m.description)
                        .bind(i as i32)
                        .execute(&mut *tx)
                        .await?;
                }
                Ok::<(), StoreError>(())
            }
            .await;
            pool.finish(tx, result).await
        })?;
        self.program(id).await?.ok_or(StoreError::NotFound)
    }

    pub async fn delete_program(&self, id: Uuid) -> StoreResult<bool> {
        let done = on_pool!(self, pool => sqlx::query("DELETE FROM programs WHERE id = $1").bind(id).execute(pool).await
            .map(|r| r.rows_affected()))?;
        Ok(done > 0)
    }

    /// A program with its milestones, whoever may see it.
    pub async fn program(&self, id: Uuid) -> StoreResult<Option<ProgramRecord>> {
        let sql = format!("{SELECT} WHERE p.id = $1");
        let found: Option<ProgramRecord> = self.read_optional(&Sql::of(sql.as_str(), vec![id.into()])).await?;
        match found {
            Some(mut p) => {
                p.milestones = self.program_milestones(id).await?;
                Ok(Some(p))
            }
            None => Ok(None),
        }
    }

    async fn program_milestones(&self, id: Uuid) -> StoreResult<Vec<MilestoneRecord>> {
        const SQL: &str = "SELECT id, week, title, description FROM program_milestones WHERE program_id = $1 \
             ORDER BY position";
        self.read_all(&Sql::of(SQL, vec![id.into()])).await
    }

    /// Public programs and the viewer's own (every program for admins), newest first.
    pub async fn list_programs(&self, viewer: Uuid, all: bool, limit: i64) -> StoreResult<Vec<ProgramRecord>> {
        let sql = format!(
            "{SELECT} WHERE $1 OR p.visibility = 'public' OR p.owner_id = $2 ORDER BY p.created_at DESC, p.id LIMIT $3"
        );
        let mut rows: Vec<ProgramRecord> = self
            .read_all(&Sql::of(sql.as_str(), vec![all.into(), viewer.into(), limit.into()]))
            .await?;
        if rows.is_empty() {
            return Ok(rows);
        }
        // Every listed program's milestones in one query.
        let marks: Vec<String> = (1..=rows.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT program_id, id, week, title, description FROM program_milestones WHERE program_id IN ({}) \
             ORDER BY program_id, position",
            marks.join(", ")
        );
        let ids: Vec<Uuid> = rows.iter().map(|p| p.id).collect();
        let params = ids.iter().map(|id| Param::Uuid(*id)).collect();
        let found: Vec<(Uuid, Uuid, i32, String, String)> = self.read_all(&Sql::of(sql, params)).await?;
        for (program, id, week, title, description) in found {
            if let Some(p) = rows.iter_mut().find(|p| p.id == program) {
                p.milestones.push(MilestoneRecord {
                    id,
                    week,
                    title,
                    description,
                });
            }
        }
        Ok(rows)
    }
}
