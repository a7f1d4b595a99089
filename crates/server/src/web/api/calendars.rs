//! Connected calendars (`/api/me/calendars`): busy time from people's own calendars.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use crate::services::calendar::import;
use crate::state::AppState;
use crate::web::auth::CurrentUser;
use crate::web::dto::calendars::{ConnectBody, ExternalCalendar};
use crate::web::dto::errors::ErrorResponse;
use crate::web::error::Result;
use crate::web::extract::{ApiJson, Id};

/// The caller's connected calendars.
#[utoipa::path(get, path = "/api/me/calendars", tag = "sessions",
    responses((status = 200, body = [ExternalCalendar]), (status = 401, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn list(State(state): State<AppState>, current: CurrentUser) -> Result<Json<Vec<ExternalCalendar>>> {
    let rows = import::list(&state, &current.user).await?;
    Ok(Json(rows.into_iter().map(ExternalCalendar::from).collect()))
}

/// Connect a calendar by its secret address; it is read at once (a feed
/// that fails is kept with `lastError`).
#[utoipa::path(post, path = "/api/me/calendars", tag = "sessions", request_body = ConnectBody,
    responses((status = 201, body = ExternalCalendar),
              (status = 422, description = "not an http(s)/webcal address, or a private one", body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn connect(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiJson(b): ApiJson<ConnectBody>,
) -> Result<(StatusCode, Json<ExternalCalendar>)> {
    let calendar = import::connect(&state, &current.user, b.url.as_deref(), b.name.as_deref()).await?;
    Ok((StatusCode::CREATED, Json(calendar.into())))
}

/// Remove a connected calendar and its busy time.
#[utoipa::path(delete, path = "/api/me/calendars/{id}", tag = "sessions", params(("id" = Uuid, Path)),
    responses((status = 204, description = "removed"), (status = 404, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn remove(State(state): State<AppState>, current: CurrentUser, Id(id): Id) -> Result<StatusCode> {
    import::remove(&state, &current.user, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Read a connected calendar now.
#[utoipa::path(post, path = "/api/me/calendars/{id}/sync", tag = "sessions", params(("id" = Uuid, Path)),
    responses((status = 200, body = ExternalCalendar), (status = 404, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn sync(State(state): State<AppState>, current: CurrentUser, Id(id): Id) -> Result<Json<ExternalCalendar>> {
    Ok(Json(import::sync_now(&state, &current.user, id).await?.into()))
}
