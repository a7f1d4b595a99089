//! The landing page for visitors and the one dashboard for people signed
//! in: what needs doing now (next sessions, requests to answer, sessions to
//! complete or rate, mini requests), then the counts.

use crate::services::groups::{self, ListInput};
use crate::web::pages::groups::views::GroupView;
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use mentorhub_domain::mini::MiniStatus;
use mentorhub_domain::MentorshipStatus;
use mentorhub_store::{MentorshipCounts, MentorshipSide, SessionScope, UserRecord};

use super::session_views::SessionView;
use super::shell::{to_sign_in, Shell};
use super::views::{MentorCardView, MentorshipView};
use crate::services::dashboard;
use crate::services::discovery::{self, SearchInput};
use crate::services::mini;
use crate::state::AppState;
use crate::web::error::Result;
use mentorhub_domain::local_time::local;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    shell: Shell,
    featured: Vec<MentorCardView>,
}

/// Visitors see what Mentorhub is, a search box and real mentors;
/// people signed in go to their dashboard.
pub async fn home(State(state): State<AppState>, shell: Shell) -> Result<Response> {
    if shell.user.is_some() {
        return Ok(Redirect::to("/dashboard").into_response());
    }
    let input = SearchInput {
        sort: Some("rating".into()),
        ..SearchInput::default()
    };
    let mut featured = discovery::search(&state, &input, 6, 0).await?;
    featured.truncate(6);
    let featured = featured
        .into_iter()
        .map(|c| MentorCardView::new(c, Vec::new(), state.clock.now()))
        .collect();
    let page = HomePage { shell, featured };
    Ok(page.shell.render(&page))
}

/// A mini request that waits for this person.
struct MiniTodo {
    id: uuid::Uuid,
    title: String,
    note: String,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    shell: Shell,
    user_id: uuid::Uuid,
    name: String,
    timezone: String,
    now_utc: String,
    now_local: String,
    is_mentor: bool,
    is_mentee: bool,
    has_profile: bool,
    accepting: bool,
    counts: MentorshipCounts,
    upcoming_sessions: i64,
    total_hours: String,
    upcoming: Vec<SessionView>,
    /// Group sessions they host or have a place in, soonest first.
    groups: Vec<GroupView>,
    /// Their own open action items past due.
    overdue: Vec<mentorhub_store::ActionRecord>,
    to_finish: Vec<SessionView>,
    mini_todo: Vec<MiniTodo>,
    open_mini: String,
    current_mentors: Vec<MentorshipView>,
    current_mentees: Vec<MentorshipView>,
    incoming: Vec<MentorshipView>,
}

pub async fn dashboard(State(state): State<AppState>, shell: Shell) -> Result<Response> {
    let Some(user) = shell.user.clone() else {
        return Ok(to_sign_in("/dashboard"));
    };
    let now = state.clock.now();
    let profile = state.store.mentor_profile(user.id).await?;
    let summary = dashboard::summary(&state, &user).await?;
    let mentorships = |side, status, limit| {
        state
            .store
            .list_mentorships(user.id, Some(side), Some(status), limit, 0)
    };
    let as_mentee = mentorships(MentorshipSide::AsMentee, MentorshipStatus::Accepted, 20).await?;
    let as_mentor = mentorships(MentorshipSide::AsMentor, MentorshipStatus::Accepted, 20).await?;
    let incoming = mentorships(MentorshipSide::AsMentor, MentorshipStatus::Pending, 5).await?;
    let view = |records: Vec<mentorhub_store::MentorshipRecord>| -> Vec<MentorshipView> {
        records
            .into_iter()
            .map(|r| {
                MentorshipView::new(r, user.id, &user.timezone)
                    .expiring(state.config.mentorship_request_ttl, state.clock.now())
            })
            .collect()
    };
    let sessions = |scope, limit| state.store.list_sessions(user.id, scope, None, now, limit, 0);
    let session_view = |s| SessionView::new(s, user.id, &user.timezone, now);
    let upcoming: Vec<SessionView> = sessions(SessionScope::Upcoming, 5)
        .await?
        .into_iter()
        .map(session_view)
        .collect();
    let to_finish: Vec<SessionView> = sessions(SessionScope::Past, 30)
        .await?
        .into_iter()
        .map(session_view)
        .filter(|s| s.can_complete || s.can_rate)
        .take(5)
        .collect();
    let (mini_todo, open_mini) = mini_work(&state, &user).await?;
    let today = crate::services::progress::local_today(&state, &user).to_string();
    let overdue = state.store.overdue_actions_for(user.id, &today, 5).await?;
    let joined = ListInput {
        joined: true,
        limit: 3,
        ..ListInput::default()
    };
    let groups = groups::list(&state, user.id, &user.timezone, joined)
        .await?
        .into_iter()
        .map(|g| GroupView::new(g, user.id, &user.timezone, now))
        .collect();
    let page = DashboardPage {
        shell,
        user_id: user.id,
        name: user.name.clone(),
        timezone: user.timezone.clone(),
        now_utc: now.to_rfc3339(),
        now_local: local(now, &user.timezone),
        is_mentor: user.is_mentor,
        is_mentee: user.is_mentee,
        counts: summary.counts,
        upcoming_sessions: summary.upcoming_sessions,
        total_hours: format!("{}", summary.total_hours),
        upcoming,
        groups,
        overdue,
        to_finish,
        mini_todo,
        open_mini,
        current_mentors: view(as_mentee),
        current_mentees: view(as_mentor),
        incoming: view(incoming),
        has_profile: profile.is_some(),
        accepting: profile.as_ref().is_some_and(|p| p.profile.accepting_mentees),
    };
    Ok(page.shell.render(&page))
}

/// Mini requests waiting for this person, and (for mentors) how many are
/// open on the board.
async fn mini_work(state: &AppState, user: &UserRecord) -> Result<(Vec<MiniTodo>, String)> {
    let mut todo = Vec::new();
    if user.is_mentee {
        for v in mini::my_requests(state, user).await? {
            let note = match v.status {
                MiniStatus::Open => "Your request is open; a mentor can claim it.".to_string(),
                MiniStatus::Claimed => format!(
                    "{} claimed it and will pick a time.",
                    v.request.claimer_name.clone().unwrap_or_default()
                ),
                MiniStatus::Scheduled => match &v.session {
                    Some(s) => format!("Scheduled for {}", local(s.scheduled_at, &user.timezone)),
                    None => "Scheduled".to_string(),
                },
                _ => continue,
            };
            todo.push(MiniTodo {
                id: v.request.id,
                title: v.request.title.clone(),
                note,
            });
        }
    }
    let mut open_mini = String::new();
    if user.is_mentor {
        for v in mini::claimed(state, user).await? {
            if v.status == MiniStatus::Claimed {
                todo.push(MiniTodo {
                    id: v.request.id,
                    title: v.request.title.clone(),
                    note: format!("You claimed this; schedule it with {}.", v.request.mentee_name),
                });
            }
        }
        let (open, next) = mini::open(state, user, &Default::default(), None, 20).await?;
        open_mini = format!("{}{}", open.len(), if next.is_some() { "+" } else { "" });
    }
    todo.truncate(8);
    Ok((todo, open_mini))
}
