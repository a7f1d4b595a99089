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
use crate::services::availability::{self, SlotQuery};
use crate::services::groups::{self, ListInput};
use crate::services::mentorships;
use crate::state::AppState;
use crate::web::dto::mentors::short_name;
use crate::web::error::{Error, Result};
use crate::web::extract::Id;
use crate::web::pages::groups::views::GroupView;
use mentorhub_domain::MentorshipStatus;
use mentorhub_store::UserRecord;

pub enum ConnectState {
    SignIn,
    Yourself,
    NotMentee,
    Existing(&'static str),
    /// An accepted mentorship: book from the next free times.
    Connected(Uuid),
    Unavailable,
    Form,
}

/// A review as the profile shows it.
pub struct ReviewView {
    stars: String,
    rating: i32,
    comment: String,
    author: String,
    topic: String,
    when: String,
}

/// One of the next free times, linking to its day in the scheduler.
pub struct FreeTime {
    label: String,
    href: String,
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
    reviews: Vec<ReviewView>,
    next_free: Vec<FreeTime>,
    /// Their upcoming group sessions the viewer may see.
    groups: Vec<GroupView>,
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
            } else if let Some(existing) = live
                .as_ref()
                .filter(|m| m.status == MentorshipStatus::Accepted && m.mentee_id == me.id)
            {
                ConnectState::Connected(existing.id)
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
    let zone = shell.user.as_ref().map_or("UTC".to_string(), |u| u.timezone.clone());
    let reviews = state
        .store
        .mentor_reviews(id, 10)
        .await?
        .into_iter()
        .map(|r| ReviewView {
            stars: "★".repeat(r.rating.clamp(0, 5) as usize),
            rating: r.rating,
            author: short_name(&r.mentee_name),
            when: r
                .created_at
                .with_timezone(&zone.parse().unwrap_or(chrono_tz::UTC))
                .format("%B %Y")
                .to_string(),
            comment: r.comment,
            topic: r.topic,
        })
        .collect();
    let next_free = match (&connect, &shell.user) {
        (ConnectState::Connected(mentorship), Some(me)) => next_free_times(state, me, id, *mentorship).await?,
        _ => Vec::new(),
    };
    let viewer = shell.user.as_ref().map_or(Uuid::nil(), |u| u.id);
    let host_id = id.to_string();
    let hosted = ListInput {
        host_id: Some(&host_id),
        limit: 5,
        ..ListInput::default()
    };
    let now = state.clock.now();
    let groups = groups::list(state, viewer, &zone, hosted)
        .await?
        .into_iter()
        .map(|g| GroupView::new(g, viewer, &zone, now))
        .collect();
    let page = MentorPage {
        groups,
        reviews,
        next_free,
        shell,
        card: MentorCardView::new(detail.card, Vec::new(), now).seen_by(Some(viewer)),
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

/// The mentor's next few free times for a connected mentee (two weeks).
async fn next_free_times(state: &AppState, me: &UserRecord, mentor: Uuid, mentorship: Uuid) -> Result<Vec<FreeTime>> {
    let Some(published) = state.store.availability(mentor).await? else {
        return Ok(Vec::new());
    };
    let tz: chrono_tz::Tz = published.timezone.parse().unwrap_or(chrono_tz::UTC);
    let today = state.clock.now().with_timezone(&tz).date_naive();
    let query = SlotQuery {
        from: today,
        to: today + chrono::Duration::days(14),
        duration: 60,
    };
    let viewer: chrono_tz::Tz = me.timezone.parse().unwrap_or(chrono_tz::UTC);
    let slots = availability::free_slots(state, mentor, &published, Some(me), &query).await?;
    Ok(slots
        .into_iter()
        .take(4)
        .map(|(start, _)| {
            let local = start.with_timezone(&viewer);
            FreeTime {
                label: local.format("%a %-d %b, %H:%M").to_string(),
                href: format!(
                    "/mentorship/sessions/new?mentorship={mentorship}&date={}",
                    local.date_naive()
                ),
            }
        })
        .collect())
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
