//! Mentors' availability and the free slots it leaves.

use axum::extract::{Path, State};
use axum::Json;
use chrono::{Duration, NaiveDate};
use mentorhub_domain::availability::{Availability, AvailabilityInput};
use uuid::Uuid;

use crate::services::sessions;
use crate::state::AppState;
use crate::web::auth::{CurrentUser, MaybeUser};
use crate::web::dto::availability::{to_dto, AvailabilityBody, AvailabilityDto, Slot, SlotParams};
use crate::web::dto::errors::ErrorResponse;
use crate::web::error::{Error, Result};
use crate::web::extract::{ApiJson, ApiQuery};

/// Checks a personal meeting link: http(s), at most 500 characters.
pub fn parse_meeting_url(value: Option<&str>) -> Result<Option<Option<String>>> {
    match value.map(str::trim) {
        None => Ok(None),
        Some("") => Ok(Some(None)),
        Some(url)
            if (url.starts_with("https://") || url.starts_with("http://"))
                && url.len() <= 500
                && !url.contains(char::is_whitespace) =>
        {
            Ok(Some(Some(url.to_owned())))
        }
        Some(_) => Err(Error::field("meetingUrl", "The meeting link must be an http(s) URL.")),
    }
}

/// Publish weekly hours, date overrides and booking limits (mentors only).
#[utoipa::path(put, path = "/api/me/availability", tag = "sessions", request_body = AvailabilityBody,
    responses((status = 200, body = AvailabilityDto), (status = 403, body = ErrorResponse), (status = 422, body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn put(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiJson(body): ApiJson<AvailabilityBody>,
) -> Result<Json<AvailabilityDto>> {
    let me = &current.user;
    if !me.is_mentor {
        return Err(Error::forbidden("Only mentors publish availability."));
    }
    if state.store.mentor_profile(me.id).await?.is_none() {
        return Err(Error::Conflict(
            "no_mentor_profile",
            "Publish your mentor profile first.".into(),
        ));
    }
    let meeting_url = parse_meeting_url(body.meeting_url.as_deref())?;
    let input = AvailabilityInput {
        timezone: body.timezone.unwrap_or_else(|| me.timezone.clone()),
        weekly: body.weekly.into_iter().map(|w| (w.weekday, w.start, w.end)).collect(),
        overrides: body.overrides.into_iter().map(|o| (o.date, o.start, o.end)).collect(),
        min_notice_minutes: body.min_notice_minutes,
        horizon_days: body.horizon_days,
        buffer_minutes: body.buffer_minutes,
    };
    let availability = Availability::parse(input)?;
    state
        .store
        .save_availability(me.id, &availability, state.clock.now())
        .await?;
    if let Some(url) = meeting_url {
        state.store.set_mentor_meeting_url(me.id, url.as_deref()).await?;
    }
    let url = state.store.mentor_meeting_url(me.id).await?;
    Ok(Json(to_dto(&availability, url)))
}

/// The caller's published availability (404 before any).
#[utoipa::path(get, path = "/api/me/availability", tag = "sessions",
    responses((status = 200, body = AvailabilityDto), (status = 404, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn get(State(state): State<AppState>, current: CurrentUser) -> Result<Json<AvailabilityDto>> {
    let a = state
        .store
        .availability(current.user.id)
        .await?
        .ok_or(Error::NotFound)?;
    let url = state.store.mentor_meeting_url(current.user.id).await?;
    Ok(Json(to_dto(&a, url)))
}

/// Free slots of a mentor (UTC instants).
#[utoipa::path(get, path = "/api/mentors/{id}/slots", tag = "sessions", params(("id" = Uuid, Path), SlotParams),
    responses((status = 200, body = [Slot]), (status = 404, body = ErrorResponse), (status = 422, body = ErrorResponse)))]
pub async fn slots(
    State(state): State<AppState>,
    MaybeUser(viewer): MaybeUser,
    Path(id): Path<String>,
    ApiQuery(p): ApiQuery<SlotParams>,
) -> Result<Json<Vec<Slot>>> {
    let mentor_id = Uuid::parse_str(&id).map_err(|_| Error::NotFound)?;
    state.store.mentor_detail(mentor_id).await?.ok_or(Error::NotFound)?;
    let mut errors = mentorhub_domain::FieldErrors::new();
    let parse = |v: Option<&str>| v.and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok());
    let today = state.clock.now().date_naive();
    let from = match p.from.as_deref() {
        None => Some(today),
        Some(v) => parse(Some(v)).or_else(|| {
            errors.add("from", "from must be a date like 2026-11-24.");
            None
        }),
    };
    let to = match p.to.as_deref() {
        None => from.map(|f| f + Duration::days(6)),
        Some(v) => parse(Some(v)).or_else(|| {
            errors.add("to", "to must be a date like 2026-11-30.");
            None
        }),
    };
    let duration = p.duration.unwrap_or(60);
    if !(15..=240).contains(&duration) {
        errors.add("duration", "duration must be between 15 and 240 minutes.");
    }
    if let (Some(f), Some(t)) = (from, to) {
        if t < f || (t - f).num_days() > 62 {
            errors.add("to", "to must be on or after from, at most 62 days later.");
        }
    }
    errors.into_result()?;
    let (Some(from), Some(to)) = (from, to) else {
        return Err(Error::internal("dates checked above"));
    };
    let free = sessions::slots(&state, mentor_id, viewer.as_ref().map(|c| &c.user), from, to, duration).await?;
    Ok(Json(free.into_iter().map(|(start, end)| Slot { start, end }).collect()))
}
