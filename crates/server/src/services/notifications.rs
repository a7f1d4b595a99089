//! Writing in-app notifications. A failure to notify is logged and does
//! not undo the change that caused it.

use mentorhub_store::NewNotification;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::realtime::events::{self, Event};
use crate::services::error::Error;
use crate::services::mail;
use crate::services::preferences::{self, Channel};
use crate::state::AppState;

/// The payload of a `notify` job: a notification decided earlier, written
/// by the job runner (`jobs::notify`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Payload {
    pub user_id: Uuid,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub link: Option<String>,
}

/// Writes a notification the person wants in the app; true when one was
/// written (and its badge update published).
pub async fn send(
    state: &AppState,
    user_id: Uuid,
    kind: &'static str,
    title: String,
    body: String,
    link: Option<String>,
) -> bool {
    if !preferences::allows(state, user_id, kind, Channel::InApp)
        .await
        .unwrap_or(true)
    {
        return false;
    }
    match write(state, user_id, kind, title, body, link).await {
        Ok(()) => true,
        Err(err) => {
            tracing::error!(user.id = %user_id, notification.kind = kind, error = %err, "could not write a notification");
            false
        }
    }
}

/// In the app and by email now: for work that is itself a job (sweeps),
/// so the email's dedup key (`about`) keeps a rerun from mailing twice.
pub async fn send_and_mail(
    state: &AppState,
    user: Uuid,
    kind: &'static str,
    (title, body, link): (&str, &str, &str),
    about: impl std::fmt::Display,
) {
    let email = mail::events::notification(state, user, kind, (title, body, Some(link)), about);
    mail::events::enqueue_now(state, email).await;
    send(
        state,
        user,
        kind,
        title.to_owned(),
        body.to_owned(),
        Some(link.to_owned()),
    )
    .await;
}

/// Writes a notification and reports a failure (for jobs, which retry).
pub async fn write(
    state: &AppState,
    user_id: Uuid,
    kind: &str,
    title: String,
    body: String,
    link: Option<String>,
) -> Result<(), Error> {
    let notification = NewNotification {
        user_id,
        kind: kind.to_owned(),
        title,
        body,
        link,
    };
    state.store.notify(&notification, state.clock.now()).await?;
    // Open pages update their badges at once.
    events::publish(state, Event::Notification { to: vec![user_id] }).await;
    Ok(())
}

/// Like `send`, but collapses into the person's unread notification of the
/// same kind: `many` is the title suffix after the count and the link of
/// the collapsed row.
pub async fn send_collapsed(
    state: &AppState,
    user_id: Uuid,
    kind: &'static str,
    title: String,
    body: String,
    link: Option<String>,
    many: (&str, &str),
) {
    if !preferences::allows(state, user_id, kind, Channel::InApp)
        .await
        .unwrap_or(true)
    {
        return;
    }
    let notification = NewNotification {
        user_id,
        kind: kind.to_owned(),
        title,
        body,
        link,
    };
    let written = state
        .store
        .notify_collapsed(&notification, kind, many.0, many.1, state.clock.now())
        .await;
    match written {
        Ok(_) => events::publish(state, Event::Notification { to: vec![user_id] }).await,
        Err(err) => {
            tracing::error!(user.id = %user_id, notification.kind = kind, error = %err, "could not write a notification")
        }
    }
}
