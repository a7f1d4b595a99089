//! Mini mentorship pages: the mentee's dashboard card with its request
//! dialog, the mentors' board, and each request's page with its actions.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use mentorhub_domain::mini::{MiniStatus, SessionType};
use mentorhub_domain::session::SessionStatus;
use mentorhub_domain::FieldErrors;
use mentorhub_store::UserRecord;
use serde::Deserialize;
use uuid::Uuid;

use super::form::CsrfForm;
use super::session_views::local_input_to_utc;
use super::shell::{redirect_with_flash, to_sign_in, Shell};
use crate::services::mini::{self, MiniView, NewRequest};
use crate::state::AppState;
use crate::web::error::{Error, Result};
use crate::web::extract::ApiQuery;
use crate::web::extract::Id;
use mentorhub_domain::local_time::local;

pub struct MiniRow {
    id: Uuid,
    title: String,
    status: &'static str,
    status_label: &'static str,
    type_label: &'static str,
    duration: i32,
    urgency: &'static str,
    mentee_name: String,
    claimer_name: Option<String>,
    session_when: Option<String>,
    meeting_url: Option<String>,
    expiry_note: String,
    can_cancel: bool,
}

fn row(v: &MiniView, zone: &str) -> MiniRow {
    let r = &v.request;
    let live_session = v.session.as_ref().filter(|s| s.status != SessionStatus::Cancelled);
    MiniRow {
        id: r.id,
        title: r.title.clone(),
        status: v.status.as_str(),
        status_label: v.status.label(),
        type_label: r.session_type.label(),
        duration: r.duration,
        urgency: r.urgency.as_str(),
        mentee_name: r.mentee_name.clone(),
        claimer_name: r.claimer_name.clone(),
        session_when: live_session.map(|s| local(s.scheduled_at, zone)),
        meeting_url: live_session
            .filter(|s| s.status == SessionStatus::Scheduled)
            .map(|s| s.meeting_url.clone()),
        expiry_note: match v.status {
            MiniStatus::Open => format!("Open until {}", local(r.expires_at, zone)),
            MiniStatus::Expired => format!("Expired {}", local(r.expires_at, zone)),
            _ => format!("Asked {}", local(r.created_at, zone)),
        },
        can_cancel: matches!(v.status, MiniStatus::Open | MiniStatus::Claimed),
    }
}

fn types() -> Vec<(&'static str, &'static str)> {
    SessionType::ALL.iter().map(|t| (t.as_str(), t.label())).collect()
}

pub struct RequestForm {
    title: String,
    session_type: String,
    description: String,
    duration: i64,
    urgency: String,
    dates: Vec<String>,
}

impl Default for RequestForm {
    fn default() -> Self {
        Self {
            title: String::new(),
            session_type: "interview_prep".into(),
            description: String::new(),
            duration: 30,
            urgency: "medium".into(),
            dates: vec![String::new(); 5],
        }
    }
}

#[derive(Template)]
#[template(path = "mini_dashboard.html")]
struct DashboardPage {
    shell: Shell,
    requests: Vec<MiniRow>,
    ttl_days: u64,
    show_form: bool,
    types: Vec<(&'static str, &'static str)>,
    form: RequestForm,
    errors: FieldErrors,
    zone: String,
}

#[derive(Deserialize)]
pub struct DashboardQuery {
    new: Option<String>,
}

async fn dashboard_page(
    state: &AppState,
    shell: Shell,
    me: &UserRecord,
    show_form: bool,
    form: RequestForm,
    errors: FieldErrors,
) -> Result<Response> {
    let requests = if me.is_mentee {
        mini::my_requests(state, me).await?
    } else {
        Vec::new()
    };
    let page = DashboardPage {
        requests: requests.iter().map(|v| row(v, &me.timezone)).collect(),
        ttl_days: state.config.mini_request_ttl.as_secs().div_ceil(86_400),
        show_form,
        types: types(),
        form,
        zone: me.timezone.clone(),
        errors,
        shell,
    };
    let failed = !page.errors.is_empty();
    let mut response = page.shell.render(&page);
    if failed {
        *response.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(response)
}

pub async fn dashboard(
    State(state): State<AppState>,
    shell: Shell,
    ApiQuery(q): ApiQuery<DashboardQuery>,
) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in("/mentorship/dashboard"));
    };
    if !me.is_mentee {
        return Ok(Redirect::to("/mini").into_response());
    }
    dashboard_page(
        &state,
        shell,
        &me,
        q.new.is_some(),
        RequestForm::default(),
        FieldErrors::new(),
    )
    .await
}

#[derive(Deserialize)]
pub struct RequestFields {
    #[serde(default)]
    title: String,
    #[serde(default)]
    session_type: String,
    #[serde(default)]
    description: String,
    duration: Option<i64>,
    #[serde(default)]
    urgency: String,
    #[serde(default)]
    date_0: String,
    #[serde(default)]
    date_1: String,
    #[serde(default)]
    date_2: String,
    #[serde(default)]
    date_3: String,
    #[serde(default)]
    date_4: String,
}

pub async fn create(
    State(state): State<AppState>,
    shell: Shell,
    CsrfForm(f): CsrfForm<RequestFields>,
) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in("/mentorship/dashboard"));
    };
    let raw_dates = [&f.date_0, &f.date_1, &f.date_2, &f.date_3, &f.date_4];
    let dates: Vec<String> = raw_dates
        .iter()
        .map(|d| d.trim())
        .filter(|d| !d.is_empty())
        .map(|d| local_input_to_utc(d, &me.timezone))
        .collect();
    let input = NewRequest {
        title: Some(&f.title),
        session_type: Some(&f.session_type),
        description: Some(&f.description),
        duration: f.duration,
        urgency: Some(&f.urgency),
        preferred_dates: &dates,
    };
    match mini::create(&state, &me, input).await.map_err(Error::from) {
        Ok(v) => Ok(redirect_with_flash(
            &format!("/mentorship/dashboard#mini-{}", v.request.id),
            "success",
            "Your request is open. Mentors who fit will see it.",
            state.config.secure_cookies(),
        )),
        Err(Error::Validation(errors)) => {
            let form = RequestForm {
                title: f.title.clone(),
                session_type: f.session_type.clone(),
                description: f.description.clone(),
                duration: f.duration.unwrap_or(30),
                urgency: f.urgency.clone(),
                dates: raw_dates.iter().map(|d| d.to_string()).collect(),
            };
            dashboard_page(&state, shell, &me, true, form, errors).await
        }
        Err(other) => Err(other),
    }
}

#[derive(Template)]
#[template(path = "mini_board.html")]
struct BoardPage {
    shell: Shell,
    is_mentor: bool,
    is_mentee: bool,
    types: Vec<(&'static str, &'static str)>,
    filter_type: String,
    filter_urgency: String,
    filter_max: Option<i64>,
    open: Vec<MiniRow>,
    claimed: Vec<MiniRow>,
}

#[derive(Deserialize)]
pub struct BoardQuery {
    #[serde(rename = "type", default)]
    session_type: String,
    #[serde(default)]
    urgency: String,
    #[serde(default)]
    max: String,
}

pub async fn board(State(state): State<AppState>, shell: Shell, ApiQuery(q): ApiQuery<BoardQuery>) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in("/mini"));
    };
    if !me.is_mentor {
        // Mentees keep their requests on the mentorship dashboard.
        return Ok(Redirect::to("/mentorship/dashboard").into_response());
    }
    let max = q.max.trim().parse::<i64>().ok();
    let (open, claimed) = if me.is_mentor {
        let filter = mini::parse_filter(Some(&q.session_type), Some(&q.urgency), max).unwrap_or_default();
        (
            mini::open(&state, &me, &filter).await?,
            mini::claimed(&state, &me).await?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let page = BoardPage {
        is_mentor: me.is_mentor,
        is_mentee: me.is_mentee,
        types: types(),
        filter_type: q.session_type,
        filter_urgency: q.urgency,
        filter_max: max,
        open: open.iter().map(|v| row(v, &me.timezone)).collect(),
        claimed: claimed.iter().map(|v| row(v, &me.timezone)).collect(),
        shell,
    };
    Ok(page.shell.render(&page))
}

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
    let preferred = v
        .request
        .preferred_dates
        .iter()
        .map(|d: &DateTime<Utc>| (d.to_rfc3339(), local(*d, &me.timezone)))
        .collect();
    let page = DetailPage {
        r: row(&v, &me.timezone),
        back: if mine { "/mentorship/dashboard" } else { "/mini" },
        description: v.request.description.clone(),
        zone: me.timezone.clone(),
        preferred,
        outcome: v.request.outcome.clone(),
        notes: v.session.as_ref().and_then(|s| s.notes.clone()),
        can_claim: me.is_mentor && !mine && v.status == MiniStatus::Open,
        can_schedule: claimer && v.status == MiniStatus::Claimed,
        can_cancel: mine && matches!(v.status, MiniStatus::Open | MiniStatus::Claimed),
        complete_session,
        shell,
    };
    Ok(page.shell.render(&page))
}

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
                .map_err(Error::from)
                .map(|_| "You claimed the request. Pick a time next."),
            format!("/mini/{id}"),
        ),
        "release" => (
            mini::release(&state, &me, id)
                .await
                .map_err(Error::from)
                .map(|_| "Released; it is open for others again."),
            "/mini".to_owned(),
        ),
        "cancel" => (
            mini::cancel(&state, &me, id)
                .await
                .map_err(Error::from)
                .map(|_| "Your request was cancelled."),
            "/mentorship/dashboard".to_owned(),
        ),
        "schedule" => (
            mini::schedule(&state, &me, id, f.start.as_deref())
                .await
                .map_err(Error::from)
                .map(|_| "Scheduled. The mentee was told, with the meeting link."),
            format!("/mini/{id}"),
        ),
        _ => return Err(Error::NotFound),
    };
    finish(&state, result, &back)
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
    finish(
        &state,
        result.map(|_| "Marked as completed.").map_err(Error::from),
        &back,
    )
}

fn finish(state: &AppState, result: std::result::Result<&str, Error>, back: &str) -> Result<Response> {
    let secure = state.config.secure_cookies();
    match result {
        Ok(message) => Ok(redirect_with_flash(back, "success", message, secure)),
        Err(err @ (Error::Conflict(..) | Error::Forbidden(_))) => {
            Ok(redirect_with_flash(back, "error", &err.to_string(), secure))
        }
        Err(Error::Validation(errors)) => {
            let message = errors.0.values().next().cloned().unwrap_or_default();
            Ok(redirect_with_flash(back, "error", &message, secure))
        }
        Err(other) => Err(other),
    }
}
