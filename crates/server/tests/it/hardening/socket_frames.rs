//! A WebSocket client that sends more than a socket's small buffers are for
//! (what clients send is a few dozen bytes) is cut off; the server, and the
//! person's other sockets, go on.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::json;
use tokio_tungstenite::tungstenite::Message as Frame;

use crate::api::chat::{next_of, socket};
use crate::harness::TestApp;

#[tokio::test]
async fn an_oversized_client_frame_closes_only_that_socket() {
    let app = TestApp::spawn().await;
    let (mentor, mentor_id) = app.mentor("m@example.com", "Mona", json!({})).await;
    let (mentee, _) = app.register("e@example.com", &["mentee"]).await;
    let server = app.serve().await;
    let mut greedy = socket(&server.base, &mentor).await;
    let mut other = socket(&server.base, &mentor).await;

    let huge = json!({"type": "viewing", "conversationId": null, "padding": "x".repeat(64 * 1024)});
    // The write itself may already fail once the server hangs up.
    let _ = greedy.send(Frame::Text(huge.to_string().into())).await;
    let ended = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            match greedy.next().await {
                None | Some(Err(_)) | Some(Ok(Frame::Close(_))) => return true,
                Some(Ok(_)) => continue,
            }
        }
    })
    .await;
    assert_eq!(ended, Ok(true), "the server closes a socket sent a 64 KiB frame");

    // A frame of the usual size on the other socket is fine, and messages
    // still arrive there.
    other
        .send(Frame::Text(json!({"type": "ping"}).to_string().into()))
        .await
        .expect("a small frame is accepted");
    let sent = app
        .post(
            "/api/chat",
            json!({"recipientId": mentor_id, "body": "Still there?"}),
            Some(&mentee),
        )
        .await;
    assert_eq!(sent.status, axum::http::StatusCode::CREATED);
    let frame = next_of(&mut other, "message").await;
    assert_eq!(frame["message"]["body"], "Still there?");
}
