use chrono::{DateTime, Utc};
use mentorhub_domain::MentorProfile;
use uuid::Uuid;

use crate::row::{sqlx_rows, DbRow, Record};
use crate::sql::Sql;
use crate::{encode_list, on_pool, Store, StoreError, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentorProfileRecord {
    pub user_id: Uuid,
    pub profile: MentorProfile,
    pub updated_at: DateTime<Utc>,
}

const PROFILE_COLUMNS: &str = "user_id, headline, bio, company, job_title, expertise, specializations, \
     years_experience, languages, accepting_mentees, max_mentees, updated_at";

impl Record for MentorProfileRecord {
    fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error> {
        Ok(Self {
            user_id: row.col("user_id")?,
            profile: MentorProfile {
                headline: row.col("headline")?,
                bio: row.col("bio")?,
                company: row.col("company")?,
                job_title: row.col("job_title")?,
                expertise: row.list("expertise")?,
                specializations: row.list("specializations")?,
                years_experience: row.col("years_experience")?,
                languages: row.list("languages")?,
                accepting_mentees: row.col("accepting_mentees")?,
                max_mentees: row.col("max_mentees")?,
            },
            updated_at: row.col("updated_at")?,
        })
    }
}
sqlx_rows!(MentorProfileRecord);

impl Store {
    /// Creates or replaces a mentor's profile, its searchable name and its
    /// tags, in one transaction.
    pub async fn upsert_mentor_profile(
        &self,
        user_id: Uuid,
        profile: &MentorProfile,
        now: DateTime<Utc>,
    ) -> StoreResult<MentorProfileRecord> {
        const SQL: &str = "INSERT INTO mentor_profiles (user_id, headline, bio, company, job_title, expertise, \
             specializations, years_experience, languages, accepting_mentees, max_mentees, created_at, updated_at, \
             display_name) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, (SELECT name FROM users WHERE id = $1)) \
             ON CONFLICT (user_id) DO UPDATE SET headline = excluded.headline, bio = excluded.bio, \
             company = excluded.company, job_title = excluded.job_title, expertise = excluded.expertise, \
             specializations = excluded.specializations, years_experience = excluded.years_experience, \
             languages = excluded.languages, accepting_mentees = excluded.accepting_mentees, \
             max_mentees = excluded.max_mentees, updated_at = excluded.updated_at, display_name = excluded.display_name";
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let result = async {
                sqlx::query(SQL)
                    .bind(user_id)
                    .bind(&profile.headline)
                    .bind(&profile.bio)
                    .bind(&profile.company)
                    .bind(&profile.job_title)
                    .bind(encode_list(&profile.expertise))
                    .bind(encode_list(&profile.specializations))
                    .bind(profile.years_experience)
                    .bind(encode_list(&profile.languages))
                    .bind(profile.accepting_mentees)
                    .bind(profile.max_mentees)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                Ok::<(), StoreError>(())
            }
            .await;
            pool.finish(tx, result).await
        })?;
        self.mentor_profile(user_id).await?.ok_or(crate::StoreError::NotFound)
    }

    pub async fn mentor_profile(&self, user_id: Uuid) -> StoreResult<Option<MentorProfileRecord>> {
        let sql = format!("SELECT {PROFILE_COLUMNS} FROM mentor_profiles WHERE user_id = $1");
        self.read_optional(&Sql::of(sql, vec![user_id.into()])).await
    }
}
