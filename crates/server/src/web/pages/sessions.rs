//! Managing booked sessions through plain forms (booking is `scheduler`).

use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;

use super::form::CsrfForm;
use super::session_views::local_input_to_utc;
use super::shell::{flash_outcome, to_sign_in, Shell};
use crate::services::progress::goals::{self, ActionInput};
use crate::services::trust::no_show;
use crate::services::{session_notes, sessions};
use crate::state::AppState;
use crate::web::error::{Error, Result};
use crate::web::extract::Id;

#[derive(Deserialize)]
pub struct ActionFields {
    /// A new start from the picker (RFC 3339) ...
    start: Option<String>,
    /// ... or from a `datetime-local` field in the viewer's zone.
    when: Option<String>,
    reason: Option<String>,
    notes: Option<String>,
    rating: Option<i64>,
    comment: Option<String>,
    /// Agenda or private note.
    text: Option<String>,
    url: Option<String>,
    owner: Option<String>,
    due: Option<String>,
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
            let start = f
                .start
                .clone()
                .or_else(|| f.when.as_deref().map(|w| local_input_to_utc(w, &me.timezone)));
            sessions::reschedule(&state, &me, id, start.as_deref())
                .await
                .map(|_| "The session was moved.")
        }
        "no-show" => no_show::mark(&state, &me, id)
            .await
            .map(|_| "Recorded: the session does not count in hours."),
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
        "agenda" => session_notes::set_agenda(&state, &me, id, f.text.as_deref())
            .await
            .map(|_| "Agenda saved; you both see it."),
        "private-note" => session_notes::set_private_note(&state, &me, id, f.text.as_deref())
            .await
            .map(|_| "Private note saved; only you see it."),
        "recording" => session_notes::set_recording(&state, &me, id, f.url.as_deref())
            .await
            .map(|_| "Recording link saved."),
        "action" => {
            let input = ActionInput {
                text: f.text.as_deref(),
                owner: f.owner.as_deref(),
                due_date: f.due.as_deref(),
            };
            goals::add_action_from_session(&state, &me, id, None, input)
                .await
                .map(|_| "Action item added to your progress.")
        }
        _ => return Err(Error::NotFound),
    };
    let back = format!("/mentorship?tab=sessions#session-{id}");
    flash_outcome(&back, result, state.config.secure_cookies())
}
