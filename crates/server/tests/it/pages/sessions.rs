use axum::http::StatusCode;
use chrono::Duration;
use serde_json::json;

use super::Visitor;
use crate::harness::TestApp;

#[tokio::test]
async fn a_mentee_books_from_the_free_times_and_cancels_without_javascript() {
    let app = TestApp::spawn().await;
    let (mentor, _, mentorship, _) = app.accepted_pair("m@example.com", "e@example.com").await;
    let hours = json!({"timezone": "UTC", "weekly": (1..=7).map(|d| json!({"weekday": d, "start": "09:00", "end": "11:00"})).collect::<Vec<_>>()});
    assert_eq!(
        app.put("/api/me/availability", hours, Some(&mentor)).await.status,
        StatusCode::OK
    );
    let mut mentee = Visitor::signed_in(&app, "e@example.com").await;

    let day = (app.now() + Duration::days(3)).date_naive();
    let page = mentee
        .get(&format!(
            "/mentorship/sessions/new?mentorship={mentorship}&date={day}&duration=60"
        ))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("Free times on"));
    let first = html
        .split("name=\"start\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    assert!(first.starts_with(&format!("{day}T09:00:00")), "{first}");
    assert!(
        html.contains("required>10:00<small>")
            && html.contains("09:00 UTC<span class=\"visually-hidden\"> for the mentor</span></small>"),
        "time chips in the viewer's zone (Berlin), the mentor's (UTC) beside: {html}"
    );

    let missing_topic = mentee
        .submit(
            &format!("/mentorship/sessions/new?mentorship={mentorship}&date={day}"),
            "/mentorship/sessions",
            &format!(
                "mentorship={mentorship}&duration=60&start={}&topic=",
                first.replace('+', "%2B")
            ),
        )
        .await;
    assert_eq!(missing_topic.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing_topic.text().contains("id=\"topic-error\""));

    let booked = mentee
        .submit(
            "/mentorship/sessions/new",
            "/mentorship/sessions",
            &format!(
                "mentorship={mentorship}&duration=60&start={}&topic=Mock+interview",
                first.replace('+', "%2B")
            ),
        )
        .await;
    assert_eq!(booked.status, StatusCode::SEE_OTHER, "{}", booked.text());
    let tab = mentee.get("/mentorship?tab=sessions").await.text();
    assert!(tab.contains("Booked: Mock interview"));
    assert!(tab.contains("Join meeting"));
    assert!(tab.contains("Add to calendar (.ics)"));

    // The same slot again: refused on the form with the reason.
    let again = mentee
        .submit(
            "/mentorship/sessions/new",
            "/mentorship/sessions",
            &format!(
                "mentorship={mentorship}&duration=60&start={}&topic=Again",
                first.replace('+', "%2B")
            ),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.text().contains("overlaps another session"));

    let id = tab
        .split("action=\"/mentorship/sessions/")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    let cancelled = mentee
        .submit(
            "/mentorship?tab=sessions",
            &format!("/mentorship/sessions/{id}/cancel"),
            "reason=Conflict",
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::SEE_OTHER);
    let tab = mentee.get("/mentorship?tab=sessions").await.text();
    assert!(tab.contains("The session was cancelled."));
    assert!(tab.contains("Cancelled: Conflict"));
}

#[tokio::test]
async fn a_mentor_publishes_hours_through_settings() {
    let app = TestApp::spawn().await;
    app.mentor("m@example.com", "Mona Mentor", json!({})).await;
    let mut mentor = Visitor::signed_in(&app, "m@example.com").await;
    let page = mentor.get("/settings").await.text();
    assert!(page.contains("id=\"availability\""));
    assert!(page.contains("/calendar/"), "the calendar feed address is shown");
    let fields = "timezone=Asia%2FKolkata&start_1=09%3A00&end_1=12%3A30&start_3=14%3A00&end_3=&overrides=2026-12-24+off&min_notice=60&horizon=30&buffer=10&meeting_url=";
    let bad = mentor.submit("/settings", "/settings/availability", fields).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().contains("Wednesday: give both times, or neither."));
    let fields = "timezone=Asia%2FKolkata&start_1=09%3A00&end_1=12%3A30&overrides=2026-12-24+off%0D%0A2026-12-27+10%3A00-11%3A00&min_notice=60&horizon=30&buffer=10&meeting_url=https%3A%2F%2Fzoom.example%2Fmona";
    let saved = mentor.submit("/settings", "/settings/availability", fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
    let login = app
        .post(
            "/api/auth/login",
            json!({"email": "m@example.com", "password": "correct horse battery"}),
            None,
        )
        .await;
    let token = login.json()["token"].as_str().unwrap().to_owned();
    let stored = app.get("/api/me/availability", Some(&token)).await.json();
    assert_eq!(stored["timezone"], "Asia/Kolkata");
    assert_eq!(
        stored["weekly"],
        json!([{"weekday": 1, "start": "09:00", "end": "12:30"}])
    );
    assert_eq!(
        stored["overrides"][0],
        json!({"date": "2026-12-24", "start": null, "end": null})
    );
    assert_eq!(stored["bufferMinutes"], 10);
    assert_eq!(stored["meetingUrl"], "https://zoom.example/mona");
    let page = mentor.get("/settings").await.text();
    assert!(page.contains("2026-12-27 10:00-11:00"));

    // A mentee has no availability editor and cannot post one.
    let mut mentee = Visitor::new(&app);
    mentee.sign_up("Only Mentee", "om@example.com", "role_mentee=on").await;
    assert!(!mentee.get("/settings").await.text().contains("id=\"availability\""));
    let refused = mentee
        .submit("/settings", "/settings/availability", "timezone=UTC")
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}
