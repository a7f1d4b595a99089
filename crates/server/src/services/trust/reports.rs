//! Filing a report: about a person, a message, a mini request, a group
//! session or a program the caller can see (404 otherwise, as for anything
//! they may not know exists). Admins are told in the app.

use mentorhub_domain::trust::{parse_details, ReportReason, ReportSubject};
use mentorhub_domain::FieldErrors;
use mentorhub_store::{NewReport, ReportRecord, UserRecord};
use uuid::Uuid;

use crate::services::conflict::Conflict;
use crate::services::error::Error;
use crate::services::{chat, groups, mini, progress};
use crate::state::AppState;

pub struct ReportInput<'a> {
    pub subject_type: Option<&'a str>,
    pub subject_id: Option<&'a str>,
    pub reason: Option<&'a str>,
    pub details: Option<&'a str>,
}

pub async fn file(state: &AppState, me: &UserRecord, input: ReportInput<'_>) -> Result<ReportRecord, Error> {
    let mut errors = FieldErrors::new();
    let subject_type = input.subject_type.and_then(ReportSubject::parse);
    if subject_type.is_none() {
        errors.add(
            "subjectType",
            "subjectType must be user, message, mini_request, group_session or program.",
        );
    }
    let subject_id = input.subject_id.and_then(|s| Uuid::parse_str(s.trim()).ok());
    if subject_id.is_none() {
        errors.add("subjectId", "subjectId must be the id of what you report.");
    }
    let reason = input.reason.and_then(ReportReason::parse);
    if reason.is_none() {
        errors.add("reason", "Choose a reason: spam, harassment, inappropriate or other.");
    }
    let details = errors.take("details", parse_details(input.details));
    errors.into_result()?;
    let (Some(subject_type), Some(subject_id), Some(reason), Some(details)) =
        (subject_type, subject_id, reason, details)
    else {
        return Err(Error::internal("validated fields missing"));
    };
    let (owner, excerpt) = subject(state, me, subject_type, subject_id).await?;
    if owner == me.id {
        return Err(Conflict::OwnAccount.into());
    }
    let report = NewReport {
        id: Uuid::new_v4(),
        reporter_id: me.id,
        subject_type,
        subject_id,
        subject_user_id: owner,
        excerpt: excerpt.chars().take(500).collect(),
        reason,
        details,
    };
    let saved = state.store.create_report(&report, state.clock.now()).await?;
    tracing::info!(report.id = %saved.id, report.subject = subject_type.as_str(), "report filed");
    Ok(saved)
}

/// Whose the subject is and what it says, if the caller can see it (404
/// otherwise).
pub async fn subject(
    state: &AppState,
    me: &UserRecord,
    kind: ReportSubject,
    id: Uuid,
) -> Result<(Uuid, String), Error> {
    match kind {
        ReportSubject::User => {
            let user = match state.store.user_by_id(id).await {
                Ok(u) if u.deleted_at.is_none() => u,
                Ok(_) | Err(mentorhub_store::StoreError::NotFound) => return Err(Error::NotFound),
                Err(other) => return Err(other.into()),
            };
            let public = state.store.mentor_detail(id).await?.is_some();
            if !public && user.id != me.id && !state.store.have_met(me.id, id).await? {
                return Err(Error::NotFound);
            }
            Ok((user.id, user.name))
        }
        ReportSubject::Message => {
            if let Some(m) = state.store.message(id).await? {
                chat::visible(state, me, m.conversation_id).await?;
                return Ok((m.sender_id, m.body));
            }
            let m = state.store.group_message(id).await?.ok_or(Error::NotFound)?;
            groups::room(state, me, m.conversation_id).await?;
            Ok((m.sender_id, m.body))
        }
        ReportSubject::MiniRequest => {
            let v = mini::requests::get(state, me, id).await?;
            Ok((
                v.request.mentee_id,
                format!("{}: {}", v.request.title, v.request.description),
            ))
        }
        ReportSubject::GroupSession => {
            let g = groups::visible(state, me.id, id).await?;
            Ok((g.host_id, format!("{}: {}", g.title, g.description)))
        }
        ReportSubject::Program => {
            let p = progress::programs::visible(state, me, id).await?;
            Ok((p.owner_id, format!("{}: {}", p.title, p.description)))
        }
    }
}
