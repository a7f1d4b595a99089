//! Scheduling and managing sessions through plain forms.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use chrono::{Duration, NaiveDate};
use mentorhub_domain::{FieldErrors, MentorshipStatus};
use serde::Deserialize;

use super::form::CsrfForm;
use super::session_views::local_input_to_utc;
use super::shell::{flash_outcome, redirect_with_flash, to_sign_in, Shell};
use crate::services::availability::{self, SlotQuery};
use crate::services::sessions::{self, BookingInput};
use crate::state::AppState;
use crate::web::error::{Error, Result};
use crate::web::extract::ApiQuery;
use crate::web::extract::Id;
use mentorhub_domain::local_time::local;

pub struct ScheduleForm {
    mentorship: String,
    date: String,
    duration: i64,
    topic: String,
}

#[derive(Template)]
#[template(path = "schedule.html")]
struct SchedulePage {
    shell: Shell,
    zone: String,
    choices: Vec<(String, String)>,
    form: ScheduleForm,
    mentor_zone: Option<String>,
    has_availability: bool,
    /// (UTC instant, label in the viewer's zone)
    slots: Vec<(String, String)>,
    errors: FieldErrors,
}

#[derive(Deserialize, Default)]
pub struct ScheduleQuery {
    mentorship: Option<String>,
    date: Option<String>,
    duration: Option<i64>,
}

async fn schedule_page(
    state: &AppState,
    shell: Shell,
    query: ScheduleQuery,
    topic: String,
    errors: FieldErrors,
) -> Result<Response> {
    let me = shell.user.clone().ok_or(Error::Unauthorized)?;
    let accepted = state
        .store
        .list_mentorships(me.id, None, Some(MentorshipStatus::Accepted), 100, 0)
        .await?;
    let choices: Vec<(String, String)> = accepted
        .iter()
        .map(|m| {
            let (other, role) = if m.mentor_id == me.id {
                (&m.mentee_name, "mentee")
            } else {
                (&m.mentor_name, "mentor")
            };
            (m.id.to_string(), format!("{other} (your {role})"))
        })
        .collect();
    let duration = query.duration.filter(|d| (15..=240).contains(d)).unwrap_or(60);
    let chosen = query
        .mentorship
        .as_deref()
        .and_then(|id| accepted.iter().find(|m| m.id.to_string() == id))
        .or(accepted.first());
    let (mut mentor_zone, mut has_availability, mut slots) = (None, false, Vec::new());
    let mut date = query.date.clone().unwrap_or_default();
    if let Some(m) = chosen {
        let availability = state.store.availability(m.mentor_id).await?;
        let mentor = state.store.user_by_id(m.mentor_id).await?;
        let zone = availability
            .as_ref()
            .map_or(mentor.timezone.clone(), |a| a.timezone.clone());
        let today = state
            .clock
            .now()
            .with_timezone(&zone.parse().unwrap_or(chrono_tz::UTC))
            .date_naive();
        let day = NaiveDate::parse_from_str(&date, "%Y-%m-%d").unwrap_or(today + Duration::days(1));
        date = day.to_string();
        has_availability = availability.is_some();
        if let Some(published) = &availability {
            let query = SlotQuery {
                from: day,
                to: day,
                duration,
            };
            slots = availability::free_slots(state, m.mentor_id, published, Some(&me), &query)
                .await?
                .into_iter()
                .map(|(start, _)| (start.to_rfc3339(), local(start, &me.timezone)))
                .collect();
        }
        mentor_zone = Some(zone);
    }
    let form = ScheduleForm {
        mentorship: chosen.map(|m| m.id.to_string()).unwrap_or_default(),
        date,
        duration,
        topic,
    };
    let page = SchedulePage {
        zone: me.timezone.clone(),
        shell,
        choices,
        form,
        mentor_zone,
        has_availability,
        slots,
        errors,
    };
    let status = if page.errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut response = page.shell.render(&page);
    *response.status_mut() = status;
    Ok(response)
}

pub async fn new_session(
    State(state): State<AppState>,
    shell: Shell,
    ApiQuery(query): ApiQuery<ScheduleQuery>,
) -> Result<Response> {
    if shell.user.is_none() {
        return Ok(to_sign_in("/mentorship/sessions/new"));
    }
    schedule_page(&state, shell, query, String::new(), FieldErrors::new()).await
}

#[derive(Deserialize)]
pub struct BookFields {
    #[serde(default)]
    mentorship: String,
    start: Option<String>,
    when: Option<String>,
    duration: Option<i64>,
    #[serde(default)]
    topic: String,
    notes: Option<String>,
}

pub async fn book(State(state): State<AppState>, shell: Shell, CsrfForm(f): CsrfForm<BookFields>) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in("/mentorship/sessions/new"));
    };
    let start = match (&f.start, &f.when) {
        (Some(start), _) => Some(start.clone()),
        (None, Some(when)) => Some(local_input_to_utc(when, &me.timezone)),
        (None, None) => None,
    };
    let input = BookingInput {
        mentorship_id: Some(&f.mentorship),
        scheduled_at: start.as_deref(),
        duration: f.duration,
        topic: Some(&f.topic),
        notes: f.notes.as_deref(),
    };
    let secure = state.config.secure_cookies();
    match sessions::book(&state, &me, input).await.map_err(Error::from) {
        Ok(s) => Ok(redirect_with_flash(
            "/mentorship?tab=sessions",
            "success",
            &format!("Booked: {} on {}.", s.topic, local(s.scheduled_at, &me.timezone)),
            secure,
        )),
        Err(Error::Validation(errors)) => {
            let query = ScheduleQuery {
                mentorship: Some(f.mentorship),
                date: None,
                duration: f.duration,
            };
            schedule_page(&state, shell, query, f.topic, errors).await
        }
        Err(err @ Error::Conflict(..)) => {
            let mut errors = FieldErrors::new();
            errors.add("scheduledAt", err.to_string());
            let query = ScheduleQuery {
                mentorship: Some(f.mentorship),
                date: None,
                duration: f.duration,
            };
            let mut response = schedule_page(&state, shell, query, f.topic, errors).await?;
            *response.status_mut() = axum::http::StatusCode::CONFLICT;
            Ok(response)
        }
        Err(other) => Err(other),
    }
}

#[derive(Deserialize)]
pub struct ActionFields {
    when: Option<String>,
    reason: Option<String>,
    notes: Option<String>,
    rating: Option<i64>,
    comment: Option<String>,
}

pub async fn act(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    Path((_, action)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<ActionFields>,
) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in("/mentorship?tab=sessions"));
    };
    let result = match action.as_str() {
        "reschedule" => {
            let start = f.when.as_deref().map(|w| local_input_to_utc(w, &me.timezone));
            sessions::reschedule(&state, &me, id, start.as_deref())
                .await
                .map(|_| "The session was moved.")
        }
        "cancel" => sessions::cancel(&state, &me, id, f.reason.as_deref())
            .await
            .map(|_| "The session was cancelled."),
        "complete" => sessions::complete(&state, &me, id, f.notes.as_deref())
            .await
            .map(|_| "Marked as completed."),
        "notes" => sessions::save_notes(&state, &me, id, f.notes.as_deref())
            .await
            .map(|_| "Notes saved."),
        "feedback" => sessions::feedback(&state, &me, id, f.rating, f.comment.as_deref())
            .await
            .map(|_| "Thank you for your feedback."),
        _ => return Err(Error::NotFound),
    };
    let back = format!("/mentorship?tab=sessions#session-{id}");
    flash_outcome(&back, result, state.config.secure_cookies())
}
