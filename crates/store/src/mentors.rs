//! Mentor discovery: full-text search (FTS5 on SQLite, tsvector on
//! PostgreSQL), filters, sorting and candidates for recommendations.

use mentorhub_domain::search;
use uuid::Uuid;

use crate::sql::{bind_params, Param, Sql};
use sqlx::FromRow;

use crate::row::DbRow;
use crate::{BackendKind, Store, StoreResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MentorSort {
    #[default]
    Relevance,
    Rating,
    Experience,
    /// Highest response rate first, then the quickest answers.
    Responsive,
}

#[derive(Debug, Clone, Default)]
pub struct MentorQuery {
    /// Word prefixes (see `domain::search::terms`).
    pub terms: Vec<String>,
    /// Match mentors with any term instead of all of them.
    pub match_any: bool,
    pub specialization: Option<String>,
    pub company: Option<String>,
    pub expertise: Option<String>,
    /// Hide mentors who do not accept mentees or are full.
    pub accepting_only: bool,
    /// Hide this user and the mentors they have a live mentorship with.
    pub for_mentee: Option<Uuid>,
    pub sort: MentorSort,
    pub limit: i64,
    pub offset: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MentorCardRecord {
    pub user_id: Uuid,
    pub name: String,
    pub headline: String,
    pub company: String,
    pub job_title: String,
    pub expertise: Vec<String>,
    pub specializations: Vec<String>,
    pub years_experience: i32,
    pub rating_sum: i64,
    pub rating_count: i64,
    pub accepting_mentees: bool,
    pub max_mentees: i32,
    pub active_mentees: i32,
    pub timezone: String,
    /// Share of requests answered before expiry over the last 90 days.
    pub response_rate: Option<f64>,
    pub median_response_hours: Option<f64>,
    pub last_active_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl MentorCardRecord {
    pub fn rating_average(&self) -> Option<f64> {
        (self.rating_count > 0).then(|| self.rating_sum as f64 / self.rating_count as f64)
    }

    /// Accepting and below capacity.
    pub fn has_room(&self) -> bool {
        self.accepting_mentees && self.active_mentees < self.max_mentees
    }
}

const CARD_COLUMNS: &str = "p.user_id, u.name, p.headline, p.company, p.job_title, p.expertise, p.specializations, \
     p.years_experience, CAST(p.rating_sum AS BIGINT) AS rating_sum, CAST(p.rating_count AS BIGINT) AS rating_count, \
     p.accepting_mentees, p.max_mentees, p.active_mentees, u.timezone, p.response_rate, p.median_response_hours, \
     u.last_active_at";

const RATING_AVERAGE: &str =
    "(CASE WHEN p.rating_count > 0 THEN CAST(p.rating_sum AS DOUBLE PRECISION) / p.rating_count END)";

impl<'r, R: DbRow> FromRow<'r, R> for MentorCardRecord {
    fn from_row(row: &'r R) -> Result<Self, sqlx::Error> {
        Ok(Self {
            user_id: row.col("user_id")?,
            name: row.col("name")?,
            headline: row.col("headline")?,
            company: row.col("company")?,
            job_title: row.col("job_title")?,
            expertise: row.list("expertise")?,
            specializations: row.list("specializations")?,
            years_experience: row.col("years_experience")?,
            rating_sum: row.col("rating_sum")?,
            rating_count: row.col("rating_count")?,
            accepting_mentees: row.col("accepting_mentees")?,
            max_mentees: row.col("max_mentees")?,
            active_mentees: row.col("active_mentees")?,
            timezone: row.col("timezone")?,
            response_rate: row.col("response_rate")?,
            median_response_hours: row.col("median_response_hours")?,
            last_active_at: row.col("last_active_at")?,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct MentorDetailRecord {
    pub card: MentorCardRecord,
    pub bio: String,
    pub languages: Vec<String>,
}

impl<'r, R: DbRow> FromRow<'r, R> for MentorDetailRecord {
    fn from_row(row: &'r R) -> Result<Self, sqlx::Error> {
        Ok(Self {
            card: MentorCardRecord::from_row(row)?,
            bio: row.col("bio")?,
            languages: row.list("languages")?,
        })
    }
}

impl Store {
    /// One page of mentors (`limit + 1` rows are read, so the caller knows
    /// whether another page exists). Two steps: the ranking query carries
    /// only ids, so the sort over thousands of matches stays narrow; the
    /// cards are then read for the page alone.
    pub async fn search_mentors(&self, query: &MentorQuery) -> StoreResult<Vec<MentorCardRecord>> {
        let sql = self.search_sql(query);
        let ids: Vec<(Uuid,)> = crate::on_pool!(self, pool => {
            bind_params!(sqlx::query_as(&sql.text), &sql.params).fetch_all(pool).await
        })?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut cards = Sql::default();
        cards
            .push("SELECT ")
            .push(CARD_COLUMNS)
            .push(" FROM mentor_profiles p JOIN users u ON u.id = p.user_id WHERE p.user_id IN (");
        let placeholders: Vec<String> = ids.iter().map(|(id,)| cards.param(Param::Uuid(*id))).collect();
        cards.push(&placeholders.join(", ")).push(")");
        let rows: Vec<MentorCardRecord> = crate::on_pool!(self, pool => {
            bind_params!(sqlx::query_as(&cards.text), &cards.params).fetch_all(pool).await
        })?;
        let mut by_id: std::collections::HashMap<Uuid, MentorCardRecord> =
            rows.into_iter().map(|c| (c.user_id, c)).collect();
        Ok(ids.into_iter().filter_map(|(id,)| by_id.remove(&id)).collect())
    }

    fn search_sql(&self, query: &MentorQuery) -> Sql {
        let mut sql = Sql::default();
        let has_terms = !query.terms.is_empty();
        let backend = self.kind();
        // Only mentors have a profile (the role is never taken away), so the
        // ranking step needs no join with users.
        sql.push("SELECT p.user_id FROM mentor_profiles p");
        let mut rank = String::from("0");
        if has_terms && backend == BackendKind::Sqlite {
            let fts = if query.match_any {
                search::fts5_query(&query.terms).replace(" AND ", " OR ")
            } else {
                search::fts5_query(&query.terms)
            };
            let placeholder = sql.param(Param::Text(fts));
            sql.push(" JOIN mentor_search s ON s.rowid = p.search_key AND mentor_search MATCH ");
            sql.push(&placeholder);
            // Name counts most, then expertise and company; bm25 is lower-is-better.
            rank = "(-bm25(mentor_search, 10.0, 4.0, 4.0, 2.0, 2.0, 1.0))".into();
        }
        // Suspended and deleted people are not listed.
        sql.push(" WHERE p.listed");
        if has_terms && backend == BackendKind::Postgres {
            let tsquery = if query.match_any {
                search::tsquery(&query.terms).replace(" & ", " | ")
            } else {
                search::tsquery(&query.terms)
            };
            let a = sql.param(Param::Text(tsquery.clone()));
            sql.push(&format!(" AND p.search_vector @@ to_tsquery('simple', {a})"));
            let b = sql.param(Param::Text(tsquery));
            rank = format!("ts_rank(p.search_vector, to_tsquery('simple', {b}))");
        }
        if query.accepting_only {
            sql.push(" AND p.accepting_mentees AND p.active_mentees < p.max_mentees");
        }
        // Exact tags, matched in the row's own JSON list (`"tag"` with its
        // quotes), so filtering costs no extra lookups per candidate.
        for (column, value) in [
            ("p.specializations", &query.specialization),
            ("p.expertise", &query.expertise),
        ] {
            if let Some(value) = value {
                let placeholder = sql.param(Param::Text(like_pattern(value)));
                sql.push(&format!(" AND lower({column}) LIKE lower({placeholder}) ESCAPE '!'"));
            }
        }
        if let Some(company) = &query.company {
            let placeholder = sql.param(Param::Text(company.trim().to_owned()));
            sql.push(&format!(" AND lower(p.company) = lower({placeholder})"));
        }
        if let Some(me) = query.for_mentee {
            let a = sql.param(Param::Uuid(me));
            let b = sql.param(Param::Uuid(me));
            sql.push(&format!(
                " AND p.user_id <> {a} AND NOT EXISTS (SELECT 1 FROM mentorships m WHERE m.mentor_id = p.user_id \
                 AND m.mentee_id = {b} AND m.status IN ('pending', 'accepted'))"
            ));
        }
        let order = match (query.sort, has_terms) {
            (MentorSort::Relevance, true) => format!("{rank} DESC, p.years_experience DESC, p.user_id"),
            (MentorSort::Relevance, false) | (MentorSort::Rating, _) => {
                format!("{RATING_AVERAGE} DESC NULLS LAST, p.rating_count DESC, p.years_experience DESC, p.user_id")
            }
            (MentorSort::Experience, _) => "p.years_experience DESC, p.user_id".to_owned(),
            (MentorSort::Responsive, _) => {
                "p.response_rate DESC NULLS LAST, p.median_response_hours ASC NULLS LAST, p.user_id".to_owned()
            }
        };
        sql.push(" ORDER BY ").push(&order);
        let limit = sql.param(Param::Int(query.limit + 1));
        let offset = sql.param(Param::Int(query.offset));
        sql.push(&format!(" LIMIT {limit} OFFSET {offset}"));
        sql
    }

    /// A mentor's card and details; `None` for users who are not mentors
    /// with a profile.
    pub async fn mentor_detail(&self, user_id: Uuid) -> StoreResult<Option<MentorDetailRecord>> {
        let sql = format!(
            "SELECT {CARD_COLUMNS}, p.bio, p.languages FROM mentor_profiles p JOIN users u ON u.id = p.user_id \
             WHERE p.user_id = $1 AND u.is_mentor AND p.listed"
        );
        let detail: Option<MentorDetailRecord> =
            crate::on_pool!(self, pool => sqlx::query_as(&sql).bind(user_id).fetch_optional(pool).await)?;
        Ok(detail)
    }
}

/// `%"tag"%` for a LIKE over a JSON list, with LIKE's wildcards escaped.
fn like_pattern(tag: &str) -> String {
    let quoted = serde_json::to_string(tag.trim()).unwrap_or_default();
    let escaped = quoted.replace('!', "!!").replace('%', "!%").replace('_', "!_");
    format!("%{escaped}%")
}

#[cfg(test)]
mod tests {
    use super::like_pattern;

    #[test]
    fn like_patterns_match_whole_tags_only() {
        assert_eq!(like_pattern(" Career growth "), "%\"Career growth\"%");
        assert_eq!(like_pattern("100%_done!"), "%\"100!%!_done!!\"%");
    }
}
