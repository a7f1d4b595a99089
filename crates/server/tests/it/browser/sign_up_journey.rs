use crate::harness::{browser, TestApp};

/// A mentee signs up, signs out, signs in again and reaches the dashboard.
#[tokio::test]
async fn a_mentee_signs_up_signs_out_and_signs_back_in() {
    let app = TestApp::spawn().await;
    let Some(browser) = browser::launch().await else {
        return;
    };
    let server = app.serve().await;

    browser.goto(&format!("{}/signup", server.base)).await;
    browser.fill("#name", "Journey Mentee").await;
    browser.fill("#email", "journey@example.com").await;
    browser.fill("#password", "correct horse battery").await;
    browser.click("button[type=submit]").await;
    assert_eq!(browser.text_of("main h1").await, "Welcome, Journey Mentee");
    assert_eq!(browser.path().await, "/dashboard");
    // The script preselected the browser's own zone (headless Chromium: UTC
    // unless TZ says otherwise), and the dashboard shows it.
    let zone = browser.text_of(".facts dd:nth-of-type(2)").await;
    assert!(!zone.is_empty());

    browser.click("form[action='/signout'] button").await;
    assert!(browser
        .text_of(".flash")
        .await
        .contains("You are signed out."));

    browser.goto(&format!("{}/dashboard", server.base)).await;
    assert_eq!(browser.path().await, "/signin");
    browser.fill("#email", "journey@example.com").await;
    browser.fill("#password", "correct horse battery").await;
    browser.click("main button[type=submit]").await;
    assert_eq!(browser.text_of("main h1").await, "Welcome, Journey Mentee");
    assert_eq!(browser.path().await, "/dashboard");
    let shot = browser.screenshot("sign-up-journey-dashboard").await;
    assert!(shot.exists());
    browser.close().await;
}
