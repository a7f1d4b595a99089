//! What a chat message leaves behind besides itself: the recipient's
//! notification (written with the message, as they chose) and the events
//! that reach open pages, also when many are sent at once.

use std::collections::HashSet;

use serde_json::{json, Value};

use super::chat::{next_of, socket};
use crate::harness::TestApp;

async fn notifications(app: &TestApp, token: &str) -> Vec<Value> {
    app.get("/api/notifications", Some(token)).await.json()["items"]
        .as_array()
        .expect("items")
        .clone()
}

#[tokio::test]
async fn a_message_notifies_its_recipient_unless_they_turned_chat_notices_off() {
    let app = TestApp::spawn().await;
    let (wants, wants_id) = app.mentor("wants@example.com", "Wanda", json!({})).await;
    let (quiet, quiet_id) = app.mentor("quiet@example.com", "Quinn", json!({})).await;
    let turned_off = app
        .put(
            "/api/me/notification-preferences",
            json!({"kinds": [{"kind": "chat_messages", "email": true, "inApp": false}]}),
            Some(&quiet),
        )
        .await;
    assert_eq!(turned_off.status, axum::http::StatusCode::OK, "{}", turned_off.text());
    let (mentee, _) = app.register("e@example.com", &["mentee"]).await;

    let to_wanda = app
        .post(
            "/api/chat",
            json!({"recipientId": wants_id, "body": "Hello Wanda"}),
            Some(&mentee),
        )
        .await
        .json();
    let to_quinn = app
        .post(
            "/api/chat",
            json!({"recipientId": quiet_id, "body": "Hello Quinn"}),
            Some(&mentee),
        )
        .await;
    assert_eq!(to_quinn.status, axum::http::StatusCode::CREATED, "{}", to_quinn.text());

    let for_wanda = notifications(&app, &wants).await;
    assert_eq!(for_wanda.len(), 1, "{for_wanda:?}");
    assert_eq!(for_wanda[0]["kind"], "chat_message");
    assert_eq!(for_wanda[0]["title"], "Test Person sent you a message");
    assert_eq!(for_wanda[0]["body"], "Hello Wanda");
    assert_eq!(
        for_wanda[0]["link"],
        format!("/chat/{}", to_wanda["conversationId"].as_str().unwrap())
    );
    assert!(
        notifications(&app, &quiet).await.is_empty(),
        "Quinn chose no chat notices"
    );
    // The message itself reached Quinn all the same.
    let threads = app.get("/api/chat", Some(&quiet)).await.json();
    assert_eq!(threads["items"][0]["lastMessage"]["body"], "Hello Quinn", "{threads}");
}

/// Sent together, messages still each reach the open socket once (on
/// PostgreSQL their events share NOTIFY transactions).
#[tokio::test]
async fn a_burst_of_messages_reaches_the_open_socket_each_once() {
    let app = TestApp::spawn().await;
    let (mentor, mentor_id) = app.mentor("m@example.com", "Mona", json!({})).await;
    let server = app.serve().await;
    let mut mentor_ws = socket(&server.base, &mentor).await;
    let mut senders = Vec::new();
    for i in 0..4 {
        senders.push(app.register(&format!("e{i}@example.com"), &["mentee"]).await.0);
    }
    let sends = (0..16).map(|n| {
        let (app, token, mentor_id) = (&app, &senders[n % senders.len()], &mentor_id);
        async move {
            let sent = app
                .post(
                    "/api/chat",
                    json!({"recipientId": mentor_id, "body": format!("burst {n}")}),
                    Some(token),
                )
                .await;
            assert_eq!(sent.status, axum::http::StatusCode::CREATED, "{}", sent.text());
            sent.json()["id"].as_str().unwrap().to_owned()
        }
    });
    let sent: HashSet<String> = futures_util::future::join_all(sends).await.into_iter().collect();
    let mut received = HashSet::new();
    while received.len() < sent.len() {
        let frame = next_of(&mut mentor_ws, "message").await;
        let id = frame["message"]["id"].as_str().unwrap().to_owned();
        assert!(received.insert(id.clone()), "{id} arrived twice");
    }
    assert_eq!(received, sent);
    // And nothing arrives twice after the last one.
    let extra = tokio::time::timeout(
        std::time::Duration::from_millis(500),
        next_of(&mut mentor_ws, "message"),
    )
    .await;
    assert!(extra.is_err(), "a message arrived again: {extra:?}");
}
