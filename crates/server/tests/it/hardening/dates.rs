//! Every date the API accepts is bounded: bookings and mini times by the
//! booking horizon (`MENTORHUB_BOOKING_HORIZON`), on both databases, also
//! for a mentor who publishes no availability.

use axum::http::{Method, StatusCode};
use chrono::{DateTime, Duration, Utc};
use serde_json::json;

use crate::harness::TestApp;

fn iso(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[tokio::test]
async fn far_future_sessions_are_refused_and_overlaps_still_caught() {
    let app = TestApp::spawn().await;
    // This mentor publishes no availability: only the horizon bounds dates.
    let (_mentor, mentee, mentorship, _) = app.accepted_pair("m@example.com", "e@example.com").await;
    let book = |at: String| {
        let body = json!({"mentorshipId": mentorship, "scheduledAt": at, "duration": 60, "topic": "Plan"});
        let token = mentee.clone();
        let app = &app;
        async move { app.post("/api/mentorship/sessions", body, Some(&token)).await }
    };
    for far in ["9999-06-01T10:00:00Z", "9999-06-01T10:30:00Z"] {
        let r = book(far.to_owned()).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
        assert!(r.json()["error"]["fields"]["scheduledAt"]
            .as_str()
            .unwrap()
            .contains("days ahead"));
    }
    // Inside the horizon, overlapping bookings still collide.
    let near = (app.now() + Duration::days(300))
        .date_naive()
        .and_hms_opt(10, 0, 0)
        .unwrap()
        .and_utc();
    assert_eq!(book(iso(near)).await.status, StatusCode::CREATED);
    let overlap = book(iso(near + Duration::minutes(30))).await;
    assert_eq!(overlap.status, StatusCode::CONFLICT, "{}", overlap.text());
    let past_horizon = book(iso(app.now() + Duration::days(366))).await;
    assert_eq!(past_horizon.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count_rows("sessions").await, 1);

    // Moving a session is bounded the same way.
    let sessions = app.get("/api/mentorship/sessions", Some(&mentee)).await.json();
    let id = sessions["items"][0]["id"].as_str().unwrap().to_owned();
    let moved = app
        .json(
            Method::POST,
            &format!("/api/mentorship/sessions/{id}/reschedule"),
            Some(json!({"scheduledAt": "9999-01-01T10:00:00Z"})),
            Some(&mentee),
        )
        .await;
    assert_eq!(moved.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", moved.text());
}

#[tokio::test]
async fn the_horizon_is_configurable() {
    let app = TestApp::spawn_configured(TestApp::test_limits(), |c| {
        c.booking_horizon = std::time::Duration::from_secs(30 * 86_400)
    })
    .await;
    let (_mentor, mentee, mentorship, _) = app.accepted_pair("m@example.com", "e@example.com").await;
    let at = iso(app.now() + Duration::days(45));
    let r = app
        .post(
            "/api/mentorship/sessions",
            json!({"mentorshipId": mentorship, "scheduledAt": at, "duration": 60, "topic": "Plan"}),
            Some(&mentee),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("30 days"), "{}", r.text());
}

#[tokio::test]
async fn slot_queries_and_overrides_refuse_far_dates() {
    let app = TestApp::spawn().await;
    let (mentor, mentor_id) = app.mentor("m@example.com", "Mona", json!({})).await;
    let slots = app
        .get(
            &format!("/api/mentors/{mentor_id}/slots?from=9999-01-01&to=9999-01-03"),
            Some(&mentor),
        )
        .await;
    assert_eq!(slots.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", slots.text());
    let saved = app
        .put(
            "/api/me/availability",
            json!({"timezone": "UTC", "weekly": [], "overrides": [{"date": "9999-12-24", "start": null, "end": null}]}),
            Some(&mentor),
        )
        .await;
    assert_eq!(saved.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", saved.text());
}
