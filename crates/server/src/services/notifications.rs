//! Writing in-app notifications. A failure to notify is logged and does
//! not undo the change that caused it.

use mentorhub_store::NewNotification;
use uuid::Uuid;

use crate::state::AppState;

pub async fn send(
    state: &AppState,
    user_id: Uuid,
    kind: &'static str,
    title: String,
    body: String,
    link: Option<String>,
) {
    let notification = NewNotification {
        user_id,
        kind,
        title,
        body,
        link,
    };
    if let Err(err) = state.store.notify(&notification, state.clock.now()).await {
        tracing::error!(user.id = %user_id, notification.kind = kind, error = %err, "could not write a notification");
    }
}
