//! Mentors' availability and the free slots it leaves.

use axum::extract::State;
use axum::Json;
use mentorhub_domain::availability::AvailabilityInput;
use mentorhub_domain::FieldErrors;

use crate::services::availability::{self, Publication, SlotQuery};
use crate::state::AppState;
use crate::web::auth::{CurrentUser, MaybeUser};
use crate::web::dto::availability::{to_dto, AvailabilityBody, AvailabilityDto, Slot, SlotParams};
use crate::web::dto::errors::ErrorResponse;
use crate::web::error::{Error, Result};
use crate::web::extract::{ApiJson, ApiQuery, Id};

/// Publish weekly hours, date overrides and booking limits (mentors only).
#[utoipa::path(put, path = "/api/me/availability", tag = "sessions", request_body = AvailabilityBody,
    responses((status = 200, body = AvailabilityDto), (status = 403, body = ErrorResponse),
              (status = 409, description = "no mentor profile yet", body = ErrorResponse), (status = 422, body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn put(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiJson(body): ApiJson<AvailabilityBody>,
) -> Result<Json<AvailabilityDto>> {
    let me = &current.user;
    let publication = Publication {
        input: AvailabilityInput {
            timezone: body.timezone.unwrap_or_else(|| me.timezone.clone()),
            weekly: body.weekly.into_iter().map(|w| (w.weekday, w.start, w.end)).collect(),
            overrides: body.overrides.into_iter().map(|o| (o.date, o.start, o.end)).collect(),
            min_notice_minutes: body.min_notice_minutes,
            horizon_days: body.horizon_days,
            buffer_minutes: body.buffer_minutes,
        },
        meeting_url: body.meeting_url,
        errors: FieldErrors::new(),
    };
    let (published, url) = availability::publish(&state, me, publication).await?;
    Ok(Json(to_dto(&published, url)))
}

/// The caller's published availability (404 before any).
#[utoipa::path(get, path = "/api/me/availability", tag = "sessions",
    responses((status = 200, body = AvailabilityDto), (status = 404, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn get(State(state): State<AppState>, current: CurrentUser) -> Result<Json<AvailabilityDto>> {
    let (published, url) = availability::of(&state, &current.user).await?;
    let published = published.ok_or(Error::NotFound)?;
    Ok(Json(to_dto(&published, url)))
}

/// Free slots of a mentor (UTC instants).
#[utoipa::path(get, path = "/api/mentors/{id}/slots", tag = "sessions", params(("id" = Uuid, Path), SlotParams),
    responses((status = 200, body = [Slot]), (status = 404, body = ErrorResponse), (status = 422, body = ErrorResponse)))]
pub async fn slots(
    State(state): State<AppState>,
    MaybeUser(viewer): MaybeUser,
    Id(mentor_id): Id,
    ApiQuery(p): ApiQuery<SlotParams>,
) -> Result<Json<Vec<Slot>>> {
    state.store.mentor_detail(mentor_id).await?.ok_or(Error::NotFound)?;
    let today = state.clock.now().date_naive();
    let query = SlotQuery::parse(p.from.as_deref(), p.to.as_deref(), p.duration, today)?;
    let viewer = viewer.as_ref().map(|c| &c.user);
    let free = availability::slots(&state, mentor_id, viewer, &query).await?;
    let clashes = availability::conflicts(&state, viewer, &free).await?;
    Ok(Json(
        free.into_iter()
            .zip(clashes)
            .map(|((start, end), conflict)| Slot { start, end, conflict })
            .collect(),
    ))
}
