//! A session's agenda, recording link and the caller's private note.

use axum::extract::State;
use axum::Json;
use mentorhub_store::{SessionRecord, UserRecord};

use crate::services::session_notes;
use crate::state::AppState;
use crate::web::auth::CurrentUser;
use crate::web::dto::errors::ErrorResponse;
use crate::web::dto::progress::{TextBody, UrlBody};
use crate::web::dto::sessions::Session;
use crate::web::error::Result;
use crate::web::extract::{ApiJson, Id};

/// A session as the caller sees it, with their own private note.
pub async fn with_note(state: &AppState, me: &UserRecord, s: SessionRecord) -> Result<Session> {
    let note = state.store.private_note(s.id, me.id).await?;
    let mut dto = Session::from(s);
    dto.private_note = note;
    Ok(dto)
}

/// Set the agenda (either person, before the start; "" clears it).
#[utoipa::path(put, path = "/api/mentorship/sessions/{id}/agenda", tag = "sessions", params(("id" = Uuid, Path)),
    request_body = TextBody, responses((status = 200, body = Session), (status = 404, body = ErrorResponse),
              (status = 409, description = "started or not scheduled", body = ErrorResponse)), security(("bearer" = [])))]
pub async fn agenda(
    State(state): State<AppState>,
    current: CurrentUser,
    Id(id): Id,
    ApiJson(b): ApiJson<TextBody>,
) -> Result<Json<Session>> {
    let s = session_notes::set_agenda(&state, &current.user, id, b.text.as_deref()).await?;
    Ok(Json(with_note(&state, &current.user, s).await?))
}

/// Set the caller's private note (only they will see it; "" removes it).
#[utoipa::path(put, path = "/api/mentorship/sessions/{id}/private-note", tag = "sessions", params(("id" = Uuid, Path)),
    request_body = TextBody, responses((status = 200, body = Session), (status = 404, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn private_note(
    State(state): State<AppState>,
    current: CurrentUser,
    Id(id): Id,
    ApiJson(b): ApiJson<TextBody>,
) -> Result<Json<Session>> {
    let s = session_notes::set_private_note(&state, &current.user, id, b.text.as_deref()).await?;
    Ok(Json(with_note(&state, &current.user, s).await?))
}

/// Set the recording link (either person, once the session started).
#[utoipa::path(put, path = "/api/mentorship/sessions/{id}/recording", tag = "sessions", params(("id" = Uuid, Path)),
    request_body = UrlBody, responses((status = 200, body = Session), (status = 404, body = ErrorResponse),
              (status = 409, description = "not started yet", body = ErrorResponse)), security(("bearer" = [])))]
pub async fn recording(
    State(state): State<AppState>,
    current: CurrentUser,
    Id(id): Id,
    ApiJson(b): ApiJson<UrlBody>,
) -> Result<Json<Session>> {
    let s = session_notes::set_recording(&state, &current.user, id, b.url.as_deref()).await?;
    Ok(Json(with_note(&state, &current.user, s).await?))
}
