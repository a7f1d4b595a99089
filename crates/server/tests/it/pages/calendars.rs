//! Connected calendars through the settings page's plain forms, and the
//! scheduler's marks for times that clash with one's own calendar.

use axum::http::StatusCode;
use chrono::Duration;
use serde_json::json;

use super::Visitor;
use crate::harness::feeds::FeedServer;
use crate::harness::TestApp;

#[tokio::test]
async fn calendars_are_connected_read_and_removed_from_settings() {
    let app = TestApp::spawn_configured(TestApp::test_limits(), |c| c.calendar_allow_private = true).await;
    let (mentor, _, mentorship, _) = app.accepted_pair("m@example.com", "e@example.com").await;
    let every_day = (1..=7)
        .map(|d| json!({"weekday": d, "start": "00:00", "end": "23:59"}))
        .collect::<Vec<_>>();
    app.put(
        "/api/me/availability",
        json!({"timezone": "UTC", "weekly": every_day}),
        Some(&mentor),
    )
    .await;
    let day = (app.now() + Duration::days(2)).date_naive();
    let start = day.and_hms_opt(0, 0, 0).unwrap().and_utc();
    let ics = format!(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:all-day@example.com\r\nDTSTART:{}\r\nDTEND:{}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        start.format("%Y%m%dT%H%M%SZ"),
        (start + Duration::days(1)).format("%Y%m%dT%H%M%SZ")
    );
    let feed = FeedServer::start(&ics).await;

    let mut mentee = Visitor::signed_in(&app, "e@example.com").await;
    let refused = mentee
        .submit(
            "/settings",
            "/settings/calendars",
            "url=ftp%3A%2F%2Fexample.com%2Fcal.ics",
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = refused.text();
    assert!(
        page.contains("id=\"calendar_url-error\"") && page.contains("value=\"ftp://example.com/cal.ics\""),
        "the reason and the draft"
    );
    let url = format!("{}/cal.ics", feed.base).replace(':', "%3A").replace('/', "%2F");
    let connected = mentee
        .submit("/settings", "/settings/calendars", &format!("url={url}&name=Family"))
        .await;
    assert_eq!(connected.status, StatusCode::SEE_OTHER, "{}", connected.text());
    let settings = mentee.get("/settings").await.text();
    assert!(
        settings.contains("Family") && settings.contains("1 busy time in the next 90 days"),
        "listed"
    );

    let scheduler = mentee
        .get(&format!("/mentorship/sessions/new?mentorship={mentorship}&date={day}"))
        .await
        .text();
    assert!(scheduler.contains("busy for you"), "clashing times are marked");
    assert!(scheduler.contains("Dashed times clash"));

    let mut other = Visitor::signed_in(&app, "m@example.com").await;
    let (mentee_user, _) = app
        .state
        .store
        .user_credentials("e@example.com")
        .await
        .unwrap()
        .unwrap();
    let theirs = app.state.store.external_calendars_of(mentee_user.id).await.unwrap()[0].id;
    let foreign = other
        .submit("/settings", &format!("/settings/calendars/{theirs}/remove"), "")
        .await;
    assert_eq!(
        foreign.status,
        StatusCode::NOT_FOUND,
        "someone else's calendar does not exist for you"
    );
    assert_eq!(
        app.count_rows("external_calendars").await,
        1,
        "someone else's calendar stays"
    );
    app.advance(Duration::seconds(31));
    let read = mentee
        .submit("/settings", &format!("/settings/calendars/{theirs}/sync"), "")
        .await;
    assert_eq!(read.status, StatusCode::SEE_OTHER);
    assert_eq!(feed.requests(), 2);
    let removed = mentee
        .submit("/settings", &format!("/settings/calendars/{theirs}/remove"), "")
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert_eq!(app.count_rows("external_calendars").await, 0);
    assert_eq!(app.count_rows("external_busy").await, 0);
}
