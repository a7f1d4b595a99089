//! Mini mentorship over REST (`/api/mini/...`); the tRPC endpoint calls
//! the same rules with the same shapes.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::{DateTime, Utc};
use mentorhub_store::SessionRecord;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::dto::{ErrorResponse, PersonRef};
use crate::services::mini::{self, MiniView, NewRequest};
use crate::state::AppState;
use crate::web::auth::CurrentUser;
use crate::web::error::{Error, Result};
use crate::web::extract::{ApiJson, ApiQuery, MaybeJson};

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MiniSession {
    pub id: Uuid,
    pub request_id: Option<Uuid>,
    pub mentor: PersonRef,
    pub mentee: PersonRef,
    pub scheduled_at: DateTime<Utc>,
    pub duration: i32,
    pub meeting_url: String,
    #[schema(example = "scheduled")]
    pub status: String,
    pub notes: Option<String>,
}

impl From<SessionRecord> for MiniSession {
    fn from(s: SessionRecord) -> Self {
        Self {
            id: s.id,
            request_id: s.mini_request_id,
            mentor: PersonRef {
                id: s.mentor_id,
                name: s.mentor_name,
                headline: s.mentor_headline,
            },
            mentee: PersonRef {
                id: s.mentee_id,
                name: s.mentee_name,
                headline: s.mentee_headline,
            },
            scheduled_at: s.scheduled_at,
            duration: s.duration,
            meeting_url: s.meeting_url,
            status: s.status.as_str().to_owned(),
            notes: s.notes,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MiniRequest {
    pub id: Uuid,
    pub mentee: PersonRef,
    pub title: String,
    #[schema(example = "interview_prep")]
    pub session_type: String,
    pub description: String,
    pub duration: i32,
    #[schema(example = "medium")]
    pub urgency: String,
    pub preferred_dates: Vec<DateTime<Utc>>,
    #[schema(example = "open")]
    pub status: String,
    pub claimed_by: Option<PersonRef>,
    pub claimed_at: Option<DateTime<Utc>>,
    pub expires_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub outcome: Option<String>,
    pub session: Option<MiniSession>,
}

impl From<MiniView> for MiniRequest {
    fn from(v: MiniView) -> Self {
        let r = v.request;
        Self {
            id: r.id,
            mentee: PersonRef {
                id: r.mentee_id,
                name: r.mentee_name,
                headline: r.mentee_headline,
            },
            title: r.title,
            session_type: r.session_type.as_str().to_owned(),
            description: r.description,
            duration: r.duration,
            urgency: r.urgency.as_str().to_owned(),
            preferred_dates: r.preferred_dates,
            status: v.status.as_str().to_owned(),
            claimed_by: r.claimed_by.map(|id| PersonRef {
                id,
                name: r.claimer_name.unwrap_or_default(),
                headline: r.claimer_headline,
            }),
            claimed_at: r.claimed_at,
            expires_at: r.expires_at,
            created_at: r.created_at,
            outcome: r.outcome,
            session: v.session.map(MiniSession::from),
        }
    }
}

pub fn id_of(text: &str) -> Result<Uuid> {
    Uuid::parse_str(text.trim()).map_err(|_| Error::NotFound)
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct CreateBody {
    pub title: Option<String>,
    /// interview_prep, resume_review, career_advice, technical_help, portfolio_review, mock_interview, other
    pub session_type: Option<String>,
    pub description: Option<String>,
    /// 15, 30, 45 or 60.
    pub duration: Option<i64>,
    /// low, medium or high.
    pub urgency: Option<String>,
    /// 1..5 future instants (RFC 3339).
    pub preferred_dates: Vec<String>,
}

pub fn new_request(b: &CreateBody) -> NewRequest<'_> {
    NewRequest {
        title: b.title.as_deref(),
        session_type: b.session_type.as_deref(),
        description: b.description.as_deref(),
        duration: b.duration,
        urgency: b.urgency.as_deref(),
        preferred_dates: &b.preferred_dates,
    }
}

/// Post a mini mentorship request (mentees).
#[utoipa::path(post, path = "/api/mini/requests", tag = "mini", request_body = CreateBody,
    responses((status = 201, body = MiniRequest), (status = 403, body = ErrorResponse), (status = 422, body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiJson(b): ApiJson<CreateBody>,
) -> Result<(StatusCode, Json<MiniRequest>)> {
    let v = mini::create(&state, &current.user, new_request(&b)).await?;
    Ok((StatusCode::CREATED, Json(v.into())))
}

/// The caller's own requests (mentees).
#[utoipa::path(get, path = "/api/mini/requests", tag = "mini",
    responses((status = 200, body = [MiniRequest]), (status = 403, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn mine(State(state): State<AppState>, current: CurrentUser) -> Result<Json<Vec<MiniRequest>>> {
    Ok(Json(
        mini::my_requests(&state, &current.user)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
    ))
}

/// One request: its owner, the claiming mentor, or any mentor while open.
#[utoipa::path(get, path = "/api/mini/requests/{id}", tag = "mini", params(("id" = Uuid, Path)),
    responses((status = 200, body = MiniRequest), (status = 404, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn get_one(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<MiniRequest>> {
    Ok(Json(mini::get(&state, &current.user, id_of(&id)?).await?.into()))
}

/// Cancel an open or claimed request (its owner).
#[utoipa::path(post, path = "/api/mini/requests/{id}/cancel", tag = "mini", params(("id" = Uuid, Path)),
    responses((status = 200, body = MiniRequest), (status = 403, body = ErrorResponse), (status = 404, body = ErrorResponse), (status = 409, body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn cancel(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<MiniRequest>> {
    Ok(Json(mini::cancel(&state, &current.user, id_of(&id)?).await?.into()))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
pub struct BoardParams {
    pub session_type: Option<String>,
    pub urgency: Option<String>,
    pub max_duration: Option<i64>,
}

/// Open requests of others, most urgent and oldest first (mentors).
#[utoipa::path(get, path = "/api/mini/open", tag = "mini", params(BoardParams),
    responses((status = 200, body = [MiniRequest]), (status = 403, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn open(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiQuery(p): ApiQuery<BoardParams>,
) -> Result<Json<Vec<MiniRequest>>> {
    let filter = mini::parse_filter(p.session_type.as_deref(), p.urgency.as_deref(), p.max_duration)?;
    Ok(Json(
        mini::open(&state, &current.user, &filter)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
    ))
}

/// Claim an open request (mentors); of concurrent claims exactly one wins.
#[utoipa::path(post, path = "/api/mini/requests/{id}/claim", tag = "mini", params(("id" = Uuid, Path)),
    responses((status = 200, body = MiniRequest), (status = 403, body = ErrorResponse), (status = 404, body = ErrorResponse),
              (status = 409, description = "not open any more, or your own request", body = ErrorResponse)), security(("bearer" = [])))]
pub async fn claim(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<MiniRequest>> {
    Ok(Json(mini::claim(&state, &current.user, id_of(&id)?).await?.into()))
}

/// Requests the caller claimed (mentors).
#[utoipa::path(get, path = "/api/mini/claimed", tag = "mini",
    responses((status = 200, body = [MiniRequest]), (status = 403, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn claimed(State(state): State<AppState>, current: CurrentUser) -> Result<Json<Vec<MiniRequest>>> {
    Ok(Json(
        mini::claimed(&state, &current.user)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
    ))
}

/// Give a claimed request back to the board (the claiming mentor).
#[utoipa::path(post, path = "/api/mini/requests/{id}/release", tag = "mini", params(("id" = Uuid, Path)),
    responses((status = 200, body = MiniRequest), (status = 403, body = ErrorResponse), (status = 404, body = ErrorResponse), (status = 409, body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn release(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<MiniRequest>> {
    Ok(Json(mini::release(&state, &current.user, id_of(&id)?).await?.into()))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct ScheduleBody {
    /// One of the request's preferred dates.
    pub scheduled_at: Option<String>,
}

/// Schedule the session at one of the preferred times (the claiming mentor).
#[utoipa::path(post, path = "/api/mini/requests/{id}/schedule", tag = "mini", params(("id" = Uuid, Path)), request_body = ScheduleBody,
    responses((status = 201, body = MiniSession), (status = 403, body = ErrorResponse), (status = 404, body = ErrorResponse),
              (status = 409, body = ErrorResponse), (status = 422, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn schedule(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<ScheduleBody>,
) -> Result<(StatusCode, Json<MiniSession>)> {
    let s = mini::schedule(&state, &current.user, id_of(&id)?, b.scheduled_at.as_deref()).await?;
    Ok((StatusCode::CREATED, Json(s.into())))
}

/// The caller's mini sessions (either side).
#[utoipa::path(get, path = "/api/mini/sessions", tag = "mini",
    responses((status = 200, body = [MiniSession]), (status = 401, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn sessions(State(state): State<AppState>, current: CurrentUser) -> Result<Json<Vec<MiniSession>>> {
    Ok(Json(
        mini::my_sessions(&state, &current.user)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
    ))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct CompleteBody {
    pub notes: Option<String>,
    pub outcome: Option<String>,
}

/// Complete a mini session with notes and an outcome (its mentor).
#[utoipa::path(post, path = "/api/mini/sessions/{id}/complete", tag = "mini", params(("id" = Uuid, Path)), request_body = CompleteBody,
    responses((status = 200, body = MiniSession), (status = 403, body = ErrorResponse), (status = 404, body = ErrorResponse),
              (status = 409, body = ErrorResponse), (status = 422, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn complete(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    MaybeJson(b): MaybeJson<CompleteBody>,
) -> Result<Json<MiniSession>> {
    let b = b.unwrap_or_default();
    let s = mini::complete(
        &state,
        &current.user,
        id_of(&id)?,
        b.notes.as_deref(),
        b.outcome.as_deref(),
    )
    .await?;
    Ok(Json(s.into()))
}
