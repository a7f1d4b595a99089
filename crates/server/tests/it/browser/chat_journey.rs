use serde_json::json;

use crate::harness::{browser, TestApp};

/// Two browsers, a mentee and a mentor, chat; each sees the other's
/// message appear without reloading.
#[tokio::test]
async fn two_people_chat_live() {
    let app = TestApp::spawn().await;
    let Some(mentee) = browser::launch().await else { return };
    let Some(mentor) = browser::launch().await else { return };
    let (_, mentor_id) = app.mentor("mentor@example.com", "Mona Mentor", json!({})).await;
    app.register("mentee@example.com", &["mentee"]).await;
    let server = app.serve().await;
    mentee.sign_in(&server.base, "mentee@example.com").await;
    mentor.sign_in(&server.base, "mentor@example.com").await;

    // The first message goes as a plain form and opens the conversation.
    mentee.goto(&format!("{}/chat/with/{mentor_id}", server.base)).await;
    mentee.fill("#body", "Hi Mona, do you have time this week?").await;
    mentee.click("#chat-form button[type=submit]").await;
    mentee.wait_for_text("#messages", "do you have time this week?").await;
    let conversation = mentee.path().await.trim_start_matches("/chat/").to_owned();

    mentor.wait_for_text("[data-unread-messages]", "1").await;
    mentor.goto(&format!("{}/chat/{conversation}", server.base)).await;
    mentor.wait_for_text("#messages", "do you have time this week?").await;
    mentee.wait_for_text("#seen", "Seen").await;

    mentor.fill("#body", "Yes! Thursday works.").await;
    mentor.click("#chat-form button[type=submit]").await;
    mentee.wait_for_text("#messages", "Yes! Thursday works.").await;
    mentee.fill("#body", "<b>Great</b>, see you then").await;
    mentee.click("#chat-form button[type=submit]").await;
    mentor.wait_for_text("#messages", "<b>Great</b>, see you then").await;
    mentor.screenshot("chat-journey-mentor").await;
    mentee.close().await;
    mentor.close().await;
}
