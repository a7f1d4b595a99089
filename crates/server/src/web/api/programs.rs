//! Program templates (`/api/programs`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use mentorhub_domain::progress::ProgramInput;

use crate::services::progress::programs;
use crate::state::AppState;
use crate::web::auth::CurrentUser;
use crate::web::dto::errors::ErrorResponse;
use crate::web::dto::programs::{Program, ProgramBody};
use crate::web::error::Result;
use crate::web::extract::{ApiJson, Id};

fn input(b: &ProgramBody) -> ProgramInput<'_> {
    ProgramInput {
        title: b.title.as_deref(),
        description: b.description.as_deref(),
        duration_weeks: b.duration_weeks,
        milestones: b
            .milestones
            .iter()
            .map(|m| (m.week, m.title.as_deref(), m.description.as_deref()))
            .collect(),
        skills: b.skills.iter().map(String::as_str).collect(),
        visibility: b.visibility.as_deref(),
    }
}

/// Public programs and the caller's own (every one for admins).
#[utoipa::path(get, path = "/api/programs", tag = "progress",
    responses((status = 200, body = [Program])), security(("bearer" = [])))]
pub async fn list(State(state): State<AppState>, current: CurrentUser) -> Result<Json<Vec<Program>>> {
    let rows = programs::list(&state, &current.user).await?;
    Ok(Json(rows.into_iter().map(Program::from).collect()))
}

/// Write a program (mentors and admins).
#[utoipa::path(post, path = "/api/programs", tag = "progress", request_body = ProgramBody,
    responses((status = 201, body = Program), (status = 403, body = ErrorResponse), (status = 422, body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiJson(b): ApiJson<ProgramBody>,
) -> Result<(StatusCode, Json<Program>)> {
    let p = programs::create(&state, &current.user, &input(&b)).await?;
    Ok((StatusCode::CREATED, Json(p.into())))
}

/// One program (by its visibility).
#[utoipa::path(get, path = "/api/programs/{id}", tag = "progress", params(("id" = Uuid, Path)),
    responses((status = 200, body = Program), (status = 404, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn get_one(State(state): State<AppState>, current: CurrentUser, Id(id): Id) -> Result<Json<Program>> {
    Ok(Json(programs::visible(&state, &current.user, id).await?.into()))
}

/// Rewrite a program (its author or an admin); plans already started keep their copy.
#[utoipa::path(put, path = "/api/programs/{id}", tag = "progress", params(("id" = Uuid, Path)), request_body = ProgramBody,
    responses((status = 200, body = Program), (status = 403, body = ErrorResponse), (status = 404, body = ErrorResponse),
              (status = 422, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn update(
    State(state): State<AppState>,
    current: CurrentUser,
    Id(id): Id,
    ApiJson(b): ApiJson<ProgramBody>,
) -> Result<Json<Program>> {
    Ok(Json(
        programs::update(&state, &current.user, id, &input(&b)).await?.into(),
    ))
}

/// Delete a program (its author or an admin); plans keep their copy.
#[utoipa::path(delete, path = "/api/programs/{id}", tag = "progress", params(("id" = Uuid, Path)),
    responses((status = 204, description = "deleted"), (status = 403, body = ErrorResponse), (status = 404, body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn delete(State(state): State<AppState>, current: CurrentUser, Id(id): Id) -> Result<StatusCode> {
    programs::delete(&state, &current.user, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
