//! Events for open pages. A message is committed first, then published:
//! on PostgreSQL through NOTIFY (so every instance hears it, including this
//! one), on SQLite straight to this process's hub. Payloads carry ids, not
//! bodies (NOTIFY payloads are small); the delivering instance reads the
//! message from the database.

use mentorhub_store::BackendKind;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::frames::ServerFrame;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Event {
    #[serde(rename_all = "camelCase")]
    Message { to: Vec<Uuid>, message_id: Uuid },
    /// A message in a group session's room.
    #[serde(rename_all = "camelCase")]
    GroupMessage { to: Vec<Uuid>, message_id: Uuid },
    #[serde(rename_all = "camelCase")]
    Read {
        to: Vec<Uuid>,
        conversation_id: Uuid,
        user_id: Uuid,
        read_at: String,
    },
    #[serde(rename_all = "camelCase")]
    Notification { to: Vec<Uuid> },
    /// The person was suspended or closed their account: close their sockets.
    SignedOut { user: Uuid },
}

pub async fn publish(state: &AppState, event: Event) {
    publish_all(state, &[event]).await
}

/// Publishes events in order, together (one NOTIFY transaction on
/// PostgreSQL, see `publisher.rs`).
pub async fn publish_all(state: &AppState, events: &[Event]) {
    let payloads: Vec<String> = events.iter().filter_map(encode).collect();
    let unpublished = match state.store.kind() {
        BackendKind::Postgres => match state.publisher.publish(&state.store, payloads).await {
            Ok(()) => return,
            Err(payloads) => payloads,
        },
        // One process: it delivers its own events.
        BackendKind::Sqlite => payloads,
    };
    for payload in &unpublished {
        dispatch(state, payload).await;
    }
}

fn encode(event: &Event) -> Option<String> {
    serde_json::to_string(event).ok()
}

/// Delivers a published event to this process's connections.
pub async fn dispatch(state: &AppState, payload: &str) {
    let Ok(event) = serde_json::from_str::<Event>(payload) else {
        return;
    };
    match event {
        Event::Message { to, message_id } => {
            if to.iter().any(|u| state.hub.is_connected(*u)) {
                deliver(state, &to, state.store.message(message_id).await);
            }
        }
        Event::GroupMessage { to, message_id } => {
            if to.iter().any(|u| state.hub.is_connected(*u)) {
                deliver(state, &to, state.store.group_message(message_id).await);
            }
        }
        Event::Read {
            to,
            conversation_id,
            user_id,
            read_at,
        } => {
            let frame = ServerFrame::Read {
                conversation_id,
                user_id,
                read_at,
            }
            .to_text();
            for user in to {
                state.hub.send(user, &frame);
            }
        }
        Event::SignedOut { user } => {
            state.tokens.forget_user(user);
            state.hub.disconnect(user);
        }
        Event::Notification { to } => {
            for user in to {
                if !state.hub.is_connected(user) {
                    continue;
                }
                let frame = ServerFrame::Notification {
                    unread_notifications: state.store.unread_notifications(user).await.unwrap_or(0),
                    unread_messages: state.store.unread_messages(user).await.unwrap_or(0),
                    unread_alerts: state.store.unread_alerts(user).await.unwrap_or(0),
                }
                .to_text();
                state.hub.send(user, &frame);
            }
        }
    }
}

/// Sends a message, read after commit, to those of `to` connected here.
fn deliver(
    state: &AppState,
    to: &[Uuid],
    found: Result<Option<mentorhub_store::MessageRecord>, mentorhub_store::StoreError>,
) {
    let Ok(Some(m)) = found else {
        return;
    };
    let frame = ServerFrame::Message { message: m.into() }.to_text();
    for user in to {
        state.hub.send(*user, &frame);
    }
}

/// Forwards events from the database to this process until the task ends
/// (PostgreSQL only; reconnects after errors).
pub async fn listen_forever(state: AppState) {
    loop {
        match state.store.event_listener().await {
            Ok(Some(mut listener)) => loop {
                match listener.recv().await {
                    Ok(payload) => dispatch(&state, &payload).await,
                    Err(err) => {
                        tracing::warn!(error = %err, "event listener lost its connection");
                        break;
                    }
                }
            },
            Ok(None) => return,
            Err(err) => tracing::warn!(error = %err, "could not listen for events"),
        }
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    }
}
