//! Booking in three clicks from a mentor's profile: a free time, a topic,
//! confirm. The month marks free days; times show in the browser's zone.

use fantoccini::Locator;
use serde_json::json;

use crate::harness::{browser, TestApp};

#[tokio::test]
async fn a_mentee_books_from_the_profile_in_three_clicks() {
    let app = TestApp::spawn().await;
    let Some(browser) = browser::launch().await else { return };
    let (mentor, _, _, mentor_id) = app.accepted_pair("mentor@example.com", "mentee@example.com").await;
    let every_day = (1..=7)
        .map(|d| json!({"weekday": d, "start": "09:00", "end": "17:00"}))
        .collect::<Vec<_>>();
    app.put(
        "/api/me/availability",
        json!({"timezone": "Asia/Tokyo", "weekly": every_day}),
        Some(&mentor),
    )
    .await;
    // Times of day are fixed so the chosen day always has enough free times.
    app.advance_to_utc_hour(12);
    let server = app.serve().await;

    browser.sign_in(&server.base, "mentee@example.com").await;
    browser.goto(&format!("{}/mentors/{mentor_id}", server.base)).await;
    browser.wait_for_text("#connect-heading", "Book a session").await;
    // Click 1: one of the next free times on the profile.
    browser.click("aside .chips a.chip").await;
    browser.wait_for_text("main h1", "Book a session").await;
    let marked = browser
        .client
        .find_all(Locator::Css(".month td a"))
        .await
        .expect("days with free times")
        .len();
    assert!(marked > 0, "the month marks days with free times");
    // The chosen day's chips are in Berlin time, with Tokyo's beside them.
    let chip = browser.text_of(".chip").await;
    assert!(chip.contains("JST"), "{chip}");
    // Click 2: a time; then a topic; click 3: confirm.
    browser.click(".chips label.chip:nth-of-type(2)").await;
    browser.fill("#topic", "Growing into a staff role").await;
    browser
        .click("form[action='/mentorship/sessions'] button[type=submit]")
        .await;
    browser
        .wait_for_text(".flash", "Booked: Growing into a staff role")
        .await;
    browser.screenshot("booking-journey-booked").await;

    // Reschedule through the same picker.
    browser.click(".session details.reschedule summary").await;
    browser.click("a[href^='/mentorship/sessions/new?reschedule=']").await;
    browser.wait_for_text("main h1", "Reschedule").await;
    browser.click(".chips label.chip:nth-of-type(4)").await;
    browser.click("form[action$='/reschedule'] button[type=submit]").await;
    browser.wait_for_text(".flash", "The session was moved.").await;
    let sessions = app.get("/api/mentorship/sessions", Some(&mentor)).await.json();
    assert_eq!(sessions["items"].as_array().map(Vec::len), Some(1), "{sessions}");
    browser.close().await;
}
