use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::{DateTime, Utc};
use mentorhub_store::NotificationRecord;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::dto::ErrorResponse;
use crate::state::AppState;
use crate::web::auth::CurrentUser;
use crate::web::error::{Error, Result};
use crate::web::extract::ApiQuery;
use crate::web::pagination::{Page, PageRequest};

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Notification {
    pub id: Uuid,
    /// e.g. mentorship_requested, mentorship_accepted.
    pub kind: String,
    pub title: String,
    pub body: String,
    /// Where to go to see what happened.
    pub link: Option<String>,
    pub read: bool,
    pub created_at: DateTime<Utc>,
}

impl From<NotificationRecord> for Notification {
    fn from(n: NotificationRecord) -> Self {
        Self {
            id: n.id,
            kind: n.kind,
            title: n.title,
            body: n.body,
            link: n.link,
            read: n.read_at.is_some(),
            created_at: n.created_at,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ListParams {
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// The caller's notifications, newest first.
#[utoipa::path(get, path = "/api/notifications", tag = "notifications", params(ListParams),
    responses((status = 200, body = Page<Notification>), (status = 401, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiQuery(params): ApiQuery<ListParams>,
) -> Result<Json<Page<Notification>>> {
    let page = PageRequest::parse(params.limit, params.cursor.as_deref())?;
    let rows = state
        .store
        .list_notifications(current.user.id, page.limit, page.offset)
        .await?;
    Ok(Json(page.page(rows, Notification::from)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UnreadCount {
    pub count: i64,
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
pub async fn mark_read(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> Result<StatusCode> {
    let id = Uuid::parse_str(&id).map_err(|_| Error::NotFound)?;
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
