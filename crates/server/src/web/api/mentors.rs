//! Mentor discovery: search, recommendations and profiles.

use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::Json;
use mentorhub_store::changes::Table;

use crate::services::discovery::{self, SearchInput};
use crate::state::AppState;
use crate::web::auth::CurrentUser;
use crate::web::dto::errors::ErrorResponse;
use crate::web::dto::mentors::{
    MentorCard, MentorDetail, MentorStats, RecommendedMentor, Review, SearchParams, Suggestion, SuggestionParams,
};
use crate::web::error::{Error, Result};
use crate::web::extract::ApiQuery;
use crate::web::extract::Id;
use crate::web::pagination::{Page, PageRequest};
use crate::web::response_cache::Key;

use super::cached::cached;

/// Search mentors.
#[utoipa::path(get, path = "/api/mentors", tag = "mentors", params(SearchParams),
    responses((status = 200, body = Page<MentorCard>), (status = 400, body = ErrorResponse), (status = 422, body = ErrorResponse)))]
pub async fn search(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    ApiQuery(params): ApiQuery<SearchParams>,
) -> Result<Response> {
    let page = PageRequest::parse(params.limit, params.cursor.as_deref())?;
    let input = SearchInput {
        q: params.q,
        specialization: params.specialization,
        company: params.company,
        expertise: params.expertise,
        accepting_only: params.accepting_only,
        sort: params.sort,
    };
    let key = Key::public("mentors", raw.as_deref());
    let read = async {
        let rows = discovery::find(&state, &input, page.limit, page.offset).await?;
        Ok(page.page(rows, MentorCard::from))
    };
    let answer = cached(&state, key, CARD_TABLES, read).await?;
    discovery::count_demand(&state, &input, page.offset).await;
    Ok(answer)
}

/// What a mentor's card is read from.
const CARD_TABLES: &[Table] = &[Table::MentorProfiles, Table::Users];
/// What a mentor's profile is read from: the card, and the sessions held.
const PROFILE_TABLES: &[Table] = &[
    Table::MentorProfiles,
    Table::Users,
    Table::Sessions,
    Table::GroupSessions,
];

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

/// A mentor's public profile.
#[utoipa::path(get, path = "/api/mentors/{id}", tag = "mentors", params(("id" = Uuid, Path)),
    responses((status = 200, body = MentorDetail), (status = 404, body = ErrorResponse)))]
pub async fn detail(State(state): State<AppState>, Id(id): Id) -> Result<Response> {
    let key = Key::public("mentor", Some(&id.to_string()));
    let read = async {
        let detail = state.store.mentor_detail(id).await?.ok_or(Error::NotFound)?;
        let active = detail.card.active_mentees;
        let (completed, minutes) = (detail.completed_sessions, detail.minutes_mentored);
        Ok(MentorDetail {
            card: detail.card.into(),
            bio: detail.bio,
            languages: detail.languages,
            stats: MentorStats {
                active_mentees: active,
                completed_sessions: completed,
                hours_mentored: crate::services::dashboard::hours(minutes),
            },
        })
    };
    cached(&state, key, PROFILE_TABLES, read).await
}

/// The newest written feedback on a mentor's sessions (up to 20).
#[utoipa::path(get, path = "/api/mentors/{id}/reviews", tag = "mentors", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<Review>), (status = 404, body = ErrorResponse)))]
pub async fn reviews(State(state): State<AppState>, Id(id): Id) -> Result<Json<Vec<Review>>> {
    state.store.mentor_detail(id).await?.ok_or(Error::NotFound)?;
    let reviews = state.store.mentor_reviews(id, 20).await?;
    Ok(Json(reviews.into_iter().map(Review::from).collect()))
}

/// A corrected search, for a query whose words no mentor uses ("distribted"
/// → "distributed"); `suggestion` is null when nothing is close or nothing is wrong.
#[utoipa::path(get, path = "/api/mentors/suggestion", tag = "mentors", params(SuggestionParams),
    responses((status = 200, body = Suggestion), (status = 400, body = ErrorResponse)))]
pub async fn suggestion(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<SuggestionParams>,
) -> Result<Json<Suggestion>> {
    let q: String = p.q.unwrap_or_default().chars().take(100).collect();
    Ok(Json(Suggestion {
        suggestion: crate::services::did_you_mean::suggest(&state, &q).await?,
    }))
}
