//! The settings page itself, rendered with every section, and the calendar
//! feed's rotation.

use super::forms::{AvailabilityForm, ProfileForm};
use crate::services::availability;
use crate::services::calendar::{feed, import};
use crate::services::preferences;
use crate::state::AppState;
use crate::web::error::Result;
use crate::web::pages::form::CsrfForm;
use crate::web::pages::shell::{redirect_with_flash, to_sign_in, Shell};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use mentorhub_domain::local_time::local;
use mentorhub_domain::local_time::zone_names;
use mentorhub_domain::FieldErrors;
use mentorhub_store::UserRecord;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "settings.html")]
pub(super) struct SettingsPage {
    pub(super) shell: Shell,
    pub(super) name: String,
    pub(super) timezone: String,
    pub(super) zones: Vec<&'static str>,
    pub(super) is_mentee: bool,
    pub(super) interests: String,
    pub(super) goals: String,
    pub(super) is_mentor: bool,
    pub(super) profile: ProfileForm,
    pub(super) availability: AvailabilityForm,
    pub(super) calendar_url: String,
    pub(super) preferences: Vec<PreferenceRow>,
    pub(super) shell_email: String,
    pub(super) errors: FieldErrors,
    pub(super) user_id: uuid::Uuid,
    pub(super) has_photo: bool,
    pub(super) calendars: Vec<CalendarRow>,
    /// What was typed into the connect form, kept when it was refused.
    pub(super) calendar_draft: String,
}

/// A connected calendar as the settings page lists it.
pub(super) struct CalendarRow {
    pub(super) id: uuid::Uuid,
    pub(super) name: String,
    pub(super) url: String,
    pub(super) synced: String,
    pub(super) error: Option<String>,
    pub(super) busy: i32,
}

/// One row of the notifications table.
pub(super) struct PreferenceRow {
    pub(super) kind: String,
    pub(super) label: &'static str,
    pub(super) email: bool,
    pub(super) in_app: bool,
}

pub(super) async fn page(state: &AppState, shell: Shell, user: &UserRecord) -> Result<SettingsPage> {
    let record = state.store.mentor_profile(user.id).await?;
    let (availability, meeting_url) = availability::of(state, user).await?;
    let calendar_url = feed::url(state, user).await?;
    let preferences = preferences::all(state, user.id)
        .await?
        .into_iter()
        .map(|(p, label)| PreferenceRow {
            kind: p.kind,
            label,
            email: p.email,
            in_app: p.in_app,
        })
        .collect();
    Ok(SettingsPage {
        name: user.name.clone(),
        timezone: user.timezone.clone(),
        zones: zone_names(),
        is_mentee: user.is_mentee,
        interests: user.interests.join(", "),
        goals: user.goals.clone(),
        is_mentor: user.is_mentor,
        profile: ProfileForm::from_record(record.as_ref()),
        availability: AvailabilityForm::new(availability.as_ref(), &user.timezone, meeting_url),
        calendar_url,
        preferences,
        shell_email: user.email.clone(),
        errors: FieldErrors::new(),
        user_id: user.id,
        has_photo: state.store.photo(user.id).await?.is_some(),
        calendars: import::list(state, user)
            .await?
            .into_iter()
            .map(|c| CalendarRow {
                id: c.id,
                name: c.name,
                url: import::masked(&c.url),
                synced: c
                    .last_synced_at
                    .map_or_else(|| "not yet".to_owned(), |t| local(t, &user.timezone)),
                error: c.last_error,
                busy: c.busy_count,
            })
            .collect(),
        calendar_draft: String::new(),
        shell,
    })
}

pub(super) fn unprocessable(page: SettingsPage) -> Response {
    let mut response = page.shell.render(&page);
    *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    response
}

pub async fn settings(State(state): State<AppState>, shell: Shell) -> Result<Response> {
    let Some(user) = shell.user.clone() else {
        return Ok(to_sign_in("/settings"));
    };
    let page = page(&state, shell, &user).await?;
    Ok(page.shell.render(&page))
}

#[derive(Deserialize)]
pub struct NoFields {}

pub async fn rotate_calendar(
    State(state): State<AppState>,
    shell: Shell,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response> {
    let Some(user) = shell.user.clone() else {
        return Ok(to_sign_in("/settings"));
    };
    feed::rotate(&state, &user).await?;
    Ok(redirect_with_flash(
        "/settings#calendar",
        "success",
        "Your calendar feed has a new address; the old one stopped working.",
        state.config.secure_cookies(),
    ))
}
