//! Claim, release, cancel, schedule and complete, as form posts.

use crate::services::mini::{self};
use crate::services::sessions;
use crate::state::AppState;
use crate::web::error::{Error, Result};
use crate::web::extract::Id;
use crate::web::pages::form::CsrfForm;
use crate::web::pages::shell::{flash_outcome, to_sign_in, Shell};
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct ActionFields {
    start: Option<String>,
    notes: Option<String>,
    outcome: Option<String>,
}

pub async fn act(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    Path((_, action)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<ActionFields>,
) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in("/mini"));
    };
    let (result, back) = match action.as_str() {
        "claim" => (
            mini::claim(&state, &me, id)
                .await
                .map(|_| "You claimed the request. Pick a time next."),
            format!("/mini/{id}"),
        ),
        "release" => (
            mini::release(&state, &me, id)
                .await
                .map(|_| "Released; it is open for others again."),
            "/mini".to_owned(),
        ),
        "cancel" => (
            mini::cancel(&state, &me, id)
                .await
                .map(|_| "Your request was cancelled."),
            "/mentorship/dashboard".to_owned(),
        ),
        "schedule" => (
            mini::schedule(&state, &me, id, f.start.as_deref())
                .await
                .map(|_| "Scheduled. The mentee was told, with the meeting link."),
            format!("/mini/{id}"),
        ),
        _ => return Err(Error::NotFound),
    };
    flash_outcome(&back, result, state.config.secure_cookies())
}

pub async fn complete(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    CsrfForm(f): CsrfForm<ActionFields>,
) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in("/mini"));
    };
    let result = mini::complete(&state, &me, id, f.notes.as_deref(), f.outcome.as_deref()).await;
    let back = match &result {
        Ok(s) => s
            .mini_request_id
            .map(|r| format!("/mini/{r}"))
            .unwrap_or_else(|| "/mini".into()),
        Err(_) => "/mini".into(),
    };
    flash_outcome(
        &back,
        result.map(|_| "Marked as completed."),
        state.config.secure_cookies(),
    )
}

#[derive(Deserialize)]
pub struct FeedbackFields {
    rating: Option<i64>,
    comment: Option<String>,
}

/// The mentee rates a completed mini session from its request's page.
pub async fn feedback(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    CsrfForm(f): CsrfForm<FeedbackFields>,
) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in("/mini"));
    };
    let result = sessions::feedback(&state, &me, id, f.rating, f.comment.as_deref()).await;
    // Back to the request's page, also after a refusal (when it is visible).
    let session = match &result {
        Ok(s) => Some(s.clone()),
        Err(_) => sessions::visible(&state, &me, id).await.ok(),
    };
    let back = session
        .and_then(|s| s.mini_request_id)
        .map(|r| format!("/mini/{r}"))
        .unwrap_or_else(|| "/mini".into());
    flash_outcome(
        &back,
        result.map(|_| "Thank you for your feedback."),
        state.config.secure_cookies(),
    )
}
