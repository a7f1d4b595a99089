//! `/admin/users`: people by name or email, with their roles, last
//! activity, no-shows and open reports; suspend (with a reason) and restore.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use mentorhub_domain::trust::last_active_phrase;
use mentorhub_store::AdminUserRecord;
use serde::Deserialize;

use super::{admin, TABS};
use crate::services::trust::moderation;
use crate::state::AppState;
use crate::web::error::Result;
use crate::web::extract::{ApiQuery, Id};
use crate::web::pages::form::{CsrfForm, NoFields};
use crate::web::pages::shell::{flash_outcome, Shell};
use crate::web::pagination::PageRequest;

#[derive(Deserialize)]
pub struct UsersQuery {
    pub q: Option<String>,
    pub cursor: Option<String>,
}

struct Row {
    r: AdminUserRecord,
    roles: String,
    active: &'static str,
}

#[derive(Template)]
#[template(path = "admin_users.html")]
struct UsersPage {
    shell: Shell,
    tabs: [(&'static str, &'static str); 5],
    current_tab: &'static str,
    q: String,
    rows: Vec<Row>,
    next: Option<String>,
}

pub async fn page(State(state): State<AppState>, shell: Shell, ApiQuery(q): ApiQuery<UsersQuery>) -> Result<Response> {
    admin(&shell)?;
    let page = PageRequest::parse(Some(50), q.cursor.as_deref())?;
    let text: String = q.q.unwrap_or_default().chars().take(100).collect();
    let found = state.store.admin_users(&text, page.limit, page.offset).await?;
    let now = state.clock.now();
    let listed = page.page(found, |r| Row {
        roles: [
            (r.user.is_mentee, "mentee"),
            (r.user.is_mentor, "mentor"),
            (r.user.is_admin, "admin"),
        ]
        .into_iter()
        .filter(|(has, _)| *has)
        .map(|(_, role)| role)
        .collect::<Vec<_>>()
        .join(", "),
        active: last_active_phrase(r.user.last_active_at, now).unwrap_or("Never signed in"),
        r,
    });
    let page = UsersPage {
        tabs: TABS,
        current_tab: "/admin/users",
        q: text,
        rows: listed.items,
        next: listed.next_cursor,
        shell,
    };
    Ok(page.shell.render(&page))
}

#[derive(Deserialize)]
pub struct SuspendForm {
    pub reason: Option<String>,
}

pub async fn suspend(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    CsrfForm(f): CsrfForm<SuspendForm>,
) -> Result<Response> {
    let me = admin(&shell)?;
    let result = moderation::suspend(&state, &me, id, f.reason.as_deref())
        .await
        .map(|u| format!("{} is suspended; their future sessions were cancelled.", u.name));
    flash_outcome("/admin/users", result, state.config.secure_cookies())
}

pub async fn restore(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response> {
    let me = admin(&shell)?;
    let result = moderation::restore(&state, &me, id)
        .await
        .map(|u| format!("{} can sign in again.", u.name));
    flash_outcome("/admin/users", result, state.config.secure_cookies())
}
