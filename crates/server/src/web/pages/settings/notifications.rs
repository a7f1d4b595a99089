//! The notifications table: email and in-app for each kind. A checkbox
//! that is not sent is off (plain HTML forms send only checked boxes).

use std::collections::HashMap;

use axum::extract::State;
use axum::response::Response;
use mentorhub_store::Preference;

use crate::services::preferences::{self, KINDS};
use crate::state::AppState;
use crate::web::error::Result;
use crate::web::pages::form::CsrfForm;
use crate::web::pages::shell::{redirect_with_flash, to_sign_in, Shell};

pub async fn save_notifications(
    State(state): State<AppState>,
    shell: Shell,
    CsrfForm(fields): CsrfForm<HashMap<String, String>>,
) -> Result<Response> {
    let Some(user) = shell.user.clone() else {
        return Ok(to_sign_in("/settings"));
    };
    let changes: Vec<Preference> = KINDS
        .iter()
        .map(|(kind, _)| Preference {
            kind: (*kind).to_owned(),
            email: fields.contains_key(&format!("email_{kind}")),
            in_app: fields.contains_key(&format!("app_{kind}")),
        })
        .collect();
    preferences::save(&state, user.id, &changes).await?;
    Ok(redirect_with_flash(
        "/settings#notifications",
        "success",
        "Your notification settings are saved.",
        state.config.secure_cookies(),
    ))
}
