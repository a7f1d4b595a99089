//! `/mentors/{id}`: a mentor's profile with the Connect form.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use mentorhub_domain::recommend::zone_distance;
use serde::Deserialize;
use uuid::Uuid;

use super::form::CsrfForm;
use super::shell::{redirect_with_flash, to_sign_in, Shell};
use super::views::MentorCardView;
use crate::services::mentorships;
use crate::state::AppState;
use crate::web::error::{Error, Result};
use crate::web::extract::Id;

pub enum ConnectState {
    SignIn,
    Yourself,
    NotMentee,
    Existing(&'static str),
    Unavailable,
    Form,
}

#[derive(Template)]
#[template(path = "mentor.html")]
struct MentorPage {
    shell: Shell,
    card: MentorCardView,
    bio: String,
    languages: Vec<String>,
    active_mentees: i32,
    distance: Option<String>,
    connect: ConnectState,
    message: String,
    message_error: Option<String>,
}

async fn render(
    state: &AppState,
    shell: Shell,
    id: Uuid,
    message: String,
    message_error: Option<String>,
) -> Result<Response> {
    let detail = state.store.mentor_detail(id).await?.ok_or(Error::NotFound)?;
    let has_room = detail.card.has_room();
    let active_mentees = detail.card.active_mentees;
    let (connect, distance) = match &shell.user {
        None => (ConnectState::SignIn, None),
        Some(me) => {
            let distance = Some(zone_distance(&detail.card.timezone, &me.timezone, state.clock.now()).1);
            let live = state.store.live_mentorship(id, me.id).await?;
            let connect = if me.id == id {
                ConnectState::Yourself
            } else if let Some(existing) = live {
                ConnectState::Existing(existing.status.as_str())
            } else if !me.is_mentee {
                ConnectState::NotMentee
            } else if !has_room {
                ConnectState::Unavailable
            } else {
                ConnectState::Form
            };
            (connect, distance)
        }
    };
    let page = MentorPage {
        shell,
        card: MentorCardView::new(detail.card, Vec::new()),
        bio: detail.bio,
        languages: detail.languages,
        active_mentees,
        distance,
        connect,
        message,
        message_error,
    };
    Ok(page.shell.render(&page))
}

pub async fn profile(State(state): State<AppState>, shell: Shell, Id(id): Id) -> Result<Response> {
    render(&state, shell, id, String::new(), None).await
}

#[derive(Deserialize)]
pub struct ConnectFields {
    #[serde(default)]
    message: String,
}

pub async fn connect(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    CsrfForm(fields): CsrfForm<ConnectFields>,
) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in(&format!("/mentors/{id}")));
    };
    let secure = state.config.secure_cookies();
    match mentorships::request(&state, &me, Some(id), Some(&fields.message))
        .await
        .map_err(Error::from)
    {
        Ok(record) => Ok(redirect_with_flash(
            "/mentorship?tab=requests",
            "success",
            &format!("Your request was sent to {}.", record.mentor_name),
            secure,
        )),
        Err(Error::Validation(errors)) => {
            let message_error = errors.get("message").map(str::to_owned);
            let mut response = render(&state, shell, id, fields.message, message_error).await?;
            *response.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(err @ (Error::Conflict(..) | Error::Forbidden(_))) => Ok(redirect_with_flash(
            &format!("/mentors/{id}"),
            "error",
            &err.to_string(),
            secure,
        )),
        Err(other) => Err(other),
    }
}
