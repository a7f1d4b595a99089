//! Booking and rescheduling with one picker: a month that marks the days
//! with free times, the chosen day's times as chips in the viewer's zone,
//! then topic and note. Plain links and forms; no JavaScript needed.

mod month;
mod picker;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use mentorhub_domain::{FieldErrors, MentorshipStatus};
use mentorhub_store::{MentorshipRecord, SessionRecord};
use serde::Deserialize;
use uuid::Uuid;

use self::picker::Picker;
use super::form::CsrfForm;
use super::session_views::local_input_to_utc;
use super::shell::{redirect_with_flash, to_sign_in, Shell};
use crate::services::sessions::{self, BookingInput};
use crate::state::AppState;
use crate::web::error::{Error, Result};
use crate::web::extract::ApiQuery;
use mentorhub_domain::local_time::local;

#[derive(Deserialize, Default)]
pub struct ScheduleQuery {
    mentorship: Option<String>,
    /// A mentor's user id (the profile's Book button).
    mentor: Option<String>,
    /// A day in the viewer's zone, YYYY-MM-DD.
    date: Option<String>,
    /// YYYY-MM.
    month: Option<String>,
    duration: Option<i64>,
    /// The session being moved: the same picker, another action.
    reschedule: Option<String>,
}

#[derive(Template)]
#[template(path = "schedule.html")]
struct SchedulePage {
    shell: Shell,
    zone: String,
    choices: Vec<(String, String)>,
    mentorship: String,
    duration: i64,
    topic: String,
    notes: String,
    picker: Option<Picker>,
    /// The session being rescheduled: (id, topic, current start).
    moving: Option<(Uuid, String, String)>,
    errors: FieldErrors,
}

impl SchedulePage {
    /// A link to this picker with another month or day.
    fn link(&self, month: Option<&str>, day: Option<&str>) -> String {
        let mut pairs = vec![
            ("mentorship", self.mentorship.clone()),
            ("duration", self.duration.to_string()),
        ];
        if let Some((id, _, _)) = &self.moving {
            pairs.push(("reschedule", id.to_string()));
        }
        if let Some(m) = month {
            pairs.push(("month", m.to_owned()));
        }
        if let Some(d) = day {
            pairs.push(("date", d.to_owned()));
        }
        let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
        format!("/mentorship/sessions/new?{query}")
    }

    fn day_link(&self, day: impl std::fmt::Display) -> String {
        self.link(None, Some(&day.to_string()))
    }

    fn month_link(&self, month: impl std::fmt::Display) -> String {
        self.link(Some(&month.to_string()), None)
    }
}

/// What the page was asked to show, once the ids are resolved.
struct Target {
    mentorship: Option<MentorshipRecord>,
    moving: Option<SessionRecord>,
}

async fn target(
    state: &AppState,
    me: &mentorhub_store::UserRecord,
    q: &ScheduleQuery,
    accepted: &[MentorshipRecord],
) -> Result<Target> {
    let parse = |v: &Option<String>| v.as_deref().and_then(|s| Uuid::parse_str(s.trim()).ok());
    if let Some(id) = parse(&q.reschedule) {
        let session = sessions::visible(state, me, id).await?;
        let mentorship = accepted.iter().find(|m| Some(m.id) == session.mentorship_id).cloned();
        return Ok(Target {
            mentorship,
            moving: Some(session),
        });
    }
    let by_id = parse(&q.mentorship).and_then(|id| accepted.iter().find(|m| m.id == id));
    let by_mentor = parse(&q.mentor).and_then(|id| accepted.iter().find(|m| m.mentor_id == id && m.mentee_id == me.id));
    Ok(Target {
        mentorship: by_id.or(by_mentor).or(accepted.first()).cloned(),
        moving: None,
    })
}

async fn schedule_page(
    state: &AppState,
    shell: Shell,
    q: ScheduleQuery,
    (topic, notes): (String, String),
    errors: FieldErrors,
) -> Result<Response> {
    let me = shell.user.clone().ok_or(Error::Unauthorized)?;
    let accepted = state
        .store
        .list_mentorships(me.id, None, Some(MentorshipStatus::Accepted), 100, 0)
        .await?;
    let choices = accepted
        .iter()
        .map(|m| {
            let (other, role) = if m.mentor_id == me.id {
                (&m.mentee_name, "mentee")
            } else {
                (&m.mentor_name, "mentor")
            };
            (m.id.to_string(), format!("{other} (your {role})"))
        })
        .collect();
    let target = target(state, &me, &q, &accepted).await?;
    let duration = target
        .moving
        .as_ref()
        .map(|s| i64::from(s.duration))
        .or(q.duration)
        .filter(|d| (15..=240).contains(d))
        .unwrap_or(60);
    let day = q
        .date
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok());
    let month = q.month.as_deref().and_then(month::parse_month);
    let picker = match &target.mentorship {
        Some(m) => Some(picker::build(state, &me, m, month, day, duration).await?),
        None => None,
    };
    let page = SchedulePage {
        zone: me.timezone.clone(),
        shell,
        choices,
        mentorship: target.mentorship.map(|m| m.id.to_string()).unwrap_or_default(),
        duration,
        topic,
        notes,
        picker,
        moving: target
            .moving
            .map(|s| (s.id, s.topic, local(s.scheduled_at, &me.timezone))),
        errors,
    };
    let status = if page.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut response = page.shell.render(&page);
    *response.status_mut() = status;
    Ok(response)
}

pub async fn new_session(
    State(state): State<AppState>,
    shell: Shell,
    ApiQuery(query): ApiQuery<ScheduleQuery>,
) -> Result<Response> {
    if shell.user.is_none() {
        return Ok(to_sign_in("/mentorship/sessions/new"));
    }
    schedule_page(&state, shell, query, Default::default(), FieldErrors::new()).await
}

#[derive(Deserialize)]
pub struct BookFields {
    #[serde(default)]
    mentorship: String,
    start: Option<String>,
    when: Option<String>,
    duration: Option<i64>,
    #[serde(default)]
    topic: String,
    notes: Option<String>,
}

pub async fn book(State(state): State<AppState>, shell: Shell, CsrfForm(f): CsrfForm<BookFields>) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in("/mentorship/sessions/new"));
    };
    let start = match (&f.start, &f.when) {
        (Some(start), _) => Some(start.clone()),
        (None, Some(when)) => Some(local_input_to_utc(when, &me.timezone)),
        (None, None) => None,
    };
    let input = BookingInput {
        mentorship_id: Some(&f.mentorship),
        scheduled_at: start.as_deref(),
        duration: f.duration,
        topic: Some(&f.topic),
        notes: f.notes.as_deref(),
    };
    let secure = state.config.secure_cookies();
    // Back on the same day, with what was typed kept.
    let again = |errors| {
        let day = start
            .as_deref()
            .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
            .map(|s| {
                s.with_timezone(&me.timezone.parse().unwrap_or(chrono_tz::UTC))
                    .date_naive()
                    .to_string()
            });
        let query = ScheduleQuery {
            mentorship: Some(f.mentorship.clone()),
            date: day,
            duration: f.duration,
            ..ScheduleQuery::default()
        };
        schedule_page(
            &state,
            shell,
            query,
            (f.topic.clone(), f.notes.clone().unwrap_or_default()),
            errors,
        )
    };
    match sessions::book(&state, &me, input).await.map_err(Error::from) {
        Ok(s) => Ok(redirect_with_flash(
            "/mentorship?tab=sessions",
            "success",
            &format!("Booked: {} on {}.", s.topic, local(s.scheduled_at, &me.timezone)),
            secure,
        )),
        Err(Error::Validation(errors)) => again(errors).await,
        Err(err @ Error::Conflict(..)) => {
            let mut errors = FieldErrors::new();
            errors.add("scheduledAt", err.to_string());
            let mut response = again(errors).await?;
            *response.status_mut() = StatusCode::CONFLICT;
            Ok(response)
        }
        Err(other) => Err(other),
    }
}
