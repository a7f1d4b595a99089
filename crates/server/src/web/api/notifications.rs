use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use crate::state::AppState;
use crate::web::auth::CurrentUser;
use crate::web::dto::errors::ErrorResponse;
use crate::web::dto::notifications::{Notification, NotificationListParams, UnreadCount};
use crate::web::error::Result;
use crate::web::extract::ApiQuery;
use crate::web::extract::Id;
use crate::web::pagination::{Page, PageRequest};

/// The caller's notifications, newest first.
#[utoipa::path(get, path = "/api/notifications", tag = "notifications", params(NotificationListParams),
    responses((status = 200, body = Page<Notification>), (status = 401, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiQuery(params): ApiQuery<NotificationListParams>,
) -> Result<Json<Page<Notification>>> {
    let page = PageRequest::parse(params.limit, params.cursor.as_deref())?;
    let rows = state
        .store
        .list_notifications(current.user.id, page.limit, page.offset)
        .await?;
    Ok(Json(page.page(rows, Notification::from)))
}

/// How many notifications the caller has not read.
#[utoipa::path(get, path = "/api/notifications/unread-count", tag = "notifications",
    responses((status = 200, body = UnreadCount), (status = 401, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn unread_count(State(state): State<AppState>, current: CurrentUser) -> Result<Json<UnreadCount>> {
    Ok(Json(UnreadCount {
        count: state.store.unread_notifications(current.user.id).await?,
    }))
}

/// Mark one notification read.
#[utoipa::path(post, path = "/api/notifications/{id}/read", tag = "notifications", params(("id" = Uuid, Path)),
    responses((status = 204, description = "marked read"), (status = 404, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn mark_read(State(state): State<AppState>, current: CurrentUser, Id(id): Id) -> Result<StatusCode> {
    state
        .store
        .mark_notification_read(id, current.user.id, state.clock.now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Mark every notification read.
#[utoipa::path(post, path = "/api/notifications/read-all", tag = "notifications",
    responses((status = 204, description = "all marked read"), (status = 401, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn mark_all_read(State(state): State<AppState>, current: CurrentUser) -> Result<StatusCode> {
    state
        .store
        .mark_all_notifications_read(current.user.id, state.clock.now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
