//! Mentor discovery: what a search asks for, the cards it returns and a
//! mentor's details (the search itself: `mentor_search.rs`).

use uuid::Uuid;

use crate::row::{sqlx_rows, DbRow, Record};
use crate::sql::Sql;
use crate::{Store, StoreResult};

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
    /// Sort over every match instead of window by window (see
    /// `RANKED_WINDOW`): for picking a few candidates from all of them
    /// (recommendations, who hears of a mini request), not for pages.
    pub every_match: bool,
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

pub(crate) const CARD_COLUMNS: &str =
    "p.user_id, u.name, p.headline, p.company, p.job_title, p.expertise, p.specializations, \
     p.years_experience, CAST(p.rating_sum AS BIGINT) AS rating_sum, CAST(p.rating_count AS BIGINT) AS rating_count, \
     p.accepting_mentees, p.max_mentees, p.active_mentees, u.timezone, p.response_rate, p.median_response_hours, \
     u.last_active_at";

pub(crate) const RATING_AVERAGE: &str =
    "(CASE WHEN p.rating_count > 0 THEN CAST(p.rating_sum AS DOUBLE PRECISION) / p.rating_count END)";

impl Record for MentorCardRecord {
    fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error> {
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
sqlx_rows!(MentorCardRecord);

#[derive(Debug, Clone, PartialEq)]
pub struct MentorDetailRecord {
    pub card: MentorCardRecord,
    pub bio: String,
    pub languages: Vec<String>,
    /// Completed 1:1 sessions (no-shows excluded) and group sessions hosted.
    pub completed_sessions: i64,
    pub minutes_mentored: i64,
}

impl Record for MentorDetailRecord {
    fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error> {
        Ok(Self {
            card: MentorCardRecord::read(row)?,
            bio: row.col("bio")?,
            languages: row.list("languages")?,
            completed_sessions: row.col("completed_sessions")?,
            minutes_mentored: row.col("minutes_mentored")?,
        })
    }
}
sqlx_rows!(MentorDetailRecord);

impl Store {
    /// A mentor's card, details and session totals (one statement: the
    /// profile is the most read page); `None` for users who are not
    /// mentors with a profile.
    pub async fn mentor_detail(&self, user_id: Uuid) -> StoreResult<Option<MentorDetailRecord>> {
        let sql = format!(
            "SELECT {CARD_COLUMNS}, p.bio, p.languages, t.completed_sessions, t.minutes_mentored \
             FROM mentor_profiles p JOIN users u ON u.id = p.user_id, \
             (SELECT CAST(COUNT(*) AS BIGINT) AS completed_sessions, \
               CAST(COALESCE(SUM(duration), 0) AS BIGINT) AS minutes_mentored FROM (\
               SELECT duration FROM sessions WHERE mentor_id = $1 AND status = 'completed' AND no_show IS NULL \
               UNION ALL SELECT duration FROM group_sessions WHERE host_id = $1 AND status = 'completed') d) t \
             WHERE p.user_id = $1 AND u.is_mentor AND p.listed"
        );
        self.read_optional(&Sql::of(sql, vec![user_id.into()])).await
    }
}
