//! What admins do: suspend and restore people, work the report queue. Every
//! action is written to the audit log. A suspended person's tokens are
//! revoked and their open sockets closed on every instance; their profile
//! leaves search and their future sessions are cancelled with notice.

use mentorhub_domain::trust::{parse_suspend_reason, ReportAction, ReportSubject};
use mentorhub_store::{ReportRecord, StoreError, UserRecord};
use uuid::Uuid;

use super::winding_down;
use crate::realtime::events::{self, Event};
use crate::services::conflict::Conflict;
use crate::services::error::Error;
use crate::services::groups;
use crate::state::AppState;

/// Admins only (the API answers 403; pages answer 404 before calling).
pub fn require_admin(me: &UserRecord) -> Result<(), Error> {
    if me.is_admin {
        Ok(())
    } else {
        Err(Error::forbidden("Only admins can do this."))
    }
}

async fn person(state: &AppState, id: Uuid) -> Result<UserRecord, Error> {
    match state.store.user_by_id(id).await {
        Ok(u) if u.deleted_at.is_none() => Ok(u),
        Ok(_) | Err(StoreError::NotFound) => Err(Error::NotFound),
        Err(other) => Err(other.into()),
    }
}

pub async fn suspend(
    state: &AppState,
    admin: &UserRecord,
    id: Uuid,
    reason: Option<&str>,
) -> Result<UserRecord, Error> {
    require_admin(admin)?;
    let reason = parse_suspend_reason(reason).map_err(|m| Error::field("reason", m))?;
    let target = person(state, id).await?;
    if target.id == admin.id {
        return Err(Conflict::OwnAccount.into());
    }
    let now = state.clock.now();
    if !state.store.suspend_user(id, &reason, now).await? {
        return Err(Conflict::SuspensionState(true).into());
    }
    // Signed out first (here at once, other instances when the event
    // reaches them), so nothing after this can leave them signed in.
    state.tokens.forget_user(id);
    events::publish(state, Event::SignedOut { user: id }).await;
    state
        .store
        .audit(admin.id, "suspend_user", "user", id, &reason, now)
        .await?;
    let why = "The other person's account was suspended.";
    let cancelled = winding_down::cancel_future_sessions(state, &target, why).await?;
    winding_down::withdraw_pending(state, &target, why).await?;
    winding_down::give_up_mini(state, &target).await?;
    tracing::info!(user.id = %id, sessions.cancelled = cancelled, "account suspended");
    Ok(state.store.user_by_id(id).await?)
}

pub async fn restore(state: &AppState, admin: &UserRecord, id: Uuid) -> Result<UserRecord, Error> {
    require_admin(admin)?;
    person(state, id).await?;
    let now = state.clock.now();
    if !state.store.restore_user(id, now).await? {
        return Err(Conflict::SuspensionState(false).into());
    }
    state.store.audit(admin.id, "restore_user", "user", id, "", now).await?;
    Ok(state.store.user_by_id(id).await?)
}

/// Resolves an open report with `action`; the first admin to resolve it wins.
pub async fn resolve(
    state: &AppState,
    admin: &UserRecord,
    id: Uuid,
    action: Option<&str>,
    note: Option<&str>,
) -> Result<ReportRecord, Error> {
    require_admin(admin)?;
    let action = action
        .and_then(ReportAction::parse)
        .ok_or_else(|| Error::field("action", "action must be dismiss, remove_content or suspend_user."))?;
    let note = mentorhub_domain::mentorship::parse_reason(note).map_err(|m| Error::field("note", m))?;
    let report = state.store.report(id).await?.ok_or(Error::NotFound)?;
    // Everything a suspension checks is checked before the report is
    // closed, so a report never reads "suspended" for nobody.
    let reason = note
        .clone()
        .filter(|n| parse_suspend_reason(Some(n)).is_ok())
        .unwrap_or_else(|| format!("Reported for {}", report.reason.label().to_lowercase()));
    if action == ReportAction::SuspendUser {
        if report.subject_user_id == admin.id {
            return Err(Conflict::OwnAccount.into());
        }
        person(state, report.subject_user_id).await?;
    }
    let now = state.clock.now();
    if !state
        .store
        .resolve_report(id, admin.id, action, note.as_deref(), now)
        .await?
    {
        return Err(Conflict::ReportResolved.into());
    }
    match action {
        ReportAction::Dismiss => {}
        ReportAction::RemoveContent => remove(state, admin, &report).await?,
        ReportAction::SuspendUser => match suspend(state, admin, report.subject_user_id, Some(&reason)).await {
            Ok(_) | Err(Error::Conflict(Conflict::SuspensionState(true))) => {}
            Err(other) => return Err(other),
        },
    }
    state.store.report(id).await?.ok_or(Error::NotFound)
}

/// Takes the reported content down (a person's profile text, for a user).
async fn remove(state: &AppState, admin: &UserRecord, report: &ReportRecord) -> Result<(), Error> {
    let now = state.clock.now();
    let id = report.subject_id;
    match report.subject_type {
        ReportSubject::Message => {
            state.store.remove_message(id, now).await?;
        }
        ReportSubject::MiniRequest => {
            state.store.remove_mini_request(id, now).await?;
        }
        ReportSubject::Program => {
            state.store.delete_program(id).await?;
        }
        ReportSubject::User => {
            state.store.remove_profile_text(id, now).await?;
        }
        ReportSubject::GroupSession => {
            let host = state.store.user_by_id(report.subject_user_id).await?;
            match groups::host::cancel(state, &host, id, Some("Removed by a moderator.")).await {
                Ok(_) | Err(Error::Conflict(_)) | Err(Error::NotFound) => {}
                Err(other) => return Err(other),
            }
        }
    }
    let what = report.subject_type.as_str();
    state
        .store
        .audit(admin.id, "remove_content", what, id, &report.excerpt, now)
        .await?;
    Ok(())
}
