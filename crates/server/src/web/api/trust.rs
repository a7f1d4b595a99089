//! Reports, no-shows, and people's own data (export, account deletion).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use crate::services::trust::reports::ReportInput;
use crate::services::trust::{account, no_show, reports};
use crate::state::AppState;
use crate::web::api::session_notes::with_note;
use crate::web::auth::CurrentUser;
use crate::web::dto::errors::ErrorResponse;
use crate::web::dto::sessions::Session;
use crate::web::dto::trust::{PasswordBody, Report, ReportBody};
use crate::web::error::Result;
use crate::web::extract::{ApiJson, Id};

/// Report a person, a message, a mini request, a group session or a
/// program the caller can see; reporting the same thing twice while the
/// first report is open returns that report.
#[utoipa::path(post, path = "/api/reports", tag = "trust", request_body = ReportBody,
    responses((status = 201, body = Report), (status = 404, description = "the subject is not visible to the caller", body = ErrorResponse),
              (status = 409, description = "the caller's own account or content", body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn create_report(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiJson(b): ApiJson<ReportBody>,
) -> Result<(StatusCode, Json<Report>)> {
    let input = ReportInput {
        subject_type: b.subject_type.as_deref(),
        subject_id: b.subject_id.as_deref(),
        reason: b.reason.as_deref(),
        details: b.details.as_deref(),
    };
    let report = reports::file(&state, &current.user, input).await?;
    Ok((StatusCode::CREATED, Json(report.into())))
}

/// Record that the other participant did not come (from the end of the
/// session, for 72 hours); the session no longer counts in hours.
#[utoipa::path(post, path = "/api/mentorship/sessions/{id}/no-show", tag = "sessions", params(("id" = Uuid, Path)),
    responses((status = 200, body = Session),
              (status = 409, description = "not ended, window closed, cancelled, or recorded already", body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn mark_no_show(State(state): State<AppState>, current: CurrentUser, Id(id): Id) -> Result<Json<Session>> {
    let s = no_show::mark(&state, &current.user, id).await?;
    Ok(Json(with_note(&state, &current.user, s).await?))
}

/// Everything the caller wrote or owns, as one JSON document.
#[utoipa::path(get, path = "/api/me/export", tag = "accounts",
    responses((status = 200, description = "the caller's data", body = Object)), security(("bearer" = [])))]
pub async fn export(State(state): State<AppState>, current: CurrentUser) -> Result<Json<serde_json::Value>> {
    Ok(Json(account::export(&state, &current.user).await?))
}

/// Close the caller's account (the password confirms it).
#[utoipa::path(delete, path = "/api/me", tag = "accounts", request_body = PasswordBody,
    responses((status = 204, description = "closed: signing in stops"),
              (status = 429, description = "too many wrong passwords", body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn delete_me(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiJson(b): ApiJson<PasswordBody>,
) -> Result<StatusCode> {
    account::delete(&state, &current.user, b.password.as_deref()).await?;
    Ok(StatusCode::NO_CONTENT)
}
