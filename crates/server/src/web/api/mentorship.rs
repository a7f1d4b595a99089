//! Mentorship requests and their answers (seed: `/api/mentorship`).

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use mentorhub_domain::mentorship::Action;
use mentorhub_domain::MentorshipStatus;
use mentorhub_store::changes::Table;
use mentorhub_store::MentorshipSide;
use uuid::Uuid;

use crate::services::mentorships;
use crate::state::AppState;
use crate::web::auth::CurrentUser;
use crate::web::dto::errors::ErrorResponse;
use crate::web::dto::mentorships::{Mentorship, MentorshipListParams, RejectBody, RequestBody};
use crate::web::error::{Error, Result};
use crate::web::extract::parse_id;
use crate::web::extract::Id;
use crate::web::extract::{ApiJson, ApiQuery, MaybeJson};
use crate::web::pagination::{Page, PageRequest};
use crate::web::response_cache::Key;

use super::cached::cached;

/// The caller's mentorships, most recently changed first.
#[utoipa::path(get, path = "/api/mentorship", tag = "mentorship", params(MentorshipListParams),
    responses((status = 200, body = Page<Mentorship>), (status = 401, body = ErrorResponse), (status = 422, body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    current: CurrentUser,
    RawQuery(raw): RawQuery,
    ApiQuery(params): ApiQuery<MentorshipListParams>,
) -> Result<Response> {
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
                "status must be pending, accepted, rejected, cancelled, ended or expired.",
            )
        })?),
    };
    let key = Key::private("mentorships", current.user.id, raw.as_deref());
    let read = async {
        let rows = state
            .store
            .list_mentorships(current.user.id, side, status, page.limit, page.offset)
            .await?;
        Ok(page.page(rows, Mentorship::from))
    };
    cached(&state, key, LIST_TABLES, read).await
}

/// What a list of mentorships is read from.
const LIST_TABLES: &[Table] = &[Table::Mentorships, Table::Users, Table::MentorProfiles];

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
        Some(text) => Some(parse_id(text)?),
    };
    let record = mentorships::request(&state, &current.user, mentor_id, body.message.as_deref()).await?;
    Ok((StatusCode::CREATED, Json(record.into())))
}

/// One of the caller's mentorships.
#[utoipa::path(get, path = "/api/mentorship/{id}", tag = "mentorship", params(("id" = Uuid, Path)),
    responses((status = 200, body = Mentorship), (status = 404, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn get_one(State(state): State<AppState>, current: CurrentUser, Id(id): Id) -> Result<Json<Mentorship>> {
    Ok(Json(mentorships::visible(&state, &current.user, id).await?.into()))
}

async fn act(
    state: AppState,
    current: CurrentUser,
    id: Uuid,
    action: Action,
    reason: Option<String>,
) -> Result<Json<Mentorship>> {
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
pub async fn accept(State(state): State<AppState>, current: CurrentUser, Id(id): Id) -> Result<Json<Mentorship>> {
    act(state, current, id, Action::Accept, None).await
}

/// Decline a pending request, optionally with a reason (the mentor).
#[utoipa::path(post, path = "/api/mentorship/{id}/reject", tag = "mentorship", params(("id" = Uuid, Path)), request_body = RejectBody,
    responses((status = 200, body = Mentorship), (status = 403, body = ErrorResponse), (status = 404, body = ErrorResponse),
              (status = 409, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn reject(
    State(state): State<AppState>,
    current: CurrentUser,
    Id(id): Id,
    MaybeJson(body): MaybeJson<RejectBody>,
) -> Result<Json<Mentorship>> {
    let reason = body.and_then(|b| b.reason);
    act(state, current, id, Action::Reject, reason).await
}

/// Withdraw a pending request (the mentee).
#[utoipa::path(post, path = "/api/mentorship/{id}/cancel", tag = "mentorship", params(("id" = Uuid, Path)),
    responses((status = 200, body = Mentorship), (status = 403, body = ErrorResponse), (status = 404, body = ErrorResponse),
              (status = 409, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn cancel(State(state): State<AppState>, current: CurrentUser, Id(id): Id) -> Result<Json<Mentorship>> {
    act(state, current, id, Action::Cancel, None).await
}

/// End an accepted mentorship (either person).
#[utoipa::path(post, path = "/api/mentorship/{id}/end", tag = "mentorship", params(("id" = Uuid, Path)),
    responses((status = 200, body = Mentorship), (status = 404, body = ErrorResponse), (status = 409, body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn end(State(state): State<AppState>, current: CurrentUser, Id(id): Id) -> Result<Json<Mentorship>> {
    act(state, current, id, Action::End, None).await
}
