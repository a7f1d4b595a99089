//! `/report`: tell the admins about a person, a message, a mini request, a
//! group session or a program. The form shows what is being reported;
//! anything the reporter cannot see is a 404.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use mentorhub_domain::trust::{ReportReason, ReportSubject};
use serde::Deserialize;
use uuid::Uuid;

use crate::services::trust::reports::{self, ReportInput};
use crate::services::Error as ServiceError;
use crate::state::AppState;
use crate::web::error::{Error, Result};
use crate::web::extract::ApiQuery;
use crate::web::pages::form::CsrfForm;
use crate::web::pages::shell::{redirect_with_flash, to_sign_in, Shell};

#[derive(Deserialize)]
pub struct ReportQuery {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub id: Option<String>,
    pub back: Option<String>,
}

#[derive(Template)]
#[template(path = "report.html")]
struct ReportPage {
    shell: Shell,
    kind: &'static str,
    what: String,
    id: Uuid,
    excerpt: String,
    back: String,
    reasons: &'static [ReportReason],
    error: Option<String>,
}

/// A path on this site to go back to (never another site): only the
/// plain characters our own links use, so no control character, space,
/// backslash or escape can turn it into another address or a bad header.
fn safe_back(back: Option<&str>) -> String {
    let plain = |b: &str| b.chars().all(|c| c.is_ascii_alphanumeric() || "/-_.?=&".contains(c));
    match back {
        Some(b) if b.starts_with('/') && !b.starts_with("//") && b.len() <= 200 && plain(b) => b.to_owned(),
        _ => "/dashboard".to_owned(),
    }
}

fn describe(kind: ReportSubject, owner: &str) -> String {
    match kind {
        ReportSubject::User => owner.to_owned(),
        ReportSubject::Message => format!("a message from {owner}"),
        ReportSubject::MiniRequest => format!("a mini request by {owner}"),
        ReportSubject::GroupSession => format!("a group session hosted by {owner}"),
        ReportSubject::Program => format!("a program by {owner}"),
    }
}

async fn render(state: &AppState, shell: Shell, q: ReportQuery, error: Option<String>) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in("/dashboard"));
    };
    let kind = q
        .kind
        .as_deref()
        .and_then(ReportSubject::parse)
        .ok_or(Error::NotFound)?;
    let id =
        q.id.as_deref()
            .and_then(|s| Uuid::parse_str(s.trim()).ok())
            .ok_or(Error::NotFound)?;
    let (owner, excerpt) = reports::subject(state, &me, kind, id).await?;
    let owner_name = state.store.user_by_id(owner).await?.name;
    let page = ReportPage {
        kind: kind.as_str(),
        what: describe(kind, &owner_name),
        id,
        excerpt: excerpt.chars().take(300).collect(),
        back: safe_back(q.back.as_deref()),
        reasons: ReportReason::ALL,
        error,
        shell,
    };
    Ok(page.shell.render(&page))
}

pub async fn form(State(state): State<AppState>, shell: Shell, ApiQuery(q): ApiQuery<ReportQuery>) -> Result<Response> {
    render(&state, shell, q, None).await
}

#[derive(Deserialize)]
pub struct ReportForm {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub id: Option<String>,
    pub back: Option<String>,
    pub reason: Option<String>,
    pub details: Option<String>,
}

pub async fn file(State(state): State<AppState>, shell: Shell, CsrfForm(f): CsrfForm<ReportForm>) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in("/dashboard"));
    };
    let input = ReportInput {
        subject_type: f.kind.as_deref(),
        subject_id: f.id.as_deref(),
        reason: f.reason.as_deref(),
        details: f.details.as_deref(),
    };
    let back = safe_back(f.back.as_deref());
    match reports::file(&state, &me, input).await {
        Ok(_) => Ok(redirect_with_flash(
            &back,
            "success",
            "Thank you. An admin will look at your report.",
            state.config.secure_cookies(),
        )),
        Err(ServiceError::Invalid(fields)) => {
            let message = fields.0.into_values().collect::<Vec<_>>().join(" ");
            let q = ReportQuery {
                kind: f.kind,
                id: f.id,
                back: Some(back),
            };
            render(&state, shell, q, Some(message)).await
        }
        Err(ServiceError::Conflict(c)) => Ok(redirect_with_flash(
            &back,
            "error",
            &c.message(),
            state.config.secure_cookies(),
        )),
        Err(other) => Err(other.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_back;

    #[test]
    fn going_back_stays_on_this_site() {
        assert_eq!(safe_back(Some("/chat/1")), "/chat/1");
        assert_eq!(safe_back(Some("//evil.example")), "/dashboard");
        assert_eq!(safe_back(Some("https://evil.example")), "/dashboard");
        assert_eq!(safe_back(None), "/dashboard");
        assert_eq!(safe_back(Some("/\n")), "/dashboard");
        assert_eq!(safe_back(Some("/\t/evil.example")), "/dashboard");
        assert_eq!(safe_back(Some("/%2F%2Fevil.example")), "/dashboard");
    }
}
