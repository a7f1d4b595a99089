//! "Your data" on the settings page: download everything as JSON, and
//! close the account (the password confirms it).

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::page::{page, unprocessable};
use crate::services::trust::account;
use crate::state::AppState;
use crate::web::auth::cookies;
use crate::web::error::{Error, Result};
use crate::web::pages::form::CsrfForm;
use crate::web::pages::shell::{redirect_with_flash, to_sign_in, Shell};

/// `GET /settings/export`: the same document as `GET /api/me/export`, as a file.
pub async fn export(State(state): State<AppState>, shell: Shell) -> Result<Response> {
    let Some(user) = shell.user.clone() else {
        return Ok(to_sign_in("/settings"));
    };
    let data = account::export(&state, &user).await?;
    let body = serde_json::to_string_pretty(&data).map_err(Error::internal)?;
    let file = format!(
        "attachment; filename=\"mentorhub-{}.json\"",
        state.clock.now().format("%Y-%m-%d")
    );
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_owned()),
            (header::CONTENT_DISPOSITION, file),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct DeleteFields {
    pub password: Option<String>,
}

/// `POST /settings/delete`: closes the account and signs out.
pub async fn delete(
    State(state): State<AppState>,
    shell: Shell,
    CsrfForm(fields): CsrfForm<DeleteFields>,
) -> Result<Response> {
    let Some(user) = shell.user.clone() else {
        return Ok(to_sign_in("/settings"));
    };
    match account::delete(&state, &user, fields.password.as_deref())
        .await
        .map_err(Error::from)
    {
        Ok(()) => {
            let secure = state.config.secure_cookies();
            let mut response = redirect_with_flash("/", "info", "Your account is closed. Goodbye.", secure);
            response
                .headers_mut()
                .append(header::SET_COOKIE, cookies::set(cookies::SESSION, "", 0, true, secure));
            Ok(response)
        }
        Err(Error::Validation(errors)) => {
            let mut page = page(&state, shell, &user).await?;
            page.errors = errors;
            Ok(unprocessable(page))
        }
        Err(other) => Err(other),
    }
}
