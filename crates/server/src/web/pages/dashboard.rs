use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};

use super::shell::{to_sign_in, Shell};
use mentorhub_domain::MentorshipStatus;
use mentorhub_store::{MentorshipCounts, MentorshipSide};

use super::views::MentorshipView;
use crate::services::dashboard;
use crate::state::AppState;
use crate::web::error::Result;
use mentorhub_domain::local_time::local;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    shell: Shell,
}

pub async fn home(shell: Shell) -> Response {
    if shell.user.is_some() {
        return Redirect::to("/dashboard").into_response();
    }
    let page = HomePage { shell };
    page.shell.render(&page)
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    shell: Shell,
    name: String,
    roles: String,
    timezone: String,
    now_utc: String,
    now_local: String,
    created_utc: String,
    created_local: String,
    is_mentor: bool,
    is_mentee: bool,
    has_profile: bool,
    accepting: bool,
    counts: MentorshipCounts,
    upcoming_sessions: i64,
    total_hours: String,
    current_mentors: Vec<MentorshipView>,
    incoming: Vec<MentorshipView>,
}

pub async fn dashboard(State(state): State<AppState>, shell: Shell) -> Result<Response> {
    let Some(user) = shell.user.clone() else {
        return Ok(to_sign_in("/dashboard"));
    };
    let profile = state.store.mentor_profile(user.id).await?;
    let summary = dashboard::summary(&state, &user).await?;
    let as_mentee = state
        .store
        .list_mentorships(
            user.id,
            Some(MentorshipSide::AsMentee),
            Some(MentorshipStatus::Accepted),
            20,
            0,
        )
        .await?;
    let incoming = state
        .store
        .list_mentorships(
            user.id,
            Some(MentorshipSide::AsMentor),
            Some(MentorshipStatus::Pending),
            5,
            0,
        )
        .await?;
    let view = |records: Vec<mentorhub_store::MentorshipRecord>| -> Vec<MentorshipView> {
        records
            .into_iter()
            .map(|r| MentorshipView::new(r, user.id, &user.timezone))
            .collect()
    };
    let now = state.clock.now();
    let roles = match (user.is_mentee, user.is_mentor) {
        (true, true) => "Mentee and mentor",
        (false, true) => "Mentor",
        _ => "Mentee",
    };
    let page = DashboardPage {
        shell,
        name: user.name.clone(),
        roles: roles.into(),
        timezone: user.timezone.clone(),
        now_utc: now.to_rfc3339(),
        now_local: local(now, &user.timezone),
        created_utc: user.created_at.to_rfc3339(),
        created_local: local(user.created_at, &user.timezone),
        is_mentor: user.is_mentor,
        is_mentee: user.is_mentee,
        counts: summary.counts,
        upcoming_sessions: summary.upcoming_sessions,
        total_hours: format!("{}", summary.total_hours),
        current_mentors: view(as_mentee),
        incoming: view(incoming),
        has_profile: profile.is_some(),
        accepting: profile.as_ref().is_some_and(|p| p.profile.accepting_mentees),
    };
    Ok(page.shell.render(&page))
}
