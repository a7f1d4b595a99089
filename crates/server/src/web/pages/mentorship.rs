//! `/mentorship`: tabs for my mentors, my mentees, requests and discover,
//! and the forms that answer requests.

use crate::services::groups::{self, ListInput};
use crate::web::pages::groups::views::GroupView;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use mentorhub_domain::mentorship::Action;
use mentorhub_domain::MentorshipStatus;
use mentorhub_store::{MentorshipRecord, MentorshipSide, SessionScope};
use serde::Deserialize;
use uuid::Uuid;

use super::form::CsrfForm;
use super::session_views::SessionView;
use super::shell::{flash_outcome, to_sign_in, Shell};
use super::views::{MentorCardView, MentorshipView};
use crate::services::discovery;
use crate::services::mentorships;
use crate::state::AppState;
use crate::web::error::{Error, Result};
use crate::web::extract::ApiQuery;
use crate::web::extract::Id;

#[derive(Template)]
#[template(path = "mentorship.html")]
struct MentorshipPage {
    shell: Shell,
    tabs: Vec<(&'static str, &'static str)>,
    current: &'static str,
    is_mentor: bool,
    mentors: Vec<MentorshipView>,
    mentees: Vec<MentorshipView>,
    incoming: Vec<MentorshipView>,
    outgoing: Vec<MentorshipView>,
    history: Vec<MentorshipView>,
    recommended: Vec<MentorCardView>,
    interests: Vec<String>,
    upcoming: Vec<SessionView>,
    past: Vec<SessionView>,
    /// Upcoming group sessions hosted or with a place.
    groups: Vec<GroupView>,
    zone: String,
    can_schedule: bool,
}

#[derive(Deserialize)]
pub struct TabQuery {
    tab: Option<String>,
}

/// Every mentorship of one side (the lists are small: capacity is bounded).
async fn all(state: &AppState, me: Uuid, side: MentorshipSide) -> Result<Vec<MentorshipRecord>> {
    Ok(state.store.list_mentorships(me, Some(side), None, 100, 0).await?)
}

pub async fn page(
    State(state): State<AppState>,
    shell: Shell,
    ApiQuery(query): ApiQuery<TabQuery>,
) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in("/mentorship"));
    };
    let mut tabs = vec![("mentors", "My mentors")];
    if me.is_mentor {
        tabs.push(("mentees", "My mentees"));
    }
    tabs.push(("sessions", "Sessions"));
    tabs.push(("requests", "Requests"));
    tabs.push(("discover", "Discover"));
    let default_tab = if me.is_mentor && !me.is_mentee {
        "mentees"
    } else {
        "mentors"
    };
    let current = tabs
        .iter()
        .map(|(key, _)| *key)
        .find(|key| Some(*key) == query.tab.as_deref())
        .unwrap_or(default_tab);

    let view = |records: Vec<MentorshipRecord>, keep: &dyn Fn(&MentorshipRecord) -> bool| -> Vec<MentorshipView> {
        records
            .into_iter()
            .filter(|r| keep(r))
            .map(|r| {
                MentorshipView::new(r, me.id, &me.timezone)
                    .expiring(state.config.mentorship_request_ttl, state.clock.now())
            })
            .collect()
    };
    let (mut mentors, mut mentees, mut incoming, mut outgoing, mut history) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut recommended = Vec::new();
    let (mut upcoming, mut past_sessions) = (Vec::new(), Vec::new());
    let mut groups = Vec::new();
    let mut can_schedule = false;
    match current {
        "mentors" => {
            mentors = view(all(&state, me.id, MentorshipSide::AsMentee).await?, &|r| {
                r.status == MentorshipStatus::Accepted
            })
        }
        "mentees" => {
            mentees = view(all(&state, me.id, MentorshipSide::AsMentor).await?, &|r| {
                r.status == MentorshipStatus::Accepted
            })
        }
        "sessions" => {
            let now = state.clock.now();
            let to_view = |records: Vec<mentorhub_store::SessionRecord>| -> Vec<SessionView> {
                records
                    .into_iter()
                    .map(|s| SessionView::new(s, me.id, &me.timezone, now))
                    .collect()
            };
            upcoming = to_view(
                state
                    .store
                    .list_sessions(me.id, SessionScope::Upcoming, None, now, 50, 0)
                    .await?,
            );
            past_sessions = to_view(
                state
                    .store
                    .list_sessions(me.id, SessionScope::Past, None, now, 50, 0)
                    .await?,
            );
            // Each person's private notes, for the forms.
            let ids: Vec<_> = upcoming.iter().chain(past_sessions.iter()).map(|v| v.id).collect();
            let mut notes = state.store.private_notes(me.id, &ids).await?;
            for v in upcoming.iter_mut().chain(past_sessions.iter_mut()) {
                v.private_note = notes.remove(&v.id);
            }
            let counts = state.store.mentorship_counts(me.id).await?;
            can_schedule = counts.active_mentors + counts.active_mentees > 0;
            let joined = ListInput {
                joined: true,
                limit: 50,
                ..ListInput::default()
            };
            groups = groups::list(&state, me.id, &me.timezone, joined)
                .await?
                .into_iter()
                .map(|g| GroupView::new(g, me.id, &me.timezone, now))
                .collect();
        }
        "requests" => {
            let as_mentor = all(&state, me.id, MentorshipSide::AsMentor).await?;
            let as_mentee = all(&state, me.id, MentorshipSide::AsMentee).await?;
            incoming = view(as_mentor.clone(), &|r| r.status == MentorshipStatus::Pending);
            outgoing = view(as_mentee.clone(), &|r| r.status == MentorshipStatus::Pending);
            let mut past: Vec<MentorshipRecord> = as_mentor
                .into_iter()
                .chain(as_mentee)
                .filter(|r| !r.status.is_active())
                .collect();
            past.sort_by_key(|r| std::cmp::Reverse(r.updated_at));
            history = view(past, &|_| true);
        }
        _ => {
            recommended = discovery::recommend(&state, &me, 12)
                .await?
                .into_iter()
                .map(|r| MentorCardView::new(r.card, r.reasons, state.clock.now()))
                .collect();
        }
    }
    let page = MentorshipPage {
        tabs,
        current,
        is_mentor: me.is_mentor,
        mentors,
        mentees,
        incoming,
        outgoing,
        history,
        recommended,
        interests: me.interests.clone(),
        upcoming,
        past: past_sessions,
        groups,
        zone: me.timezone.clone(),
        can_schedule,
        shell,
    };
    Ok(page.shell.render(&page))
}

#[derive(Deserialize)]
pub struct ActionFields {
    reason: Option<String>,
}

pub async fn act(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    Path((_, action)): Path<(String, String)>,
    CsrfForm(fields): CsrfForm<ActionFields>,
) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in("/mentorship"));
    };
    let action = match action.as_str() {
        "accept" => Action::Accept,
        "reject" => Action::Reject,
        "cancel" => Action::Cancel,
        "end" => Action::End,
        _ => return Err(Error::NotFound),
    };
    let back = match action {
        Action::End => "/mentorship",
        _ => "/mentorship?tab=requests",
    };
    let result = mentorships::act(&state, &me, id, action, fields.reason.as_deref())
        .await
        .map(|record| match action {
            Action::Accept => format!("You are now mentoring {}.", record.mentee_name),
            Action::Reject => format!("You declined {}'s request.", record.mentee_name),
            Action::Cancel => format!("You withdrew your request to {}.", record.mentor_name),
            Action::End => "The mentorship has ended.".to_owned(),
        });
    flash_outcome(back, result, state.config.secure_cookies())
}
