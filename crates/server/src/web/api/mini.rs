//! Mini mentorship over REST (`/api/mini/...`); the tRPC endpoint calls
//! the same rules with the same shapes.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use crate::services::mini::{self};
use crate::state::AppState;
use crate::web::auth::CurrentUser;
use crate::web::dto::errors::ErrorResponse;
use crate::web::dto::mini::{
    board_page, encode_board_cursor, new_request, BoardParams, CompleteBody, CreateBody, MiniRequest, MiniSession,
    ScheduleBody,
};
use crate::web::error::Result;
use crate::web::extract::Id;
use crate::web::extract::{ApiJson, ApiQuery, MaybeJson};
use crate::web::pagination::{Page, DEFAULT_LIMIT, MAX_LIMIT};

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
pub async fn get_one(State(state): State<AppState>, current: CurrentUser, Id(id): Id) -> Result<Json<MiniRequest>> {
    Ok(Json(mini::get(&state, &current.user, id).await?.into()))
}

/// Cancel an open or claimed request (its owner).
#[utoipa::path(post, path = "/api/mini/requests/{id}/cancel", tag = "mini", params(("id" = Uuid, Path)),
    responses((status = 200, body = MiniRequest), (status = 403, body = ErrorResponse), (status = 404, body = ErrorResponse), (status = 409, body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn cancel(State(state): State<AppState>, current: CurrentUser, Id(id): Id) -> Result<Json<MiniRequest>> {
    Ok(Json(mini::cancel(&state, &current.user, id).await?.into()))
}

/// Open requests of others, most urgent and oldest first (mentors): the
/// first `limit` (default 100) after `cursor`, as a plain list (the seed's
/// shape); `/api/mini/board` pages the same list with `nextCursor`.
#[utoipa::path(get, path = "/api/mini/open", tag = "mini", params(BoardParams),
    responses((status = 200, body = [MiniRequest]), (status = 403, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn open(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiQuery(p): ApiQuery<BoardParams>,
) -> Result<Json<Vec<MiniRequest>>> {
    let filter = mini::parse_filter(p.session_type.as_deref(), p.urgency.as_deref(), p.max_duration)?;
    let (after, limit) = board_page(p.limit, p.cursor.as_deref(), MAX_LIMIT)?;
    let (views, _) = mini::open(&state, &current.user, &filter, after, limit).await?;
    Ok(Json(views.into_iter().map(Into::into).collect()))
}

/// The board in pages (mentors): open requests of others, most urgent and
/// oldest first; follow `nextCursor` for the rest.
#[utoipa::path(get, path = "/api/mini/board", tag = "mini", params(BoardParams),
    responses((status = 200, body = Page<MiniRequest>), (status = 403, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn board(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiQuery(p): ApiQuery<BoardParams>,
) -> Result<Json<Page<MiniRequest>>> {
    let filter = mini::parse_filter(p.session_type.as_deref(), p.urgency.as_deref(), p.max_duration)?;
    let (after, limit) = board_page(p.limit, p.cursor.as_deref(), DEFAULT_LIMIT)?;
    let (views, next) = mini::open(&state, &current.user, &filter, after, limit).await?;
    Ok(Json(Page {
        items: views.into_iter().map(Into::into).collect(),
        next_cursor: next.as_ref().map(encode_board_cursor),
    }))
}

/// Claim an open request (mentors); of concurrent claims exactly one wins.
#[utoipa::path(post, path = "/api/mini/requests/{id}/claim", tag = "mini", params(("id" = Uuid, Path)),
    responses((status = 200, body = MiniRequest), (status = 403, body = ErrorResponse), (status = 404, body = ErrorResponse),
              (status = 409, description = "not open any more, or your own request", body = ErrorResponse)), security(("bearer" = [])))]
pub async fn claim(State(state): State<AppState>, current: CurrentUser, Id(id): Id) -> Result<Json<MiniRequest>> {
    Ok(Json(mini::claim(&state, &current.user, id).await?.into()))
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
pub async fn release(State(state): State<AppState>, current: CurrentUser, Id(id): Id) -> Result<Json<MiniRequest>> {
    Ok(Json(mini::release(&state, &current.user, id).await?.into()))
}

/// Schedule the session at one of the preferred times (the claiming mentor).
#[utoipa::path(post, path = "/api/mini/requests/{id}/schedule", tag = "mini", params(("id" = Uuid, Path)), request_body = ScheduleBody,
    responses((status = 201, body = MiniSession), (status = 403, body = ErrorResponse), (status = 404, body = ErrorResponse),
              (status = 409, body = ErrorResponse), (status = 422, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn schedule(
    State(state): State<AppState>,
    current: CurrentUser,
    Id(id): Id,
    ApiJson(b): ApiJson<ScheduleBody>,
) -> Result<(StatusCode, Json<MiniSession>)> {
    let s = mini::schedule(&state, &current.user, id, b.scheduled_at.as_deref()).await?;
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

/// Complete a mini session with notes and an outcome (its mentor).
#[utoipa::path(post, path = "/api/mini/sessions/{id}/complete", tag = "mini", params(("id" = Uuid, Path)), request_body = CompleteBody,
    responses((status = 200, body = MiniSession), (status = 403, body = ErrorResponse), (status = 404, body = ErrorResponse),
              (status = 409, body = ErrorResponse), (status = 422, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn complete(
    State(state): State<AppState>,
    current: CurrentUser,
    Id(id): Id,
    MaybeJson(b): MaybeJson<CompleteBody>,
) -> Result<Json<MiniSession>> {
    let b = b.unwrap_or_default();
    let s = mini::complete(&state, &current.user, id, b.notes.as_deref(), b.outcome.as_deref()).await?;
    Ok(Json(s.into()))
}
