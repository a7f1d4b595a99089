use serde_json::Value;

use crate::harness::{browser, TestApp};

/// A mentee turns off reminder emails on the settings page; the API then
/// reports it, and nothing else changed.
#[tokio::test]
async fn a_person_turns_off_reminder_emails_on_the_settings_page() {
    let app = TestApp::spawn().await;
    let Some(browser) = browser::launch().await else {
        return;
    };
    let (token, _) = app.register("prefs@example.com", &["mentee"]).await;
    let server = app.serve().await;
    browser.sign_in(&server.base, "prefs@example.com").await;
    browser.goto(&format!("{}/settings#notifications", server.base)).await;
    browser.wait_for_text("#notifications-heading", "Notifications").await;
    browser.click("#email-session_reminders").await;
    browser.click("#notifications button[type=submit]").await;
    browser
        .wait_for_text(".flash", "Your notification settings are saved.")
        .await;
    let shot = browser.screenshot("preferences-journey-settings").await;
    assert!(shot.exists());
    browser.close().await;

    let prefs = app.get("/api/me/notification-preferences", Some(&token)).await.json();
    let find = |kind: &str| -> Value {
        prefs["kinds"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["kind"] == kind)
            .cloned()
            .unwrap()
    };
    assert_eq!(find("session_reminders")["email"], false);
    assert_eq!(find("session_reminders")["inApp"], true);
    assert_eq!(find("session_updates")["email"], true, "only the box that was clicked");
}
