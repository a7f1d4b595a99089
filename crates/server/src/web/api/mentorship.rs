//! Mentorship requests and their answers (seed: `/api/mentorship`).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::{DateTime, Utc};
use mentorhub_domain::mentorship::Action;
use mentorhub_domain::MentorshipStatus;
use mentorhub_store::{MentorshipRecord, MentorshipSide};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::dto::{ErrorResponse, PersonRef};
use crate::services::mentorships;
use crate::state::AppState;
use crate::web::auth::CurrentUser;
use crate::web::error::{Error, Result};
use crate::web::extract::{ApiJson, ApiQuery, MaybeJson};
use crate::web::pagination::{Page, PageRequest};

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Mentorship {
    pub id: Uuid,
    pub mentor_id: Uuid,
    pub mentee_id: Uuid,
    #[schema(value_type = String, example = "pending")]
    pub status: MentorshipStatus,
    pub message: String,
    pub reject_reason: Option<String>,
    pub start_date: Option<DateTime<Utc>>,
    pub end_date: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub mentor: PersonRef,
    pub mentee: PersonRef,
}

impl From<MentorshipRecord> for Mentorship {
    fn from(r: MentorshipRecord) -> Self {
        Self {
            id: r.id,
            mentor_id: r.mentor_id,
            mentee_id: r.mentee_id,
            status: r.status,
            message: r.message,
            reject_reason: r.reject_reason,
            start_date: r.start_date,
            end_date: r.end_date,
            created_at: r.created_at,
            updated_at: r.updated_at,
            mentor: PersonRef {
                id: r.mentor_id,
                name: r.mentor_name,
                headline: r.mentor_headline,
            },
            mentee: PersonRef {
                id: r.mentee_id,
                name: r.mentee_name,
                headline: r.mentee_headline,
            },
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ListParams {
    /// mentee or mentor: only mentorships where the caller has that side.
    #[serde(rename = "as")]
    pub side: Option<String>,
    pub status: Option<String>,
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// The caller's mentorships, most recently changed first.
#[utoipa::path(get, path = "/api/mentorship", tag = "mentorship", params(ListParams),
    responses((status = 200, body = Page<Mentorship>), (status = 401, body = ErrorResponse), (status = 422, body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiQuery(params): ApiQuery<ListParams>,
) -> Result<Json<Page<Mentorship>>> {
    let page = PageRequest::parse(params.limit, params.cursor.as_deref())?;
    let side = match params.side.as_deref().map(str::trim) {
        None | Some("") => None,
        Some("mentor") => Some(MentorshipSide::AsMentor),
        Some("mentee") => Some(MentorshipSide::AsMentee),
        Some(_) => return Err(Error::field("as", "as must be mentee or mentor.")),
    };
    let status = match params.status.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(value) => Some(MentorshipStatus::parse(value).ok_or_else(|| {
            Error::field(
                "status",
                "status must be pending, accepted, rejected, cancelled or ended.",
            )
        })?),
    };
    let rows = state
        .store
        .list_mentorships(current.user.id, side, status, page.limit, page.offset)
        .await?;
    Ok(Json(page.page(rows, Mentorship::from)))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct RequestBody {
    pub mentor_id: Option<String>,
    /// What you hope to get from the mentorship (1..2000 characters).
    pub message: Option<String>,
}

/// Ask a mentor for mentorship.
#[utoipa::path(post, path = "/api/mentorship", tag = "mentorship", request_body = RequestBody,
    responses((status = 201, body = Mentorship), (status = 403, description = "not a mentee", body = ErrorResponse),
              (status = 404, description = "unknown mentor", body = ErrorResponse),
              (status = 409, description = "asking oneself, pair already active, mentor unavailable or full, 5 requests pending", body = ErrorResponse),
              (status = 422, body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiJson(body): ApiJson<RequestBody>,
) -> Result<(StatusCode, Json<Mentorship>)> {
    let mentor_id = match body.mentor_id.as_deref() {
        None => None,
        Some(text) => Some(Uuid::parse_str(text.trim()).map_err(|_| Error::NotFound)?),
    };
    let record = mentorships::request(&state, &current.user, mentor_id, body.message.as_deref()).await?;
    Ok((StatusCode::CREATED, Json(record.into())))
}

/// One of the caller's mentorships.
#[utoipa::path(get, path = "/api/mentorship/{id}", tag = "mentorship", params(("id" = Uuid, Path)),
    responses((status = 200, body = Mentorship), (status = 404, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn get_one(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<Mentorship>> {
    let id = Uuid::parse_str(&id).map_err(|_| Error::NotFound)?;
    Ok(Json(mentorships::visible(&state, &current.user, id).await?.into()))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct RejectBody {
    pub reason: Option<String>,
}

async fn act(
    state: AppState,
    current: CurrentUser,
    id: String,
    action: Action,
    reason: Option<String>,
) -> Result<Json<Mentorship>> {
    let id = Uuid::parse_str(&id).map_err(|_| Error::NotFound)?;
    Ok(Json(
        mentorships::act(&state, &current.user, id, action, reason.as_deref())
            .await?
            .into(),
    ))
}

/// Accept a pending request (the mentor).
#[utoipa::path(post, path = "/api/mentorship/{id}/accept", tag = "mentorship", params(("id" = Uuid, Path)),
    responses((status = 200, body = Mentorship), (status = 403, body = ErrorResponse), (status = 404, body = ErrorResponse),
              (status = 409, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn accept(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<Mentorship>> {
    act(state, current, id, Action::Accept, None).await
}

/// Decline a pending request, optionally with a reason (the mentor).
#[utoipa::path(post, path = "/api/mentorship/{id}/reject", tag = "mentorship", params(("id" = Uuid, Path)), request_body = RejectBody,
    responses((status = 200, body = Mentorship), (status = 403, body = ErrorResponse), (status = 404, body = ErrorResponse),
              (status = 409, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn reject(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    MaybeJson(body): MaybeJson<RejectBody>,
) -> Result<Json<Mentorship>> {
    let reason = body.and_then(|b| b.reason);
    act(state, current, id, Action::Reject, reason).await
}

/// Withdraw a pending request (the mentee).
#[utoipa::path(post, path = "/api/mentorship/{id}/cancel", tag = "mentorship", params(("id" = Uuid, Path)),
    responses((status = 200, body = Mentorship), (status = 403, body = ErrorResponse), (status = 404, body = ErrorResponse),
              (status = 409, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn cancel(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<Mentorship>> {
    act(state, current, id, Action::Cancel, None).await
}

/// End an accepted mentorship (either person).
#[utoipa::path(post, path = "/api/mentorship/{id}/end", tag = "mentorship", params(("id" = Uuid, Path)),
    responses((status = 200, body = Mentorship), (status = 404, body = ErrorResponse), (status = 409, body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn end(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<Mentorship>> {
    act(state, current, id, Action::End, None).await
}
