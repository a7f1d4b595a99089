use serde_json::json;

use crate::harness::{browser, TestApp};

/// A mentee reports a message, an admin suspends its sender from the
/// report queue, and the sender can no longer sign in; all in Chromium.
#[tokio::test]
async fn a_reported_sender_is_suspended_and_cannot_sign_in() {
    let app = TestApp::spawn().await;
    let Some(mentee) = browser::launch().await else { return };
    let Some(admin) = browser::launch().await else { return };
    let Some(sender) = browser::launch().await else { return };
    let (mentor, mentee_token, _, mentor_id) = app.accepted_pair("mentor@example.com", "mentee@example.com").await;
    let first = app
        .post(
            "/api/chat",
            json!({"recipientId": mentor_id, "body": "Hello Mona"}),
            Some(&mentee_token),
        )
        .await
        .json();
    let conversation = first["conversationId"].as_str().unwrap().to_owned();
    app.post(
        "/api/chat",
        json!({"conversationId": conversation, "body": "Pay me 500 dollars for a referral"}),
        Some(&mentor),
    )
    .await;
    app.admin("admin@example.com").await;
    let server = app.serve().await;

    mentee.sign_in(&server.base, "mentee@example.com").await;
    mentee.goto(&format!("{}/chat/{conversation}", server.base)).await;
    mentee.wait_for_text("#messages", "Pay me 500 dollars").await;
    mentee.click("#messages li.theirs:last-child .report-link").await;
    mentee
        .wait_for_text("main h1", "Report a message from Mona Mentor")
        .await;
    mentee.click("input[name=reason][value=harassment]").await;
    mentee.fill("#details", "Asks for money for a referral").await;
    mentee.click("main form button[type=submit]").await;
    mentee
        .wait_for_text(".flash", "An admin will look at your report.")
        .await;

    admin.sign_in(&server.base, "admin@example.com").await;
    admin.goto(&format!("{}/admin/reports", server.base)).await;
    admin.wait_for_text("main", "Asks for money for a referral").await;
    admin.click("input[name=action][value=suspend_user]").await;
    admin.fill("input[name=note]", "Scam").await;
    admin.click("form.resolve button[type=submit]").await;
    admin.wait_for_text(".flash", "Mona Mentor is suspended.").await;
    admin.goto(&format!("{}/admin/audit", server.base)).await;
    admin.wait_for_text("main table", "suspend user").await;
    admin.screenshot("trust-journey-admin").await;

    sender.goto(&format!("{}/signin", server.base)).await;
    sender.fill("#email", "mentor@example.com").await;
    sender.fill("#password", "correct horse battery").await;
    sender.click("main button[type=submit]").await;
    sender.wait_for_text("main", "This account is suspended").await;
    assert_eq!(sender.path().await, "/signin", "still on the sign-in page");
    sender.screenshot("trust-journey-suspended").await;
    mentee.close().await;
    admin.close().await;
    sender.close().await;
}
