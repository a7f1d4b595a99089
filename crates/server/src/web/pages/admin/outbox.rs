//! `/admin/outbox`: the email the server composed and the jobs that
//! failed, with a retry button (each retry is in the audit log).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use mentorhub_domain::local_time::local;
use mentorhub_store::JobStatus;

use super::admin;
use crate::services::mail::smtp::Mailer;
use crate::state::AppState;
use crate::web::error::Result;
use crate::web::extract::Id;
use crate::web::pages::form::{CsrfForm, NoFields};
use crate::web::pages::shell::{redirect_with_flash, Shell};

struct EmailRow {
    at: String,
    to: String,
    subject: String,
    text: String,
    status: String,
    error: Option<String>,
}

struct FailedRow {
    id: uuid::Uuid,
    kind: String,
    attempts: i32,
    at: String,
    error: String,
}

#[derive(Template)]
#[template(path = "admin_outbox.html")]
struct OutboxPage {
    shell: Shell,
    tabs: [(&'static str, &'static str); 5],
    current_tab: &'static str,
    smtp: bool,
    emails: Vec<EmailRow>,
    failed: Vec<FailedRow>,
}

pub async fn outbox(State(state): State<AppState>, shell: Shell) -> Result<Response> {
    let me = admin(&shell)?;
    let emails = state
        .store
        .recent_emails(100)
        .await?
        .into_iter()
        .map(|e| EmailRow {
            at: local(e.created_at, &me.timezone),
            to: e.recipient,
            subject: e.subject,
            text: e.text_body,
            status: e.status,
            error: e.last_error,
        })
        .collect();
    let failed = state
        .store
        .jobs_in(JobStatus::Failed, 100)
        .await?
        .into_iter()
        .map(|j| FailedRow {
            id: j.id,
            kind: j.kind,
            attempts: j.attempts,
            at: local(j.finished_at.unwrap_or(j.run_at), &me.timezone),
            error: j.last_error.unwrap_or_default(),
        })
        .collect();
    let page = OutboxPage {
        tabs: super::TABS,
        current_tab: "/admin/outbox",
        smtp: matches!(*state.mailer, Mailer::Smtp { .. }),
        emails,
        failed,
        shell,
    };
    Ok(page.shell.render(&page))
}

pub async fn retry_job(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response> {
    let me = admin(&shell)?;
    let message = if state.store.retry_failed_job(id, state.clock.now()).await? {
        state
            .store
            .audit(me.id, "retry_job", "job", id, "", state.clock.now())
            .await?;
        state.jobs_wake.notify_one();
        "The job runs again now."
    } else {
        "That job is not failed any more."
    };
    Ok(redirect_with_flash(
        "/admin/outbox",
        "success",
        message,
        state.config.secure_cookies(),
    ))
}
