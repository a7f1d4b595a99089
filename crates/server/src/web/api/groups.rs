//! Group sessions (`/api/group-sessions`): host, browse, join, leave, run.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use mentorhub_domain::group::GroupInput;

use crate::services::calendar::feed;
use crate::services::groups::{self, host, seats, ListInput};
use crate::state::AppState;
use crate::web::auth::CurrentUser;
use crate::web::dto::errors::ErrorResponse;
use crate::web::dto::groups::{Attendees, CreateGroupBody, GroupChat, GroupListParams, GroupSession};
use crate::web::dto::sessions::{FeedbackBody, ReasonBody};
use crate::web::error::Result;
use crate::web::extract::{ApiJson, ApiQuery, Id, MaybeJson};
use crate::web::pagination::{Page, PageRequest};

/// Host a group session (mentors).
#[utoipa::path(post, path = "/api/group-sessions", tag = "groups", request_body = CreateGroupBody,
    responses((status = 201, body = GroupSession), (status = 403, description = "not a mentor", body = ErrorResponse),
              (status = 409, description = "overlaps another session of the host", body = ErrorResponse),
              (status = 422, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiJson(b): ApiJson<CreateGroupBody>,
) -> Result<(StatusCode, Json<GroupSession>)> {
    let input = GroupInput {
        title: b.title.as_deref(),
        description: b.description.as_deref(),
        scheduled_at: b.scheduled_at.as_deref(),
        duration: b.duration,
        capacity: b.capacity,
        audience: b.audience.as_deref(),
    };
    let g = groups::create(&state, &current.user, input).await?;
    Ok((StatusCode::CREATED, Json(GroupSession::of(g, current.user.id))))
}

/// Group sessions the caller may see.
#[utoipa::path(get, path = "/api/group-sessions", tag = "groups", params(GroupListParams),
    responses((status = 200, body = Page<GroupSession>), (status = 422, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiQuery(p): ApiQuery<GroupListParams>,
) -> Result<Json<Page<GroupSession>>> {
    let page = PageRequest::parse(p.limit, p.cursor.as_deref())?;
    let input = ListInput {
        scope: p.scope.as_deref(),
        host_id: p.host_id.as_deref(),
        q: p.q.as_deref(),
        date: p.date.as_deref(),
        joined: p.joined.unwrap_or(false),
        limit: page.limit,
        offset: page.offset,
    };
    let me = &current.user;
    let rows = groups::list(&state, me.id, &me.timezone, input).await?;
    Ok(Json(page.page(rows, |g| GroupSession::of(g, me.id))))
}

/// One group session.
#[utoipa::path(get, path = "/api/group-sessions/{id}", tag = "groups", params(("id" = Uuid, Path)),
    responses((status = 200, body = GroupSession), (status = 404, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn get_one(State(state): State<AppState>, current: CurrentUser, Id(id): Id) -> Result<Json<GroupSession>> {
    let g = groups::visible(&state, current.user.id, id).await?;
    Ok(Json(GroupSession::of(g, current.user.id)))
}

/// Attendees and the waitlist in order (the host).
#[utoipa::path(get, path = "/api/group-sessions/{id}/attendees", tag = "groups", params(("id" = Uuid, Path)),
    responses((status = 200, body = Attendees), (status = 403, body = ErrorResponse), (status = 404, body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn attendees(State(state): State<AppState>, current: CurrentUser, Id(id): Id) -> Result<Json<Attendees>> {
    Ok(Json(groups::attendees(&state, &current.user, id).await?.into()))
}

/// Take a seat, or a waitlist place when full.
#[utoipa::path(post, path = "/api/group-sessions/{id}/join", tag = "groups", params(("id" = Uuid, Path)),
    responses((status = 200, body = GroupSession), (status = 404, body = ErrorResponse),
              (status = 409, description = "overlapping session, started or closed, or the host", body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn join(State(state): State<AppState>, current: CurrentUser, Id(id): Id) -> Result<Json<GroupSession>> {
    let g = seats::join(&state, &current.user, id).await?;
    Ok(Json(GroupSession::of(g, current.user.id)))
}

/// Give up a seat or a waitlist place; the first person waiting takes the seat.
#[utoipa::path(post, path = "/api/group-sessions/{id}/leave", tag = "groups", params(("id" = Uuid, Path)),
    responses((status = 200, body = GroupSession), (status = 404, body = ErrorResponse),
              (status = 409, description = "cancelled or completed", body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn leave(State(state): State<AppState>, current: CurrentUser, Id(id): Id) -> Result<Json<GroupSession>> {
    let g = seats::leave(&state, &current.user, id).await?;
    Ok(Json(GroupSession::of(g, current.user.id)))
}

/// Cancel it (the host); everyone with a place is told.
#[utoipa::path(post, path = "/api/group-sessions/{id}/cancel", tag = "groups", params(("id" = Uuid, Path)), request_body = ReasonBody,
    responses((status = 200, body = GroupSession), (status = 403, body = ErrorResponse), (status = 404, body = ErrorResponse),
              (status = 409, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn cancel(
    State(state): State<AppState>,
    current: CurrentUser,
    Id(id): Id,
    MaybeJson(b): MaybeJson<ReasonBody>,
) -> Result<Json<GroupSession>> {
    let reason = b.and_then(|b| b.reason);
    let g = host::cancel(&state, &current.user, id, reason.as_deref()).await?;
    Ok(Json(GroupSession::of(g, current.user.id)))
}

/// Mark it held (the host, from its start on).
#[utoipa::path(post, path = "/api/group-sessions/{id}/complete", tag = "groups", params(("id" = Uuid, Path)),
    responses((status = 200, body = GroupSession), (status = 403, body = ErrorResponse), (status = 404, body = ErrorResponse),
              (status = 409, description = "not started or not scheduled", body = ErrorResponse)), security(("bearer" = [])))]
pub async fn complete(State(state): State<AppState>, current: CurrentUser, Id(id): Id) -> Result<Json<GroupSession>> {
    let g = host::complete(&state, &current.user, id).await?;
    Ok(Json(GroupSession::of(g, current.user.id)))
}

/// Rate it (an attendee, once, after completion).
#[utoipa::path(post, path = "/api/group-sessions/{id}/feedback", tag = "groups", params(("id" = Uuid, Path)), request_body = FeedbackBody,
    responses((status = 200, body = GroupSession), (status = 404, body = ErrorResponse),
              (status = 409, description = "not completed, not attended, or already rated", body = ErrorResponse),
              (status = 422, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn feedback(
    State(state): State<AppState>,
    current: CurrentUser,
    Id(id): Id,
    ApiJson(b): ApiJson<FeedbackBody>,
) -> Result<Json<GroupSession>> {
    let g = host::feedback(&state, &current.user, id, b.rating, b.comment.as_deref()).await?;
    Ok(Json(GroupSession::of(g, current.user.id)))
}

/// The group chat's conversation id (host and attendees).
#[utoipa::path(get, path = "/api/group-sessions/{id}/chat", tag = "groups", params(("id" = Uuid, Path)),
    responses((status = 200, body = GroupChat), (status = 403, description = "not in the session", body = ErrorResponse),
              (status = 404, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn chat(State(state): State<AppState>, current: CurrentUser, Id(id): Id) -> Result<Json<GroupChat>> {
    let g = groups::room(&state, &current.user, id).await?;
    Ok(Json(GroupChat { conversation_id: g.id }))
}

/// The session as an iCalendar file (host and attendees).
#[utoipa::path(get, path = "/api/group-sessions/{id}/ics", tag = "groups", params(("id" = Uuid, Path)),
    responses((status = 200, description = "text/calendar"), (status = 403, body = ErrorResponse), (status = 404, body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn ics(State(state): State<AppState>, current: CurrentUser, Id(id): Id) -> Result<Response> {
    let body = feed::group_file(&state, &current.user, id).await?;
    Ok(super::sessions::ics(body, &format!("group-session-{id}.ics")))
}
