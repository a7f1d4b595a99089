//! One request's page with the actions the viewer may take.

use super::rows::{row, MiniRow};
use crate::services::mini::{self};
use crate::state::AppState;
use crate::web::error::Result;
use crate::web::extract::Id;
use crate::web::pages::shell::{to_sign_in, Shell};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use chrono::{DateTime, Utc};
use mentorhub_domain::local_time::local;
use mentorhub_domain::mini::MiniStatus;
use mentorhub_domain::session::SessionStatus;
use uuid::Uuid;

#[derive(Template)]
#[template(path = "mini_detail.html")]
struct DetailPage {
    shell: Shell,
    r: MiniRow,
    back: &'static str,
    description: String,
    zone: String,
    preferred: Vec<(String, String)>,
    outcome: Option<String>,
    notes: Option<String>,
    can_claim: bool,
    can_schedule: bool,
    can_cancel: bool,
    complete_session: Option<Uuid>,
    /// The completed session the mentee may still rate.
    rate_session: Option<Uuid>,
    rating: Option<i32>,
    is_mentee_view: bool,
    mentee_name: String,
}

pub async fn detail(State(state): State<AppState>, shell: Shell, Id(id): Id) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in(&format!("/mini/{id}")));
    };
    let v = mini::get(&state, &me, id).await?;
    let now = state.clock.now();
    let mine = v.request.mentee_id == me.id;
    let claimer = v.request.claimed_by == Some(me.id);
    let complete_session = v
        .session
        .as_ref()
        .filter(|s| claimer && s.status == SessionStatus::Scheduled && s.scheduled_at <= now)
        .map(|s| s.id);
    let rate_session = v
        .session
        .as_ref()
        .filter(|s| mine && s.status == SessionStatus::Completed && s.rating.is_none())
        .map(|s| s.id);
    let preferred = v
        .request
        .preferred_dates
        .iter()
        .map(|d: &DateTime<Utc>| (d.to_rfc3339(), local(*d, &me.timezone)))
        .collect();
    let page = DetailPage {
        r: row(&v, &me.timezone),
        back: "/mini",
        description: v.request.description.clone(),
        zone: me.timezone.clone(),
        preferred,
        outcome: v.request.outcome.clone(),
        notes: v.session.as_ref().and_then(|s| s.notes.clone()),
        can_claim: me.is_mentor && !mine && v.status == MiniStatus::Open,
        can_schedule: claimer && v.status == MiniStatus::Claimed,
        can_cancel: mine && matches!(v.status, MiniStatus::Open | MiniStatus::Claimed),
        complete_session,
        rate_session,
        rating: v.session.as_ref().and_then(|s| s.rating),
        is_mentee_view: mine,
        mentee_name: v.request.mentee_name.clone(),
        shell,
    };
    Ok(page.shell.render(&page))
}
