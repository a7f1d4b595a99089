//! Name, time zone and what a mentee wants to learn.

use super::page::{page, unprocessable};
use crate::services::accounts;
use crate::state::AppState;
use crate::web::error::{Error, Result};
use crate::web::pages::form::CsrfForm;
use crate::web::pages::shell::{redirect_with_flash, to_sign_in, Shell};
use axum::extract::State;
use axum::response::Response;
use mentorhub_domain::profile::split_tags;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct AccountFields {
    #[serde(default)]
    name: String,
    #[serde(default)]
    timezone: String,
}

pub async fn save_account(
    State(state): State<AppState>,
    shell: Shell,
    CsrfForm(fields): CsrfForm<AccountFields>,
) -> Result<Response> {
    let Some(user) = shell.user.clone() else {
        return Ok(to_sign_in("/settings"));
    };
    match accounts::update_account(&state, &user, Some(&fields.name), Some(&fields.timezone))
        .await
        .map_err(Error::from)
    {
        Ok(_) => Ok(redirect_with_flash(
            "/settings",
            "success",
            "Your account is saved.",
            state.config.secure_cookies(),
        )),
        Err(Error::Validation(errors)) => {
            let mut page = page(&state, shell, &user).await?;
            page.name = fields.name;
            page.errors = errors;
            Ok(unprocessable(page))
        }
        Err(other) => Err(other),
    }
}

#[derive(Deserialize)]
pub struct LearningFields {
    #[serde(default)]
    interests: String,
    #[serde(default)]
    goals: String,
}

pub async fn save_learning(
    State(state): State<AppState>,
    shell: Shell,
    CsrfForm(fields): CsrfForm<LearningFields>,
) -> Result<Response> {
    let Some(user) = shell.user.clone() else {
        return Ok(to_sign_in("/settings"));
    };
    let interests = split_tags(&fields.interests);
    match accounts::update_learning_goals(&state, &user, Some(&interests), Some(&fields.goals))
        .await
        .map_err(Error::from)
    {
        Ok(_) => Ok(redirect_with_flash(
            "/settings#learning",
            "success",
            "Saved. Your recommendations now use it.",
            state.config.secure_cookies(),
        )),
        Err(Error::Validation(errors)) => {
            let mut page = page(&state, shell, &user).await?;
            page.interests = fields.interests;
            page.goals = fields.goals;
            page.errors = errors;
            Ok(unprocessable(page))
        }
        Err(other) => Err(other),
    }
}
