//! The mentee's mini mentorship card with its request dialog.

use super::rows::{row, types, MiniRow};
use crate::services::mini::{self, NewRequest};
use crate::state::AppState;
use crate::web::error::{Error, Result};
use crate::web::extract::ApiQuery;
use crate::web::pages::form::CsrfForm;
use crate::web::pages::session_views::local_input_to_utc;
use crate::web::pages::shell::{redirect_with_flash, to_sign_in, Shell};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use mentorhub_domain::FieldErrors;
use mentorhub_store::UserRecord;
use serde::Deserialize;

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
    is_mentor: bool,
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
        is_mentor: me.is_mentor,
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
