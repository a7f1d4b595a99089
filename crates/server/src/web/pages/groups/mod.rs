//! Group session pages: browse and filter (`/groups`), host one
//! (`/groups/new`), and each session's page with its room (`detail.rs`).

mod detail;
pub mod views;

pub use detail::{act, detail, send};

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use mentorhub_domain::group::GroupInput;
use mentorhub_domain::FieldErrors;
use serde::Deserialize;
use uuid::Uuid;

use crate::services::groups::{self, ListInput};
use crate::services::Error as ServiceError;
use crate::state::AppState;
use crate::web::error::Result;
use crate::web::extract::ApiQuery;
use crate::web::pages::form::{number_of, CsrfForm};
use crate::web::pages::session_views::local_input_to_utc;
use crate::web::pages::shell::{redirect_with_flash, to_sign_in, Shell};
use views::GroupView;

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    q: Option<String>,
    date: Option<String>,
    host: Option<String>,
    scope: Option<String>,
}

#[derive(Template)]
#[template(path = "groups.html")]
struct ListPage {
    shell: Shell,
    q: String,
    date: String,
    past: bool,
    host: String,
    mine: Vec<GroupView>,
    groups: Vec<GroupView>,
    can_host: bool,
    error: Option<String>,
}

pub async fn list(State(state): State<AppState>, shell: Shell, ApiQuery(q): ApiQuery<ListQuery>) -> Result<Response> {
    let (viewer, zone) = match &shell.user {
        Some(me) => (me.id, me.timezone.clone()),
        None => (Uuid::nil(), "UTC".to_owned()),
    };
    let now = state.clock.now();
    let input = ListInput {
        scope: q.scope.as_deref(),
        host_id: q.host.as_deref(),
        q: q.q.as_deref(),
        date: q.date.as_deref(),
        joined: false,
        limit: 50,
        offset: 0,
    };
    let (groups, error) = match groups::list(&state, viewer, &zone, input).await {
        Ok(rows) => (rows, None),
        Err(ServiceError::Invalid(errors)) => (Vec::new(), errors.0.into_values().next()),
        Err(other) => return Err(other.into()),
    };
    let mine = if viewer.is_nil() {
        Vec::new()
    } else {
        let joined = ListInput {
            joined: true,
            limit: 20,
            ..ListInput::default()
        };
        groups::list(&state, viewer, &zone, joined).await?
    };
    let view = |g| GroupView::new(g, viewer, &zone, now);
    let page = ListPage {
        can_host: shell.user.as_ref().is_some_and(|u| u.is_mentor),
        q: q.q.unwrap_or_default(),
        date: q.date.unwrap_or_default(),
        past: q.scope.as_deref() == Some("past"),
        host: q.host.unwrap_or_default(),
        mine: mine.into_iter().map(view).collect(),
        groups: groups.into_iter().map(view).collect(),
        error,
        shell,
    };
    Ok(page.shell.render(&page))
}

#[derive(Debug, Default, Deserialize)]
pub struct GroupFields {
    title: Option<String>,
    description: Option<String>,
    start: Option<String>,
    /// Text, so an empty field is a field error rather than a bad request.
    duration: Option<String>,
    capacity: Option<String>,
    audience: Option<String>,
}

#[derive(Template)]
#[template(path = "group_new.html")]
struct NewPage {
    shell: Shell,
    zone: String,
    f: GroupFields,
    errors: FieldErrors,
}

pub async fn new_page(State(state): State<AppState>, shell: Shell) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in("/groups/new"));
    };
    if !me.is_mentor {
        return Ok(redirect_with_flash(
            "/groups",
            "error",
            "Only mentors host group sessions.",
            state.config.secure_cookies(),
        ));
    }
    let page = NewPage {
        zone: me.timezone.clone(),
        f: GroupFields {
            duration: Some("60".into()),
            capacity: Some("10".into()),
            ..GroupFields::default()
        },
        errors: FieldErrors::new(),
        shell,
    };
    Ok(page.shell.render(&page))
}

pub async fn create(
    State(state): State<AppState>,
    shell: Shell,
    CsrfForm(f): CsrfForm<GroupFields>,
) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in("/groups/new"));
    };
    let start = f.start.as_deref().map(|s| local_input_to_utc(s, &me.timezone));
    let input = GroupInput {
        title: f.title.as_deref(),
        description: f.description.as_deref(),
        scheduled_at: start.as_deref(),
        duration: number_of(&f.duration),
        capacity: number_of(&f.capacity),
        audience: f.audience.as_deref(),
    };
    let errors = match groups::create(&state, &me, input).await {
        Ok(g) => {
            let to = format!("/groups/{}", g.id);
            let message = "Your group session is open. Share this page with your mentees.";
            return Ok(redirect_with_flash(
                &to,
                "success",
                message,
                state.config.secure_cookies(),
            ));
        }
        Err(ServiceError::Invalid(errors)) => errors,
        Err(ServiceError::Conflict(c)) => {
            let mut errors = FieldErrors::new();
            errors.add("scheduledAt", c.message());
            errors
        }
        Err(ServiceError::Forbidden(why)) => {
            return Ok(redirect_with_flash(
                "/groups",
                "error",
                &why,
                state.config.secure_cookies(),
            ))
        }
        Err(other) => return Err(other.into()),
    };
    let page = NewPage {
        zone: me.timezone.clone(),
        f,
        errors,
        shell,
    };
    Ok(page
        .shell
        .render_status(axum::http::StatusCode::UNPROCESSABLE_ENTITY, &page))
}
