use serde_json::json;

use crate::harness::{browser, TestApp};

/// A mentee books a free slot, the mentor sees it, the mentee cancels it.
#[tokio::test]
async fn a_mentee_books_a_slot_the_mentor_sees_it_the_mentee_cancels() {
    let app = TestApp::spawn().await;
    let Some(browser) = browser::launch().await else { return };
    let (mentor, _, _, _) = app.accepted_pair("mentor@example.com", "mentee@example.com").await;
    let every_day = (1..=7)
        .map(|d| json!({"weekday": d, "start": "08:00", "end": "18:00"}))
        .collect::<Vec<_>>();
    app.put(
        "/api/me/availability",
        json!({"timezone": "Europe/Berlin", "weekly": every_day}),
        Some(&mentor),
    )
    .await;
    // Times of day are fixed so the chosen day always has enough free times.
    app.advance_to_utc_hour(0);
    let server = app.serve().await;

    browser.sign_in(&server.base, "mentee@example.com").await;
    browser.goto(&format!("{}/mentorship?tab=sessions", server.base)).await;
    browser.click("a[href='/mentorship/sessions/new']").await;
    browser.wait_for_text("main h1", "Book a session").await;
    browser.click("form[method=get] button[type=submit]").await;
    browser.wait_for_text("legend", "Free times on").await;
    browser.click(".slots label:nth-of-type(3) input").await;
    browser.fill("#topic", "Preparing my first conference talk").await;
    browser
        .click("form[action='/mentorship/sessions'] button[type=submit]")
        .await;
    browser
        .wait_for_text(".flash", "Booked: Preparing my first conference talk")
        .await;
    browser.screenshot("session-journey-mentee-sessions").await;
    browser.sign_out().await;

    browser.sign_in(&server.base, "mentor@example.com").await;
    browser.wait_for_text(".metrics", "1\nupcoming session").await;
    browser.goto(&format!("{}/mentorship?tab=sessions", server.base)).await;
    browser
        .wait_for_text(".session h3", "Preparing my first conference talk")
        .await;
    browser.sign_out().await;

    browser.sign_in(&server.base, "mentee@example.com").await;
    browser.goto(&format!("{}/mentorship?tab=sessions", server.base)).await;
    browser.click(".session details.reschedule summary").await;
    browser
        .fill(
            ".session form[action$='/cancel'] input[name=reason]",
            "Something came up",
        )
        .await;
    browser.click(".session form[action$='/cancel'] button").await;
    browser.wait_for_text(".flash", "The session was cancelled.").await;
    browser.wait_for_text(".session .badge", "Cancelled").await;
    browser.close().await;
}
