//! Mentoring sessions (seed: `/api/mentorship/sessions`), calendars.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use mentorhub_store::SessionScope;
use uuid::Uuid;

use super::session_notes::with_note;
use crate::services::calendar::feed;
use crate::services::sessions::{self, BookingInput};
use crate::state::AppState;
use crate::web::auth::CurrentUser;
use crate::web::dto::errors::ErrorResponse;
use crate::web::dto::sessions::{
    BookBody, CalendarUrl, FeedbackBody, NotesBody, ReasonBody, RescheduleBody, Session, SessionListParams,
};
use crate::web::error::{Error, Result};
use crate::web::extract::Id;
use crate::web::extract::{ApiJson, ApiQuery, MaybeJson};
use crate::web::pagination::{Page, PageRequest};

/// The caller's sessions.
#[utoipa::path(get, path = "/api/mentorship/sessions", tag = "sessions", params(SessionListParams),
    responses((status = 200, body = Page<Session>), (status = 401, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiQuery(p): ApiQuery<SessionListParams>,
) -> Result<Json<Page<Session>>> {
    let page = PageRequest::parse(p.limit, p.cursor.as_deref())?;
    let scope = match p.scope.as_deref().map(str::trim) {
        None | Some("") | Some("upcoming") => SessionScope::Upcoming,
        Some("past") => SessionScope::Past,
        Some("all") => SessionScope::All,
        Some(_) => return Err(Error::field("scope", "scope must be upcoming, past or all.")),
    };
    let mentorship = match p.mentorship_id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => {
            Some(Uuid::parse_str(text).map_err(|_| Error::field("mentorshipId", "mentorshipId must be a UUID."))?)
        }
    };
    let rows = state
        .store
        .list_sessions(
            current.user.id,
            scope,
            mentorship,
            state.clock.now(),
            page.limit,
            page.offset,
        )
        .await?;
    let mut listed = page.page(rows, Session::from);
    // Each session with the caller's own private note.
    let ids: Vec<Uuid> = listed.items.iter().map(|s| s.id).collect();
    let mut notes = state.store.private_notes(current.user.id, &ids).await?;
    for item in listed.items.iter_mut() {
        item.private_note = notes.remove(&item.id);
    }
    Ok(Json(listed))
}

/// Book a session in an accepted mentorship.
#[utoipa::path(post, path = "/api/mentorship/sessions", tag = "sessions", request_body = BookBody,
    responses((status = 201, body = Session), (status = 404, body = ErrorResponse),
              (status = 409, description = "mentorship not accepted, overlap, or outside availability", body = ErrorResponse),
              (status = 422, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiJson(b): ApiJson<BookBody>,
) -> Result<(StatusCode, Json<Session>)> {
    let input = BookingInput {
        mentorship_id: b.mentorship_id.as_deref(),
        scheduled_at: b.scheduled_at.as_deref(),
        duration: b.duration,
        topic: b.topic.as_deref(),
        notes: b.notes.as_deref(),
    };
    let session = sessions::book(&state, &current.user, input).await?;
    Ok((
        StatusCode::CREATED,
        Json(with_note(&state, &current.user, session).await?),
    ))
}

/// One of the caller's sessions.
#[utoipa::path(get, path = "/api/mentorship/sessions/{id}", tag = "sessions", params(("id" = Uuid, Path)),
    responses((status = 200, body = Session), (status = 404, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn get_one(State(state): State<AppState>, current: CurrentUser, Id(id): Id) -> Result<Json<Session>> {
    let s = sessions::visible(&state, &current.user, id).await?;
    Ok(Json(super::session_notes::with_note(&state, &current.user, s).await?))
}

/// Cancel a scheduled session (either person).
#[utoipa::path(post, path = "/api/mentorship/sessions/{id}/cancel", tag = "sessions", params(("id" = Uuid, Path)), request_body = ReasonBody,
    responses((status = 200, body = Session), (status = 404, body = ErrorResponse), (status = 409, body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn cancel(
    State(state): State<AppState>,
    current: CurrentUser,
    Id(id): Id,
    MaybeJson(b): MaybeJson<ReasonBody>,
) -> Result<Json<Session>> {
    let reason = b.and_then(|b| b.reason);
    let s = sessions::cancel(&state, &current.user, id, reason.as_deref()).await?;
    Ok(Json(with_note(&state, &current.user, s).await?))
}

/// Move a scheduled session (either person); the same checks as booking.
#[utoipa::path(post, path = "/api/mentorship/sessions/{id}/reschedule", tag = "sessions", params(("id" = Uuid, Path)), request_body = RescheduleBody,
    responses((status = 200, body = Session), (status = 404, body = ErrorResponse), (status = 409, body = ErrorResponse),
              (status = 422, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn reschedule(
    State(state): State<AppState>,
    current: CurrentUser,
    Id(id): Id,
    ApiJson(b): ApiJson<RescheduleBody>,
) -> Result<Json<Session>> {
    let s = sessions::reschedule(&state, &current.user, id, b.scheduled_at.as_deref()).await?;
    Ok(Json(with_note(&state, &current.user, s).await?))
}

/// Mark a session completed, from its start on (either person).
#[utoipa::path(post, path = "/api/mentorship/sessions/{id}/complete", tag = "sessions", params(("id" = Uuid, Path)), request_body = NotesBody,
    responses((status = 200, body = Session), (status = 404, body = ErrorResponse), (status = 409, description = "not started or not scheduled", body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn complete(
    State(state): State<AppState>,
    current: CurrentUser,
    Id(id): Id,
    MaybeJson(b): MaybeJson<NotesBody>,
) -> Result<Json<Session>> {
    let notes = b.and_then(|b| b.notes);
    let s = sessions::complete(&state, &current.user, id, notes.as_deref()).await?;
    Ok(Json(with_note(&state, &current.user, s).await?))
}

/// Replace the shared notes of a session (either person).
#[utoipa::path(put, path = "/api/mentorship/sessions/{id}/notes", tag = "sessions", params(("id" = Uuid, Path)), request_body = NotesBody,
    responses((status = 200, body = Session), (status = 404, body = ErrorResponse), (status = 422, body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn notes(
    State(state): State<AppState>,
    current: CurrentUser,
    Id(id): Id,
    ApiJson(b): ApiJson<NotesBody>,
) -> Result<Json<Session>> {
    let s = sessions::save_notes(&state, &current.user, id, b.notes.as_deref()).await?;
    Ok(Json(with_note(&state, &current.user, s).await?))
}

/// Rate a completed session (the mentee, once).
#[utoipa::path(post, path = "/api/mentorship/sessions/{id}/feedback", tag = "sessions", params(("id" = Uuid, Path)), request_body = FeedbackBody,
    responses((status = 200, body = Session), (status = 403, body = ErrorResponse), (status = 404, body = ErrorResponse),
              (status = 409, description = "not completed yet, or already rated", body = ErrorResponse), (status = 422, body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn feedback(
    State(state): State<AppState>,
    current: CurrentUser,
    Id(id): Id,
    ApiJson(b): ApiJson<FeedbackBody>,
) -> Result<Json<Session>> {
    let s = sessions::feedback(&state, &current.user, id, b.rating, b.comment.as_deref()).await?;
    Ok(Json(with_note(&state, &current.user, s).await?))
}

/// A calendar file response.
pub(super) fn ics(body: String, filename: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("inline; filename=\"{filename}\"")),
        ],
        body,
    )
        .into_response()
}

/// One session as an iCalendar file.
#[utoipa::path(get, path = "/api/mentorship/sessions/{id}/ics", tag = "sessions", params(("id" = Uuid, Path)),
    responses((status = 200, description = "text/calendar"), (status = 404, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn session_ics(State(state): State<AppState>, current: CurrentUser, Id(id): Id) -> Result<Response> {
    let body = feed::session_file(&state, &current.user, id).await?;
    Ok(ics(body, &format!("session-{id}.ics")))
}

/// The caller's private calendar feed URL.
#[utoipa::path(get, path = "/api/me/calendar", tag = "sessions",
    responses((status = 200, body = CalendarUrl), (status = 401, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn my_calendar(State(state): State<AppState>, current: CurrentUser) -> Result<Json<CalendarUrl>> {
    let url = feed::url(&state, &current.user).await?;
    Ok(Json(CalendarUrl { url }))
}

/// A new feed URL; the old one stops working.
#[utoipa::path(post, path = "/api/me/calendar/rotate", tag = "sessions",
    responses((status = 200, body = CalendarUrl), (status = 401, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn rotate_calendar(State(state): State<AppState>, current: CurrentUser) -> Result<Json<CalendarUrl>> {
    let url = feed::rotate(&state, &current.user).await?;
    Ok(Json(CalendarUrl { url }))
}

/// The private feed: every session of the token's owner (RFC 5545).
#[utoipa::path(get, path = "/calendar/{token}.ics", tag = "sessions", params(("token" = String, Path)),
    responses((status = 200, description = "text/calendar"), (status = 404, body = ErrorResponse)))]
pub async fn feed(State(state): State<AppState>, Path(file): Path<String>) -> Result<Response> {
    let token = file.strip_suffix(".ics").ok_or(Error::NotFound)?;
    Ok(ics(feed::by_token(&state, token).await?, "mentorhub.ics"))
}
