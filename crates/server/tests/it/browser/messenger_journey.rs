//! The messenger: Enter sends and Shift+Enter adds a line; a conversation
//! someone else starts appears in the open list without a reload.

use fantoccini::key::Key;
use serde_json::json;

use crate::harness::{browser, TestApp};

#[tokio::test]
async fn enter_sends_and_new_conversations_appear_live() {
    let app = TestApp::spawn().await;
    let Some(browser) = browser::launch().await else { return };
    let (_, mentor_id) = app.mentor("mentor@example.com", "Mona Mentor", json!({})).await;
    let (other, _) = app.register("other@example.com", &["mentee"]).await;
    app.register("mentee@example.com", &["mentee"]).await;
    let server = app.serve().await;

    browser.sign_in(&server.base, "mentor@example.com").await;
    browser.goto(&format!("{}/chat", server.base)).await;
    browser.wait_for_text("#conversations-heading", "Conversations").await;
    // Give the page's socket a moment to connect, then someone writes.
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    let first = app
        .post(
            "/api/chat",
            json!({"recipientId": mentor_id, "body": "Hello from a new mentee"}),
            Some(&other),
        )
        .await;
    assert_eq!(first.status, axum::http::StatusCode::CREATED);
    browser
        .wait_for_text("#conversation-list", "Hello from a new mentee")
        .await;
    browser.wait_for_text("#conversation-list [data-unread]", "1").await;

    // Open it and answer with the keyboard.
    browser.click("#conversation-list a").await;
    browser.wait_for_text(".messages", "Hello from a new mentee").await;
    let field = browser.client.find(fantoccini::Locator::Css("#body")).await.unwrap();
    field.send_keys("Welcome!").await.unwrap();
    // Shift+Enter: a new line, nothing sent.
    browser
        .client
        .execute(
            "const f = document.getElementById('body'); f.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', shiftKey: true, bubbles: true})); return f.value",
            vec![],
        )
        .await
        .unwrap();
    field.send_keys("What would you like to work on?").await.unwrap();
    field.send_keys(&String::from(char::from(Key::Enter))).await.unwrap();
    browser
        .wait_for_text(".messages .mine .body", "What would you like to work on?")
        .await;
    let draft = browser
        .client
        .execute("return document.getElementById('body').value", vec![])
        .await
        .unwrap();
    assert_eq!(draft, json!(""), "sent and cleared");
    let history = app.get("/api/chat", Some(&other)).await.json();
    assert_eq!(
        history["items"][0]["lastMessage"]["body"], "Welcome!What would you like to work on?",
        "one message, sent by Enter"
    );
    browser.screenshot("messenger-journey").await;
    browser.close().await;
}
