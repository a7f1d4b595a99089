//! `GET /api/ws`: pushes messages, read receipts and unread counts to the
//! signed-in user's open pages. Clients report which conversation they are
//! looking at (`{"type":"viewing","conversationId":...}`), which silences
//! notifications for it.

use axum::extract::ws::{Message as Frame, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::Response;
use futures_util::{SinkExt, StreamExt};
use tokio::sync::mpsc::UnboundedReceiver;
use uuid::Uuid;

use super::frames::ClientFrame;
use crate::services::Error as ServiceError;
use crate::state::AppState;
use crate::web::auth::current_user::Credential;
use crate::web::auth::CurrentUser;
use crate::web::error::Error;

/// A cookie-authenticated socket must come from our own pages (the Origin
/// header names our host), or another site could open it in a victim's name.
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
    origin
        .split("://")
        .nth(1)
        .is_some_and(|rest| rest.trim_end_matches('/') == host)
}

pub async fn connect(
    State(state): State<AppState>,
    current: CurrentUser,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Result<Response, Error> {
    if matches!(current.credential, Credential::Session(_)) && !same_origin(&headers) {
        return Err(Error::forbidden(
            "This socket must be opened from Mentorhub's own pages.",
        ));
    }
    let user = current.user.id;
    let (sender, receiver) = tokio::sync::mpsc::unbounded_channel::<String>();
    let Some(id) = state.hub.try_join(user, sender, state.limits.sockets_per_user) else {
        return Err(ServiceError::RateLimited(30).into());
    };
    // Leaves the hub however this ends, also when the upgrade never happens.
    let membership = Membership {
        state: state.clone(),
        user,
        id,
    };
    Ok(small_buffers(upgrade).on_upgrade(move |socket| serve(membership, receiver, socket)))
}

/// What a client sends is a few dozen bytes (`viewing`, `ping`), and what
/// we send is written and flushed a frame at a time, so a socket needs
/// small buffers: tungstenite's default 128 KiB read buffer made each idle
/// socket cost 134 KiB (10,000 sockets: 1.3 GiB; see BENCHMARKS.md). Larger
/// client messages are refused rather than buffered.
fn small_buffers(upgrade: WebSocketUpgrade) -> WebSocketUpgrade {
    const BUFFER: usize = 4 * 1024;
    const LARGEST_CLIENT_MESSAGE: usize = 16 * 1024;
    upgrade
        .read_buffer_size(BUFFER)
        .write_buffer_size(0)
        .max_write_buffer_size(256 * 1024)
        .max_message_size(LARGEST_CLIENT_MESSAGE)
        .max_frame_size(LARGEST_CLIENT_MESSAGE)
}

struct Membership {
    state: AppState,
    user: Uuid,
    id: u64,
}

impl Drop for Membership {
    fn drop(&mut self) {
        self.state.hub.leave(self.user, self.id);
    }
}

async fn serve(membership: Membership, mut receiver: UnboundedReceiver<String>, socket: WebSocket) {
    let (state, user) = (membership.state.clone(), membership.user);
    let (mut sink, mut stream) = socket.split();
    let mut forward = tokio::spawn(async move {
        while let Some(text) = receiver.recv().await {
            if sink.send(Frame::Text(text.into())).await.is_err() {
                return;
            }
        }
        // The hub let go of this connection (the person was signed out
        // everywhere): close the socket.
        let _ = sink.send(Frame::Close(None)).await;
    });
    let mut viewing: Option<Uuid> = None;
    loop {
        // Also stop reading when the hub let go of this connection (the
        // person was signed out everywhere), whatever the client does.
        let frame = tokio::select! {
            frame = stream.next() => frame,
            _ = &mut forward => break,
        };
        let Some(Ok(frame)) = frame else { break };
        let Frame::Text(text) = frame else { continue };
        match serde_json::from_str::<ClientFrame>(&text) {
            Ok(ClientFrame::Viewing { conversation_id }) => {
                if let Some(previous) = viewing.take() {
                    let _ = state.store.clear_presence(user, previous).await;
                }
                if let Some(conversation) = conversation_id {
                    let visible = matches!(state.store.conversation(conversation).await, Ok(Some(c)) if c.has(user));
                    if visible
                        && state
                            .store
                            .set_presence(user, conversation, state.clock.now())
                            .await
                            .is_ok()
                    {
                        viewing = Some(conversation);
                    }
                }
            }
            Ok(ClientFrame::Ping) | Err(_) => {}
        }
    }
    if let Some(conversation) = viewing {
        let _ = state.store.clear_presence(user, conversation).await;
    }
    drop(membership);
    forward.abort();
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn origins_must_match_the_host() {
        let mut headers = HeaderMap::new();
        assert!(same_origin(&headers), "no Origin: not a browser");
        headers.insert(header::HOST, HeaderValue::from_static("mentorhub.example"));
        headers.insert(header::ORIGIN, HeaderValue::from_static("https://mentorhub.example"));
        assert!(same_origin(&headers));
        headers.insert(header::ORIGIN, HeaderValue::from_static("https://evil.example"));
        assert!(!same_origin(&headers));
    }
}
