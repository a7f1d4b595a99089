//! Bulk loading for benchmarks and large demo sets: many mentors in few
//! statements (multi-row inserts in one transaction per batch).

use chrono::{DateTime, Utc};
use mentorhub_domain::MentorProfile;

use crate::sql::{bind_params, Param, Sql};
use crate::{encode_list, on_pool, Backend, NewUser, Store, StoreError, StoreResult};

pub struct SeedMentor {
    pub user: NewUser,
    pub profile: MentorProfile,
    pub active_mentees: i32,
    pub rating_sum: i32,
    pub rating_count: i32,
}

const BATCH: usize = 250;

impl Store {
    pub async fn insert_mentors_bulk(&self, mentors: &[SeedMentor], now: DateTime<Utc>) -> StoreResult<()> {
        for batch in mentors.chunks(BATCH) {
            let statements = [users_sql(batch), profiles_sql(batch, now)];
            on_pool!(self, pool => {
                let mut tx = pool.begin().await?;
                let result = async {
                    for sql in &statements {
                        bind_params!(sqlx::query(&sql.text), &sql.params).execute(&mut *tx).await?;
                    }
                    Ok::<(), StoreError>(())
                }
                .await;
                pool.finish(tx, result).await
            })?;
        }
        // PostgreSQL plans from statistics that autovacuum gathers a minute
        // or so after a bulk load; until then a search may scan the table.
        // (SQLite keeps none unless asked, and its plans are chosen without.)
        if let Backend::Postgres(pool) = &self.backend {
            sqlx::query("ANALYZE mentor_profiles").execute(pool).await?;
        }
        Ok(())
    }
}

impl Store {
    /// Jobs that already ran (status done), in bulk: benchmarks measure
    /// claiming with a big history.
    pub async fn seed_finished_jobs(&self, jobs: &[crate::NewJob], now: DateTime<Utc>) -> StoreResult<()> {
        for batch in jobs.chunks(2000) {
            let mut sql = Sql::default();
            sql.push(
                "INSERT INTO jobs (id, kind, payload, dedup_key, status, run_at, attempts, created_at, updated_at, \
                 finished_at) VALUES",
            );
            values(
                &mut sql,
                batch.iter().map(|j| {
                    vec![
                        Param::Uuid(uuid::Uuid::new_v4()),
                        Param::Text(j.kind.clone()),
                        Param::Text(j.payload.clone()),
                        Param::Text(j.dedup_key.clone().unwrap_or_default()),
                        Param::Text("done".into()),
                        Param::Time(j.run_at),
                        Param::Int(1),
                        Param::Time(now),
                        Param::Time(now),
                        Param::Time(now),
                    ]
                }),
            );
            on_pool!(self, pool => bind_params!(sqlx::query(&sql.text), &sql.params).execute(pool).await.map(|r| r.rows_affected()))?;
        }
        Ok(())
    }
}

fn values(sql: &mut Sql, rows: impl Iterator<Item = Vec<Param>>) {
    let mut first = true;
    for row in rows {
        sql.push(if first { " (" } else { ", (" });
        first = false;
        let placeholders: Vec<String> = row.into_iter().map(|p| sql.param(p)).collect();
        sql.push(&placeholders.join(", ")).push(")");
    }
}

fn users_sql(batch: &[SeedMentor]) -> Sql {
    let mut sql = Sql::default();
    sql.push(
        "INSERT INTO users (id, email, email_normalized, password_hash, name, is_mentee, is_mentor, is_admin, \
         timezone, created_at, updated_at) VALUES",
    );
    values(
        &mut sql,
        batch.iter().map(|m| {
            let u = &m.user;
            vec![
                Param::Uuid(u.id),
                Param::Text(u.email.clone()),
                Param::Text(u.email_normalized.clone()),
                Param::Text(u.password_hash.clone()),
                Param::Text(u.name.clone()),
                Param::Bool(u.is_mentee),
                Param::Bool(u.is_mentor),
                Param::Bool(u.is_admin),
                Param::Text(u.timezone.clone()),
                Param::Time(u.now),
                Param::Time(u.now),
            ]
        }),
    );
    sql
}

fn profiles_sql(batch: &[SeedMentor], now: DateTime<Utc>) -> Sql {
    let mut sql = Sql::default();
    sql.push(
        "INSERT INTO mentor_profiles (user_id, headline, bio, company, job_title, expertise, specializations, \
         years_experience, languages, accepting_mentees, max_mentees, created_at, updated_at, display_name, \
         active_mentees, rating_sum, rating_count) VALUES",
    );
    values(
        &mut sql,
        batch.iter().map(|m| {
            let p = &m.profile;
            vec![
                Param::Uuid(m.user.id),
                Param::Text(p.headline.clone()),
                Param::Text(p.bio.clone()),
                Param::Text(p.company.clone()),
                Param::Text(p.job_title.clone()),
                Param::Text(encode_list(&p.expertise)),
                Param::Text(encode_list(&p.specializations)),
                Param::Int(p.years_experience.into()),
                Param::Text(encode_list(&p.languages)),
                Param::Bool(p.accepting_mentees),
                Param::Int(p.max_mentees.into()),
                Param::Time(now),
                Param::Time(now),
                Param::Text(m.user.name.clone()),
                Param::Int(m.active_mentees.into()),
                Param::Int(m.rating_sum.into()),
                Param::Int(m.rating_count.into()),
            ]
        }),
    );
    sql
}
