//! `/api/admin/*`: the report queue, users, suspensions, the audit log and
//! the community's figures. Admins only: everyone else gets 403.

use axum::extract::State;
use axum::Json;

use crate::services::trust::{moderation, stats};
use crate::state::AppState;
use crate::web::auth::CurrentUser;
use crate::web::dto::errors::ErrorResponse;
use crate::web::dto::trust::{
    AdminStats, AdminUser, AuditEntry, AuditParams, Report, ReportListParams, ResolveBody, StatsParams, SuspendBody,
    UserListParams,
};
use crate::web::error::{Error, Result};
use crate::web::extract::{ApiJson, ApiQuery, Id};
use crate::web::pagination::{Page, PageRequest};
use mentorhub_domain::trust::ReportStatus;

/// The report queue: open reports oldest first, or resolved ones.
#[utoipa::path(get, path = "/api/admin/reports", tag = "admin", params(ReportListParams),
    responses((status = 200, body = Page<Report>), (status = 403, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn reports(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiQuery(p): ApiQuery<ReportListParams>,
) -> Result<Json<Page<Report>>> {
    moderation::require_admin(&current.user)?;
    let status = match p.status.as_deref().map(str::trim) {
        None | Some("") => ReportStatus::Open,
        Some(s) => ReportStatus::parse(s).ok_or_else(|| Error::field("status", "status must be open or resolved."))?,
    };
    let page = PageRequest::parse(p.limit, p.cursor.as_deref())?;
    let rows = state.store.reports(status, page.limit, page.offset).await?;
    Ok(Json(page.page(rows, Report::from)))
}

/// Resolve a report: dismiss it, remove the content, or suspend its owner.
#[utoipa::path(post, path = "/api/admin/reports/{id}/resolve", tag = "admin", params(("id" = Uuid, Path)),
    request_body = ResolveBody, responses((status = 200, body = Report), (status = 403, body = ErrorResponse),
              (status = 409, description = "resolved already", body = ErrorResponse)), security(("bearer" = [])))]
pub async fn resolve(
    State(state): State<AppState>,
    current: CurrentUser,
    Id(id): Id,
    ApiJson(b): ApiJson<ResolveBody>,
) -> Result<Json<Report>> {
    let r = moderation::resolve(&state, &current.user, id, b.action.as_deref(), b.note.as_deref()).await?;
    Ok(Json(r.into()))
}

/// People by name or email, newest first, with no-shows and open reports.
#[utoipa::path(get, path = "/api/admin/users", tag = "admin", params(UserListParams),
    responses((status = 200, body = Page<AdminUser>), (status = 403, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn users(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiQuery(p): ApiQuery<UserListParams>,
) -> Result<Json<Page<AdminUser>>> {
    moderation::require_admin(&current.user)?;
    let page = PageRequest::parse(p.limit, p.cursor.as_deref())?;
    let q: String = p.q.unwrap_or_default().chars().take(100).collect();
    let rows = state.store.admin_users(&q, page.limit, page.offset).await?;
    Ok(Json(page.page(rows, AdminUser::from)))
}

async fn one_user(state: &AppState, id: uuid::Uuid) -> Result<AdminUser> {
    state
        .store
        .admin_user(id)
        .await?
        .map(AdminUser::from)
        .ok_or(Error::NotFound)
}

/// Suspend a person: sign-in stops, tokens and sockets end, their profile
/// leaves search, future sessions are cancelled with notice.
#[utoipa::path(post, path = "/api/admin/users/{id}/suspend", tag = "admin", params(("id" = Uuid, Path)),
    request_body = SuspendBody, responses((status = 200, body = AdminUser), (status = 403, body = ErrorResponse),
              (status = 409, description = "suspended already, or the admin's own account", body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn suspend(
    State(state): State<AppState>,
    current: CurrentUser,
    Id(id): Id,
    ApiJson(b): ApiJson<SuspendBody>,
) -> Result<Json<AdminUser>> {
    moderation::suspend(&state, &current.user, id, b.reason.as_deref()).await?;
    Ok(Json(one_user(&state, id).await?))
}

/// Lift a suspension.
#[utoipa::path(post, path = "/api/admin/users/{id}/restore", tag = "admin", params(("id" = Uuid, Path)),
    responses((status = 200, body = AdminUser), (status = 403, body = ErrorResponse),
              (status = 409, description = "not suspended", body = ErrorResponse)), security(("bearer" = [])))]
pub async fn restore(State(state): State<AppState>, current: CurrentUser, Id(id): Id) -> Result<Json<AdminUser>> {
    moderation::restore(&state, &current.user, id).await?;
    Ok(Json(one_user(&state, id).await?))
}

/// Every admin action, newest first.
#[utoipa::path(get, path = "/api/admin/audit", tag = "admin", params(AuditParams),
    responses((status = 200, body = Page<AuditEntry>), (status = 403, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn audit(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiQuery(p): ApiQuery<AuditParams>,
) -> Result<Json<Page<AuditEntry>>> {
    moderation::require_admin(&current.user)?;
    let page = PageRequest::parse(p.limit, p.cursor.as_deref())?;
    let rows = state.store.audit_log(page.limit, page.offset).await?;
    Ok(Json(page.page(rows, AuditEntry::from)))
}

/// Weekly figures and demand against supply per specialization.
#[utoipa::path(get, path = "/api/admin/stats", tag = "admin", params(StatsParams),
    responses((status = 200, body = AdminStats), (status = 403, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn stats(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiQuery(p): ApiQuery<StatsParams>,
) -> Result<Json<AdminStats>> {
    let s = stats::weekly(&state, &current.user, p.from.as_deref(), p.to.as_deref()).await?;
    Ok(Json(s.into()))
}
