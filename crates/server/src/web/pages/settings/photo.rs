//! Uploading and removing the profile photo from the settings page (a
//! multipart form, so it carries its CSRF token as a form part).

use axum::extract::{Multipart, State};
use axum::response::Response;

use super::page::{page, unprocessable};
use crate::services;
use crate::services::photos;
use crate::state::AppState;
use crate::web::auth::csrf;
use crate::web::error::{Error, Result};
use crate::web::pages::form::{check_token, CsrfForm};
use crate::web::pages::settings::page::NoFields;
use crate::web::pages::shell::{redirect_with_flash, to_sign_in, Shell};

pub async fn upload_photo(
    State(state): State<AppState>,
    shell: Shell,
    headers: axum::http::HeaderMap,
    mut form: Multipart,
) -> Result<Response> {
    let Some(user) = shell.user.clone() else {
        return Ok(to_sign_in("/settings"));
    };
    let (mut token, mut bytes) = (String::new(), Vec::new());
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            Error::PayloadTooLarge
        } else {
            Error::BadRequest("invalid_form", "The upload could not be read.".into())
        }
    };
    while let Some(field) = form.next_field().await.map_err(unreadable)? {
        match field.name() {
            Some("csrf") => token = field.text().await.map_err(unreadable)?,
            Some("photo") => bytes = field.bytes().await.map_err(unreadable)?.to_vec(),
            _ => {}
        }
    }
    // The token is checked before the photo is looked at.
    check_token(csrf::expected(&headers).as_deref(), &token)?;
    match photos::upload(&state, &user, bytes).await {
        Ok(()) => Ok(redirect_with_flash(
            "/settings#photo",
            "success",
            "Your photo is saved.",
            state.config.secure_cookies(),
        )),
        Err(services::Error::Invalid(errors)) => {
            let mut page = page(&state, shell, &user).await?;
            page.errors = errors;
            Ok(unprocessable(page))
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn remove_photo(
    State(state): State<AppState>,
    shell: Shell,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response> {
    let Some(user) = shell.user.clone() else {
        return Ok(to_sign_in("/settings"));
    };
    photos::remove(&state, &user).await?;
    Ok(redirect_with_flash(
        "/settings#photo",
        "success",
        "Your photo was removed; your initials show instead.",
        state.config.secure_cookies(),
    ))
}
