//! Mentor discovery: search, recommendations and profiles.

use axum::extract::{Path, State};
use axum::Json;
use mentorhub_store::MentorCardRecord;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::dto::ErrorResponse;
use crate::services::discovery::{self, SearchInput};
use crate::state::AppState;
use crate::web::auth::CurrentUser;
use crate::web::error::{Error, Result};
use crate::web::extract::ApiQuery;
use crate::web::pagination::{Page, PageRequest};

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
    /// relevance (default), rating or experience.
    pub sort: Option<String>,
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// Search mentors.
#[utoipa::path(get, path = "/api/mentors", tag = "mentors", params(SearchParams),
    responses((status = 200, body = Page<MentorCard>), (status = 400, body = ErrorResponse), (status = 422, body = ErrorResponse)))]
pub async fn search(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<SearchParams>,
) -> Result<Json<Page<MentorCard>>> {
    let page = PageRequest::parse(params.limit, params.cursor.as_deref())?;
    let input = SearchInput {
        q: params.q,
        specialization: params.specialization,
        company: params.company,
        expertise: params.expertise,
        accepting_only: params.accepting_only,
        sort: params.sort,
    };
    let rows = discovery::search(&state, &input, page).await?;
    Ok(Json(page.page(rows, MentorCard::from)))
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

/// Mentors recommended for the caller.
#[utoipa::path(get, path = "/api/mentors/recommended", tag = "mentors",
    responses((status = 200, body = [RecommendedMentor]), (status = 401, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn recommended(State(state): State<AppState>, current: CurrentUser) -> Result<Json<Vec<RecommendedMentor>>> {
    let found = discovery::recommend(&state, &current.user, 12).await?;
    Ok(Json(
        found
            .into_iter()
            .map(|r| RecommendedMentor {
                card: r.card.into(),
                score: r.score,
                reasons: r.reasons,
            })
            .collect(),
    ))
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

/// A mentor's public profile.
#[utoipa::path(get, path = "/api/mentors/{id}", tag = "mentors", params(("id" = Uuid, Path)),
    responses((status = 200, body = MentorDetail), (status = 404, body = ErrorResponse)))]
pub async fn detail(State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<MentorDetail>> {
    let id = Uuid::parse_str(&id).map_err(|_| Error::NotFound)?;
    let detail = state.store.mentor_detail(id).await?.ok_or(Error::NotFound)?;
    let active = detail.card.active_mentees;
    let (completed, minutes) = state.store.mentor_session_totals(id).await?;
    Ok(Json(MentorDetail {
        card: detail.card.into(),
        bio: detail.bio,
        languages: detail.languages,
        stats: MentorStats {
            active_mentees: active,
            completed_sessions: completed,
            hours_mentored: super::dashboard::hours(minutes),
        },
    }))
}
