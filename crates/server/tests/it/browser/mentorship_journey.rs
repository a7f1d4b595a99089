use serde_json::json;

use crate::harness::{browser, TestApp};

/// A mentee searches, opens a profile and connects with a message; the
/// mentor accepts; both dashboards show the mentorship.
#[tokio::test]
async fn a_mentee_finds_a_mentor_who_accepts() {
    let app = TestApp::spawn().await;
    let Some(browser) = browser::launch().await else { return };
    app.mentor(
        "ada@example.com",
        "Ada Lovelace",
        json!({"expertise": ["Distributed systems", "Rust"], "company": "Engines"}),
    )
    .await;
    app.mentor("bob@example.com", "Bob Builder", json!({"expertise": ["Carpentry"]}))
        .await;
    app.register("mentee@example.com", &["mentee"]).await;
    let server = app.serve().await;

    browser.sign_in(&server.base, "mentee@example.com").await;
    browser.click("nav a[href='/mentorship/find']").await;
    browser.wait_for_text("main h1", "Find a mentor").await;
    browser.fill("#q", "distrib").await;
    browser.click("form.search button[type=submit]").await;
    browser.wait_for_text("#results-heading", "Mentors").await;
    let results = browser.text_of(".cards").await;
    assert!(
        results.contains("Ada Lovelace") && !results.contains("Bob Builder"),
        "{results}"
    );
    browser.click(".mentor-card h3 a").await;
    browser.wait_for_text("main h1", "Ada Lovelace").await;
    browser
        .fill("#message", "I want to get better at distributed systems.")
        .await;
    browser.click("aside button[type=submit]").await;
    browser
        .wait_for_text(".flash", "Your request was sent to Ada Lovelace.")
        .await;
    browser.sign_out().await;

    browser.sign_in(&server.base, "ada@example.com").await;
    browser.wait_for_text(".bell", "1").await;
    browser.goto(&format!("{}/mentorship?tab=requests", server.base)).await;
    browser
        .wait_for_text(".mentorship blockquote", "distributed systems")
        .await;
    browser.click(".mentorship form[action$='/accept'] button").await;
    browser
        .wait_for_text(".flash", "You are now mentoring Test Person.")
        .await;
    browser.goto(&format!("{}/dashboard", server.base)).await;
    browser.wait_for_text(".metrics", "1\nactive mentee").await;
    browser.screenshot("mentorship-journey-mentor-dashboard").await;
    browser.sign_out().await;

    browser.sign_in(&server.base, "mentee@example.com").await;
    browser.wait_for_text(".metrics", "1\nactive mentor").await;
    browser.wait_for_text(".people", "Ada Lovelace").await;
    browser.screenshot("mentorship-journey-mentee-dashboard").await;
    browser.close().await;
}
