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
    browser.wait_for_text("main h1", "Welcome, Journey Mentee").await;
    assert_eq!(browser.path().await, "/dashboard");
    // The page's script preselected the browser's own zone (the harness
    // starts Chromium in Europe/Berlin), and the dashboard shows it.
    assert_eq!(browser.text_of("main .zone").await, browser::BROWSER_ZONE);

    browser.click("form[action='/signout'] button").await;
    browser.wait_for_text(".flash", "You are signed out.").await;

    browser.goto(&format!("{}/dashboard", server.base)).await;
    browser.wait_for_text("main h1", "Sign in").await;
    assert_eq!(browser.path().await, "/signin");
    browser.fill("#email", "journey@example.com").await;
    browser.fill("#password", "correct horse battery").await;
    browser.click("main button[type=submit]").await;
    browser.wait_for_text("main h1", "Welcome, Journey Mentee").await;
    assert_eq!(browser.path().await, "/dashboard");
    let shot = browser.screenshot("sign-up-journey-dashboard").await;
    assert!(shot.exists());
    browser.close().await;
}
