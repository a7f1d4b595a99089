//! A mentorship's plan, goals, action items, skills and progress report
//! (the pair only; 404 for everyone else).

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::services::progress::goals::{self, ActionChanges, ActionInput, GoalChanges};
use crate::services::progress::{self, report};
use crate::state::AppState;
use crate::web::auth::CurrentUser;
use crate::web::dto::errors::ErrorResponse;
use crate::web::dto::progress::{ActionBody, ActionItem, ApplyBody, Goal, GoalBody, Plan, Progress, SkillBody};
use crate::web::error::Result;
use crate::web::extract::{parse_id, ApiJson, Id};

/// The mentorship's plan and goals.
#[utoipa::path(get, path = "/api/mentorship/{id}/plan", tag = "progress", params(("id" = Uuid, Path)),
    responses((status = 200, body = Plan), (status = 404, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn plan(State(state): State<AppState>, current: CurrentUser, Id(id): Id) -> Result<Json<Plan>> {
    Ok(Json(progress::plan(&state, &current.user, id).await?.into()))
}

/// Apply a program (the mentor, while accepted); milestones are due from today.
#[utoipa::path(post, path = "/api/mentorship/{id}/program", tag = "progress", params(("id" = Uuid, Path)), request_body = ApplyBody,
    responses((status = 200, body = Plan), (status = 403, body = ErrorResponse), (status = 404, body = ErrorResponse),
              (status = 409, body = ErrorResponse), (status = 422, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn apply(
    State(state): State<AppState>,
    current: CurrentUser,
    Id(id): Id,
    ApiJson(b): ApiJson<ApplyBody>,
) -> Result<Json<Plan>> {
    Ok(Json(
        progress::apply_program(&state, &current.user, id, b.program_id.as_deref())
            .await?
            .into(),
    ))
}

/// Tick a milestone off (`done`) or clear it (`undone`).
#[utoipa::path(post, path = "/api/mentorship/{id}/milestones/{mid}/{change}", tag = "progress",
    params(("id" = Uuid, Path), ("mid" = Uuid, Path), ("change" = String, Path, description = "done or undone")),
    responses((status = 200, body = Plan), (status = 404, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn milestone(
    State(state): State<AppState>,
    current: CurrentUser,
    Path((id, mid, change)): Path<(String, String, String)>,
) -> Result<Json<Plan>> {
    let done = match change.as_str() {
        "done" => true,
        "undone" => false,
        _ => return Err(crate::web::error::Error::NotFound),
    };
    let plan = progress::set_milestone(&state, &current.user, parse_id(&id)?, parse_id(&mid)?, done).await?;
    Ok(Json(plan.into()))
}

/// Add a goal (either of the pair).
#[utoipa::path(post, path = "/api/mentorship/{id}/goals", tag = "progress", params(("id" = Uuid, Path)), request_body = GoalBody,
    responses((status = 201, body = Goal), (status = 404, body = ErrorResponse), (status = 422, body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn create_goal(
    State(state): State<AppState>,
    current: CurrentUser,
    Id(id): Id,
    ApiJson(b): ApiJson<GoalBody>,
) -> Result<(StatusCode, Json<Goal>)> {
    let fields = (b.title.as_deref(), b.description.as_deref(), b.due_date.as_deref());
    let g = goals::create_goal(&state, &current.user, id, fields).await?;
    Ok((StatusCode::CREATED, Json(g.into())))
}

/// Change a goal's title, description, due date or status.
#[utoipa::path(patch, path = "/api/goals/{id}", tag = "progress", params(("id" = Uuid, Path)), request_body = GoalBody,
    responses((status = 200, body = Goal), (status = 404, body = ErrorResponse), (status = 422, body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn update_goal(
    State(state): State<AppState>,
    current: CurrentUser,
    Id(id): Id,
    ApiJson(b): ApiJson<GoalBody>,
) -> Result<Json<Goal>> {
    let changes = GoalChanges {
        title: b.title.as_deref(),
        description: b.description.as_deref(),
        due_date: b.due_date.as_deref(),
        status: b.status.as_deref(),
    };
    Ok(Json(
        goals::update_goal(&state, &current.user, id, changes).await?.into(),
    ))
}

fn action_input(b: &ActionBody) -> ActionInput<'_> {
    ActionInput {
        text: b.text.as_deref(),
        owner: b.owner.as_deref(),
        due_date: b.due_date.as_deref(),
    }
}

/// Add an action item to a goal.
#[utoipa::path(post, path = "/api/goals/{id}/actions", tag = "progress", params(("id" = Uuid, Path)), request_body = ActionBody,
    responses((status = 201, body = ActionItem), (status = 404, body = ErrorResponse), (status = 422, body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn add_action(
    State(state): State<AppState>,
    current: CurrentUser,
    Id(id): Id,
    ApiJson(b): ApiJson<ActionBody>,
) -> Result<(StatusCode, Json<ActionItem>)> {
    let a = goals::add_action(&state, &current.user, id, action_input(&b)).await?;
    Ok((StatusCode::CREATED, Json(a.into())))
}

/// Add an action item agreed in a session (optionally under a goal).
#[utoipa::path(post, path = "/api/mentorship/sessions/{id}/actions", tag = "progress", params(("id" = Uuid, Path)),
    request_body = ActionBody, responses((status = 201, body = ActionItem), (status = 403, body = ErrorResponse),
              (status = 404, body = ErrorResponse), (status = 422, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn session_action(
    State(state): State<AppState>,
    current: CurrentUser,
    Id(id): Id,
    ApiJson(b): ApiJson<ActionBody>,
) -> Result<(StatusCode, Json<ActionItem>)> {
    let a = goals::add_action_from_session(&state, &current.user, id, b.goal_id.as_deref(), action_input(&b)).await?;
    Ok((StatusCode::CREATED, Json(a.into())))
}

/// Change an action item's text or due date, or tick it off.
#[utoipa::path(patch, path = "/api/actions/{id}", tag = "progress", params(("id" = Uuid, Path)), request_body = ActionBody,
    responses((status = 200, body = ActionItem), (status = 404, body = ErrorResponse), (status = 422, body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn update_action(
    State(state): State<AppState>,
    current: CurrentUser,
    Id(id): Id,
    ApiJson(b): ApiJson<ActionBody>,
) -> Result<Json<ActionItem>> {
    let changes = ActionChanges {
        text: b.text.as_deref(),
        due_date: b.due_date.as_deref(),
        done: b.done,
    };
    Ok(Json(
        goals::update_action(&state, &current.user, id, changes).await?.into(),
    ))
}

/// Record a skill assessment by the caller (kept as history).
#[utoipa::path(post, path = "/api/mentorship/{id}/skills", tag = "progress", params(("id" = Uuid, Path)), request_body = SkillBody,
    responses((status = 201, body = Progress), (status = 404, body = ErrorResponse), (status = 422, body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn assess(
    State(state): State<AppState>,
    current: CurrentUser,
    Id(id): Id,
    ApiJson(b): ApiJson<SkillBody>,
) -> Result<(StatusCode, Json<Progress>)> {
    goals::assess(
        &state,
        &current.user,
        id,
        (b.skill.as_deref(), b.level, b.note.as_deref()),
    )
    .await?;
    let r = report::of_pair(&state, &current.user, id).await?;
    Ok((StatusCode::CREATED, Json(Progress::from(&r))))
}

/// The progress report.
#[utoipa::path(get, path = "/api/mentorship/{id}/progress", tag = "progress", params(("id" = Uuid, Path)),
    responses((status = 200, body = Progress), (status = 404, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn progress_report(
    State(state): State<AppState>,
    current: CurrentUser,
    Id(id): Id,
) -> Result<Json<Progress>> {
    let r = report::report(&state, &current.user, id).await?;
    Ok(Json(Progress::from(&r)))
}

/// The progress report as CSV (a header row first).
#[utoipa::path(get, path = "/api/mentorship/{id}/progress.csv", tag = "progress", params(("id" = Uuid, Path)),
    responses((status = 200, description = "text/csv"), (status = 404, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn progress_csv(State(state): State<AppState>, current: CurrentUser, Id(id): Id) -> Result<Response> {
    let r = report::report(&state, &current.user, id).await?;
    let body = report::csv(&r)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"progress-{id}.csv\""),
            ),
        ],
        body,
    )
        .into_response())
}
