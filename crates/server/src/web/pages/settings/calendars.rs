//! Connecting, reading and removing one's own calendars from the settings
//! page (plain forms; the busy time they give is read at once).

use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;

use super::page::{page, unprocessable};
use crate::services::calendar::import;
use crate::services::Error as ServiceError;
use crate::state::AppState;
use crate::web::error::{Error, Result};
use crate::web::extract::Id;
use crate::web::pages::form::{CsrfForm, NoFields};
use crate::web::pages::shell::{flash_outcome, redirect_with_flash, to_sign_in, Shell};

#[derive(Deserialize)]
pub struct ConnectFields {
    url: Option<String>,
    name: Option<String>,
}

pub async fn connect(
    State(state): State<AppState>,
    shell: Shell,
    CsrfForm(f): CsrfForm<ConnectFields>,
) -> Result<Response> {
    let Some(user) = shell.user.clone() else {
        return Ok(to_sign_in("/settings"));
    };
    let secure = state.config.secure_cookies();
    match import::connect(&state, &user, f.url.as_deref(), f.name.as_deref()).await {
        Ok(c) => {
            let message = match c.last_error {
                Some(why) => format!("Connected {}, but it could not be read yet: {why}", c.name),
                None => format!("Connected {}: {} busy times in the next 90 days.", c.name, c.busy_count),
            };
            Ok(redirect_with_flash("/settings#calendars", "success", &message, secure))
        }
        Err(ServiceError::Invalid(errors)) => {
            let mut settings = page(&state, shell, &user).await?;
            for (field, message) in errors.0 {
                settings.errors.add(&format!("calendar_{field}"), message);
            }
            settings.calendar_draft = f.url.unwrap_or_default();
            Ok(unprocessable(settings))
        }
        Err(other) => Err(other.into()),
    }
}

/// `sync` (read it now) or `remove`.
pub async fn act(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    Path((_, action)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response> {
    let Some(user) = shell.user.clone() else {
        return Ok(to_sign_in("/settings"));
    };
    let back = "/settings#calendars";
    let secure = state.config.secure_cookies();
    match action.as_str() {
        "sync" => {
            let result = import::sync_now(&state, &user, id).await.map(|c| match c.last_error {
                Some(why) => format!("{} could not be read: {why}", c.name),
                None => format!("{} was read: {} busy times.", c.name, c.busy_count),
            });
            flash_outcome(back, result, secure)
        }
        "remove" => {
            let result = import::remove(&state, &user, id)
                .await
                .map(|()| "The calendar was removed.");
            flash_outcome(back, result, secure)
        }
        _ => Err(Error::NotFound),
    }
}
