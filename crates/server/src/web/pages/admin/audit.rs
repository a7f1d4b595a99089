//! `/admin/audit`: every admin action, newest first.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use mentorhub_store::AuditRecord;
use serde::Deserialize;

use super::{admin, TABS};
use crate::state::AppState;
use crate::web::error::Result;
use crate::web::extract::ApiQuery;
use crate::web::pages::shell::Shell;
use crate::web::pagination::PageRequest;

#[derive(Deserialize)]
pub struct AuditQuery {
    pub cursor: Option<String>,
}

#[derive(Template)]
#[template(path = "admin_audit.html")]
struct AuditPage {
    shell: Shell,
    tabs: [(&'static str, &'static str); 5],
    current_tab: &'static str,
    entries: Vec<AuditRecord>,
    next: Option<String>,
}

pub async fn page(State(state): State<AppState>, shell: Shell, ApiQuery(q): ApiQuery<AuditQuery>) -> Result<Response> {
    admin(&shell)?;
    let page = PageRequest::parse(Some(50), q.cursor.as_deref())?;
    let listed = page.page(state.store.audit_log(page.limit, page.offset).await?, |a| a);
    let page = AuditPage {
        tabs: TABS,
        current_tab: "/admin/audit",
        entries: listed.items,
        next: listed.next_cursor,
        shell,
    };
    Ok(page.shell.render(&page))
}
