//! `/admin/reports`: the queue of open reports (oldest first) with what
//! was reported, and the three decisions; resolved ones on their own tab.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use mentorhub_domain::trust::ReportStatus;
use mentorhub_store::ReportRecord;
use serde::Deserialize;

use super::{admin, TABS};
use crate::services::trust::moderation;
use crate::state::AppState;
use crate::web::error::Result;
use crate::web::extract::{ApiQuery, Id};
use crate::web::pages::form::CsrfForm;
use crate::web::pages::shell::{flash_outcome, Shell};

#[derive(Deserialize)]
pub struct ReportsQuery {
    pub status: Option<String>,
}

#[derive(Template)]
#[template(path = "admin_reports.html")]
struct ReportsPage {
    shell: Shell,
    tabs: [(&'static str, &'static str); 5],
    current_tab: &'static str,
    open: bool,
    reports: Vec<ReportRecord>,
}

impl ReportsPage {
    /// Where the reported thing can be seen, when it has a page.
    fn subject_link(&self, r: &ReportRecord) -> Option<String> {
        use mentorhub_domain::trust::ReportSubject::*;
        match r.subject_type {
            User => Some(format!("/mentors/{}", r.subject_id)),
            GroupSession => Some(format!("/groups/{}", r.subject_id)),
            Program => Some(format!("/programs/{}", r.subject_id)),
            MiniRequest => Some(format!("/mini/{}", r.subject_id)),
            Message => None,
        }
    }
}

pub async fn page(
    State(state): State<AppState>,
    shell: Shell,
    ApiQuery(q): ApiQuery<ReportsQuery>,
) -> Result<Response> {
    admin(&shell)?;
    let open = q.status.as_deref() != Some("resolved");
    let status = if open {
        ReportStatus::Open
    } else {
        ReportStatus::Resolved
    };
    let mut reports = state.store.reports(status, 100, 0).await?;
    reports.truncate(100);
    let page = ReportsPage {
        tabs: TABS,
        current_tab: "/admin/reports",
        open,
        reports,
        shell,
    };
    Ok(page.shell.render(&page))
}

#[derive(Deserialize)]
pub struct ResolveForm {
    pub action: Option<String>,
    pub note: Option<String>,
}

pub async fn resolve(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    CsrfForm(f): CsrfForm<ResolveForm>,
) -> Result<Response> {
    let me = admin(&shell)?;
    let result = moderation::resolve(&state, &me, id, f.action.as_deref(), f.note.as_deref())
        .await
        .map(|r| match r.action.map(|a| a.as_str()) {
            Some("suspend_user") => format!("Resolved: {} is suspended.", r.subject_user_name),
            Some("remove_content") => "Resolved: the content was removed.".to_owned(),
            _ => "Resolved: dismissed.".to_owned(),
        });
    flash_outcome("/admin/reports", result, state.config.secure_cookies())
}
