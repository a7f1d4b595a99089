//! A mentor connects their own calendar on the settings page, and the
//! hour it is busy disappears from the mentee's scheduler.

use chrono::Duration;
use fantoccini::Locator;
use serde_json::json;

use crate::harness::feeds::FeedServer;
use crate::harness::{browser, TestApp};

#[tokio::test]
async fn a_connected_calendar_takes_its_busy_hour_out_of_the_scheduler() {
    let app = TestApp::spawn_configured(TestApp::test_limits(), |c| c.calendar_allow_private = true).await;
    let Some(browser) = browser::launch().await else { return };
    app.advance_to_utc_hour(12);
    let (mentor, _, mentorship, _) = app.accepted_pair("mentor@example.com", "mentee@example.com").await;
    let every_day = (1..=7)
        .map(|d| json!({"weekday": d, "start": "00:00", "end": "23:59"}))
        .collect::<Vec<_>>();
    app.put(
        "/api/me/availability",
        json!({"timezone": "UTC", "weekly": every_day}),
        Some(&mentor),
    )
    .await;
    let busy = (app.now() + Duration::days(1))
        .date_naive()
        .and_hms_opt(10, 0, 0)
        .unwrap()
        .and_utc();
    let ics = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:dentist@example.com\r\nDTSTART:{}\r\nDTEND:{}\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        busy.format("%Y%m%dT%H%M%SZ"),
        (busy + Duration::hours(1)).format("%Y%m%dT%H%M%SZ")
    );
    let feed = FeedServer::start(&ics).await;
    let server = app.serve().await;
    let base = server.base.clone();
    let scheduler = format!(
        "{base}/mentorship/sessions/new?mentorship={mentorship}&date={}",
        busy.date_naive()
    );
    let chip = format!("input[name=start][value='{}']", busy.to_rfc3339());

    browser.sign_in(&base, "mentee@example.com").await;
    browser.goto(&scheduler).await;
    browser.text_of(&chip).await;
    browser.sign_out().await;

    browser.sign_in(&base, "mentor@example.com").await;
    browser.goto(&format!("{base}/settings#calendars")).await;
    browser.fill("#calendar-url", &format!("{}/cal.ics", feed.base)).await;
    browser.fill("#calendar-name", "Personal").await;
    browser
        .click("form[action='/settings/calendars'] button[type=submit]")
        .await;
    browser.wait_for_text(".flash", "Connected Personal: 1 busy time").await;
    browser.wait_for_text("#calendars", "Last read").await;
    browser.screenshot("calendar-journey-connected").await;
    browser.sign_out().await;

    browser.sign_in(&base, "mentee@example.com").await;
    browser.goto(&scheduler).await;
    browser.wait_for_text("main h1", "Book a session").await;
    let left = browser.client.find_all(Locator::Css(&chip)).await.expect("query");
    assert!(left.is_empty(), "the busy hour is no longer offered");
    let others = browser
        .client
        .find_all(Locator::Css(".chips label.chip"))
        .await
        .expect("query");
    assert!(!others.is_empty(), "the rest of the day still is");
    browser.close().await;
}
