//! Mentor cards, search parameters, recommendations and profiles.

use mentorhub_store::MentorCardRecord;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Debug, Serialize, ToSchema)]
pub struct Rating {
    /// Average of session feedback, 1..5; null before any.
    pub average: Option<f64>,
    pub count: i64,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MentorCard {
    pub id: Uuid,
    pub name: String,
    pub headline: String,
    pub company: String,
    pub job_title: String,
    pub expertise: Vec<String>,
    pub specializations: Vec<String>,
    pub years_experience: i32,
    pub rating: Rating,
    /// True when the mentor accepts mentees and has room for one more.
    pub accepting_mentees: bool,
    pub spots_left: i32,
    pub timezone: String,
    pub responsiveness: Responsiveness,
    /// The day the mentor was last active (never the time).
    pub last_active_on: Option<chrono::NaiveDate>,
}

/// How a mentor answers requests, over the last 90 days.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Responsiveness {
    /// Share of requests answered before they expired (0..1); null without any.
    pub response_rate: Option<f64>,
    /// Median hours from a request to its answer; null without answers.
    pub median_response_hours: Option<f64>,
}

impl From<MentorCardRecord> for MentorCard {
    fn from(c: MentorCardRecord) -> Self {
        Self {
            id: c.user_id,
            rating: Rating {
                average: c.rating_average().map(|a| (a * 10.0).round() / 10.0),
                count: c.rating_count,
            },
            accepting_mentees: c.has_room(),
            responsiveness: Responsiveness {
                response_rate: c.response_rate.map(|r| (r * 100.0).round() / 100.0),
                median_response_hours: c.median_response_hours.map(|h| (h * 10.0).round() / 10.0),
            },
            last_active_on: c.last_active_at.map(|t| t.date_naive()),
            spots_left: if c.accepting_mentees {
                (c.max_mentees - c.active_mentees).max(0)
            } else {
                0
            },
            name: c.name,
            headline: c.headline,
            company: c.company,
            job_title: c.job_title,
            expertise: c.expertise,
            specializations: c.specializations,
            years_experience: c.years_experience,
            timezone: c.timezone,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
pub struct SearchParams {
    /// Words matched against name, expertise and company (and headline), by word prefix.
    pub q: Option<String>,
    pub specialization: Option<String>,
    pub company: Option<String>,
    pub expertise: Option<String>,
    /// Defaults to true: hide mentors who do not accept mentees or are full.
    pub accepting_only: Option<bool>,
    /// relevance (default), rating, experience or responsive (highest
    /// response rate, then the quickest answers).
    pub sort: Option<String>,
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RecommendedMentor {
    #[serde(flatten)]
    pub card: MentorCard,
    pub score: f64,
    /// Why this mentor fits, e.g. "Also works on distributed systems", "2 hours ahead of you".
    pub reasons: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MentorStats {
    pub active_mentees: i32,
    pub completed_sessions: i64,
    pub hours_mentored: f64,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MentorDetail {
    #[serde(flatten)]
    pub card: MentorCard,
    pub bio: String,
    pub languages: Vec<String>,
    pub stats: MentorStats,
}

/// A mentee's feedback on a session, shown on the mentor's profile.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Review {
    /// 1..5
    pub rating: i32,
    pub comment: String,
    /// The mentee's first name and initial ("Maya P.").
    pub author: String,
    pub topic: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl From<mentorhub_store::ReviewRecord> for Review {
    fn from(r: mentorhub_store::ReviewRecord) -> Self {
        Review {
            rating: r.rating,
            author: short_name(&r.mentee_name),
            comment: r.comment,
            topic: r.topic,
            created_at: r.created_at,
        }
    }
}

/// "Maya Patel" → "Maya P.": enough to trust a review, not a full name.
pub fn short_name(name: &str) -> String {
    let mut words = name.split_whitespace();
    let first = words.next().unwrap_or("A mentee").to_owned();
    match words.last().and_then(|w| w.chars().next()) {
        Some(initial) => format!("{first} {initial}."),
        None => first,
    }
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct SuggestionParams {
    /// The words searched for.
    pub q: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Suggestion {
    pub suggestion: Option<String>,
}
