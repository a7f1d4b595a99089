//! One group session's page: what, when, seats; join or leave; for the
//! host the line of attendees, cancel and complete; for people inside the
//! meeting link and the room, live with JavaScript and plain forms without.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use chrono_tz::Tz;
use mentorhub_domain::group::SeatStatus;
use mentorhub_domain::session::SessionStatus;
use mentorhub_store::SeatRecord;
use serde::Deserialize;
use std::collections::HashMap;
use uuid::Uuid;

use super::views::GroupView;
use crate::services::chat::group_room;
use crate::services::groups::{self, host, seats};
use crate::state::AppState;
use crate::web::error::{Error, Result};
use crate::web::extract::Id;
use crate::web::pages::chat::rows::{thread, ThreadItem};
use crate::web::pages::form::CsrfForm;
use crate::web::pages::linkify::Part;
use crate::web::pages::shell::{flash_outcome, to_sign_in, Shell};

#[derive(Template)]
#[template(path = "group_detail.html")]
struct DetailPage {
    shell: Shell,
    g: GroupView,
    me_id: Uuid,
    zone: String,
    attending: Vec<SeatRecord>,
    waitlist: Vec<SeatRecord>,
    can_join: bool,
    can_complete: bool,
    can_rate: bool,
    items: Vec<ThreadItem>,
    names: HashMap<Uuid, String>,
    /// The same names for messages that arrive live.
    names_json: String,
}

impl DetailPage {
    fn name_of(&self, id: &Uuid) -> &str {
        self.names.get(id).map(String::as_str).unwrap_or("Someone who left")
    }
}

pub async fn detail(State(state): State<AppState>, shell: Shell, Id(id): Id) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in(&format!("/groups/{id}")));
    };
    let g = groups::visible(&state, me.id, id).await?;
    let now = state.clock.now();
    let is_host = g.host_id == me.id;
    let seats = state.store.group_seats(id).await?;
    let mut names: HashMap<Uuid, String> = seats.iter().map(|s| (s.user_id, s.name.clone())).collect();
    names.insert(g.host_id, format!("{} (host)", g.host_name));
    let (attending, waitlist): (Vec<_>, Vec<_>) = seats
        .into_iter()
        .filter(|_| is_host)
        .partition(|s| s.status == SeatStatus::Attending);
    let view = GroupView::new(g.clone(), me.id, &me.timezone, now);
    let tz: Tz = me.timezone.parse().unwrap_or(chrono_tz::UTC);
    let items = if view.inside {
        let mut recent = state.store.group_messages(id, None, 100).await?;
        recent.truncate(100);
        recent.reverse();
        thread(recent, me.id, tz)
    } else {
        Vec::new()
    };
    let page = DetailPage {
        can_join: !is_host && g.my_seat.is_none() && view.is_scheduled && !view.started,
        can_complete: is_host && view.is_scheduled && view.started,
        can_rate: g.my_seat == Some(SeatStatus::Attending)
            && g.status == SessionStatus::Completed
            && g.my_rating.is_none(),
        g: view,
        me_id: me.id,
        zone: me.timezone.clone(),
        attending,
        waitlist,
        items,
        names_json: serde_json::to_string(&names).unwrap_or_default(),
        names,
        shell,
    };
    Ok(page.shell.render(&page))
}

#[derive(Deserialize)]
pub struct ActionFields {
    reason: Option<String>,
    rating: Option<i64>,
    comment: Option<String>,
}

pub async fn act(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    Path((_, action)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<ActionFields>,
) -> Result<Response> {
    let back = format!("/groups/{id}");
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in(&back));
    };
    let result = match action.as_str() {
        "join" => seats::join(&state, &me, id).await.map(|g| match g.my_seat {
            Some(SeatStatus::Waitlisted) => {
                "It is full, so you are on the waitlist. You will hear at once if a seat frees up."
            }
            _ => "You have a seat. The meeting link and the group chat are below.",
        }),
        "leave" => seats::leave(&state, &me, id)
            .await
            .map(|_| "You left this group session."),
        "cancel" => host::cancel(&state, &me, id, f.reason.as_deref())
            .await
            .map(|_| "Cancelled. Everyone with a seat or on the waitlist is told."),
        "complete" => host::complete(&state, &me, id).await.map(|_| "Marked as completed."),
        "feedback" => host::feedback(&state, &me, id, f.rating, f.comment.as_deref())
            .await
            .map(|_| "Thank you for your feedback."),
        _ => return Err(Error::NotFound),
    };
    flash_outcome(&back, result, state.config.secure_cookies())
}

#[derive(Deserialize)]
pub struct MessageFields {
    body: Option<String>,
}

/// A message to the room without JavaScript.
pub async fn send(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    CsrfForm(f): CsrfForm<MessageFields>,
) -> Result<Response> {
    let back = format!("/groups/{id}#room");
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in(&back));
    };
    let result = group_room::send(&state, &me, id, f.body.as_deref())
        .await
        .map(|_| "Sent to the group.");
    flash_outcome(&back, result, state.config.secure_cookies())
}
