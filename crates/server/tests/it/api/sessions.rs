use axum::http::{Method, StatusCode};
use chrono::{DateTime, Datelike, Duration, Timelike, Utc, Weekday};
use futures_util::future::join_all;
use serde_json::{json, Value};

use crate::harness::{TestApp, TestResponse};

/// The next Monday at 10:00 UTC at least two days ahead (clear of notice).
fn next_monday_10(now: DateTime<Utc>) -> DateTime<Utc> {
    let mut day = (now + Duration::days(2)).date_naive();
    while day.weekday() != Weekday::Mon {
        day = day.succ_opt().unwrap();
    }
    day.and_hms_opt(10, 0, 0).unwrap().and_utc()
}

fn iso(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

async fn book(app: &TestApp, token: &str, mentorship: &str, at: DateTime<Utc>, minutes: i64) -> TestResponse {
    app.post(
        "/api/mentorship/sessions",
        json!({"mentorshipId": mentorship, "scheduledAt": iso(at), "duration": minutes, "topic": "Career plan"}),
        Some(token),
    )
    .await
}

async fn post(app: &TestApp, token: &str, path: &str, body: Value) -> TestResponse {
    app.post(path, body, Some(token)).await
}

#[tokio::test]
async fn a_mentee_books_a_session_both_see_it_strangers_do_not() {
    let app = TestApp::spawn().await;
    let (mentor, mentee, mentorship, _) = app.accepted_pair("m@example.com", "e@example.com").await;
    let (stranger, _) = app.register("s@example.com", &["mentee"]).await;
    let at = next_monday_10(app.now());
    let created = book(&app, &mentee, &mentorship, at, 60).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let s = created.json();
    assert_eq!(s["status"], "scheduled");
    assert_eq!(s["scheduledAt"], iso(at));
    assert_eq!(s["duration"], 60);
    assert_eq!(s["mentor"]["name"], "Mona Mentor");
    let url = s["meetingUrl"].as_str().unwrap();
    assert!(url.starts_with("https://meet.jit.si/mentorhub-"), "{url}");
    assert!(
        !url.contains(s["id"].as_str().unwrap()),
        "room names are not the session id"
    );
    let id = s["id"].as_str().unwrap();

    for token in [&mentor, &mentee] {
        let list = app.get("/api/mentorship/sessions", Some(token)).await.json();
        assert_eq!(list["items"][0]["id"], id);
        assert_eq!(
            app.get(&format!("/api/mentorship/sessions/{id}"), Some(token))
                .await
                .status,
            StatusCode::OK
        );
    }
    assert_eq!(
        app.get(&format!("/api/mentorship/sessions/{id}"), Some(&stranger))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/api/mentorship/sessions", Some(&stranger)).await.json()["items"],
        json!([])
    );
    for action in ["cancel", "complete"] {
        let r = post(
            &app,
            &stranger,
            &format!("/api/mentorship/sessions/{id}/{action}"),
            json!({}),
        )
        .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{action}");
    }
    assert_eq!(
        book(&app, &stranger, &mentorship, at, 30).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/api/mentorship/sessions", None).await.status,
        StatusCode::UNAUTHORIZED
    );
    let note = app.get("/api/notifications", Some(&mentor)).await.json();
    assert_eq!(note["items"][0]["kind"], "session_scheduled");
}

#[tokio::test]
async fn booking_rules() {
    let app = TestApp::spawn().await;
    let (_, mentee, mentorship, mentor_id) = app.accepted_pair("m@example.com", "e@example.com").await;
    let past = app.now() - Duration::hours(1);
    let bad = app
        .post(
            "/api/mentorship/sessions",
            json!({"mentorshipId": mentorship, "scheduledAt": iso(past), "duration": 10, "topic": " "}),
            Some(&mentee),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["scheduledAt", "duration", "topic"] {
        assert!(bad.json()["error"]["fields"][field].is_string(), "{field}");
    }
    let at = next_monday_10(app.now());
    assert_eq!(
        book(&app, &mentee, &mentorship, at, 241).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        book(&app, &mentee, "00000000-0000-0000-0000-000000000000", at, 30)
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // A pending mentorship cannot have sessions.
    let (other_mentee, _) = app.register("p@example.com", &["mentee"]).await;
    let pending = app.ask(&other_mentee, &mentor_id).await.json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let refused = book(&app, &other_mentee, &pending, at, 30).await;
    assert_eq!(
        (refused.status, refused.error_code().as_str()),
        (StatusCode::CONFLICT, "mentorship_not_accepted")
    );
}

#[tokio::test]
async fn overlaps_for_the_mentor_or_the_mentee_are_refused() {
    let app = TestApp::spawn().await;
    let (mentor, mentee, mentorship, mentor_id) = app.accepted_pair("m@example.com", "e@example.com").await;
    let at = next_monday_10(app.now());
    assert_eq!(
        book(&app, &mentee, &mentorship, at, 60).await.status,
        StatusCode::CREATED
    );

    // Another mentee of the same mentor, half an hour later: the mentor is busy.
    let (second, _) = app.register("e2@example.com", &["mentee"]).await;
    let second_ms = app.ask(&second, &mentor_id).await.json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.json(
        Method::POST,
        &format!("/api/mentorship/{second_ms}/accept"),
        None,
        Some(&mentor),
    )
    .await;
    let clash = book(&app, &second, &second_ms, at + Duration::minutes(30), 60).await;
    assert_eq!(
        (clash.status, clash.error_code().as_str()),
        (StatusCode::CONFLICT, "session_overlap")
    );
    // Back to back is fine.
    assert_eq!(
        book(&app, &second, &second_ms, at + Duration::minutes(60), 30)
            .await
            .status,
        StatusCode::CREATED
    );

    // The same mentee with another mentor at the same time: the mentee is busy.
    let (other_mentor, other_id) = app.mentor("m2@example.com", "Other", json!({})).await;
    let third = app.ask(&mentee, &other_id).await.json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.json(
        Method::POST,
        &format!("/api/mentorship/{third}/accept"),
        None,
        Some(&other_mentor),
    )
    .await;
    let clash = book(&app, &mentee, &third, at + Duration::minutes(15), 30).await;
    assert_eq!(clash.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn concurrent_bookings_of_one_slot_yield_exactly_one_session() {
    let app = TestApp::spawn().await;
    let (mentor, mentor_id) = app
        .mentor("busy@example.com", "Busy Mentor", json!({"maxMentees": 10}))
        .await;
    let mut pairs = Vec::new();
    for i in 0..6 {
        let (mentee, _) = app.register(&format!("c{i}@example.com"), &["mentee"]).await;
        let id = app.ask(&mentee, &mentor_id).await.json()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        app.json(
            Method::POST,
            &format!("/api/mentorship/{id}/accept"),
            None,
            Some(&mentor),
        )
        .await;
        pairs.push((mentee, id));
    }
    let at = next_monday_10(app.now());
    let responses = join_all(pairs.iter().map(|(token, ms)| book(&app, token, ms, at, 60))).await;
    let created = responses.iter().filter(|r| r.status == StatusCode::CREATED).count();
    let overlaps = responses.iter().filter(|r| r.status == StatusCode::CONFLICT).count();
    assert_eq!(
        (created, overlaps),
        (1, 5),
        "{:?}",
        responses.iter().map(|r| r.text()).collect::<Vec<_>>()
    );
    let list = app.get("/api/mentorship/sessions", Some(&mentor)).await.json();
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn availability_limits_bookings_and_shapes_slots() {
    let app = TestApp::spawn().await;
    let (mentor, mentee, mentorship, mentor_id) = app.accepted_pair("m@example.com", "e@example.com").await;
    let (only_mentee, _) = app.register("x@example.com", &["mentee"]).await;
    let hours = json!({"timezone": "America/New_York", "weekly": [{"weekday": 1, "start": "09:00", "end": "12:00"}],
                       "overrides": [], "bufferMinutes": 15});
    assert_eq!(
        app.put("/api/me/availability", hours.clone(), Some(&only_mentee))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let saved = app.put("/api/me/availability", hours, Some(&mentor)).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text());
    assert_eq!(saved.json()["minNoticeMinutes"], 120);
    assert_eq!(saved.json()["horizonDays"], 60);
    let bad = app
        .put(
            "/api/me/availability",
            json!({"weekly": [{"weekday": 9, "start": "x", "end": "y"}]}),
            Some(&mentor),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.get("/api/me/availability", Some(&mentor)).await.json()["timezone"],
        "America/New_York"
    );

    // Find the next Monday in New York and its 09:00 local start.
    let mut day = (app.now() + Duration::days(2)).date_naive();
    while day.weekday() != Weekday::Mon {
        day = day.succ_opt().unwrap();
    }
    let slots = app
        .get(
            &format!("/api/mentors/{mentor_id}/slots?from={day}&to={day}&duration=60"),
            None,
        )
        .await;
    assert_eq!(slots.status, StatusCode::OK, "{}", slots.text());
    let slots = slots.json();
    let starts: Vec<&str> = slots
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["start"].as_str().unwrap())
        .collect();
    assert_eq!(starts.len(), 5, "09:00 .. 11:00 every 30 minutes: {starts:?}");
    let first: DateTime<Utc> = starts[0].parse().unwrap();
    let offset = if first.hour() == 14 { 5 } else { 4 };
    assert_eq!(first.hour(), 9 + offset, "09:00 in New York is {first}");

    // Outside the hours: refused; inside: booked, and the slot (plus buffer) disappears.
    let outside = book(&app, &mentee, &mentorship, first - Duration::hours(1), 60).await;
    assert_eq!(
        (outside.status, outside.error_code().as_str()),
        (StatusCode::CONFLICT, "outside_availability")
    );
    assert_eq!(
        book(&app, &mentee, &mentorship, first, 60).await.status,
        StatusCode::CREATED
    );
    let after = app
        .get(
            &format!("/api/mentors/{mentor_id}/slots?from={day}&to={day}&duration=60"),
            None,
        )
        .await
        .json();
    let after: Vec<&str> = after
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["start"].as_str().unwrap())
        .collect();
    assert_eq!(
        after.len(),
        2,
        "only 10:30 and 11:00 leave room for the 15-minute buffer: {after:?}"
    );

    let bad_query = app
        .get(&format!("/api/mentors/{mentor_id}/slots?from=2026-13-01"), None)
        .await;
    assert_eq!(bad_query.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.get("/api/mentors/00000000-0000-0000-0000-000000000000/slots", None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn reschedule_cancel_complete_and_feedback() {
    let app = TestApp::spawn().await;
    let (mentor, mentee, mentorship, mentor_id) = app.accepted_pair("m@example.com", "e@example.com").await;
    let at = next_monday_10(app.now());
    let id = book(&app, &mentee, &mentorship, at, 60).await.json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let base = format!("/api/mentorship/sessions/{id}");

    let moved = post(
        &app,
        &mentor,
        &format!("{base}/reschedule"),
        json!({"scheduledAt": iso(at + Duration::days(1))}),
    )
    .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text());
    assert_eq!(moved.json()["scheduledAt"], iso(at + Duration::days(1)));
    assert_eq!(
        app.get("/api/notifications", Some(&mentee)).await.json()["items"][0]["kind"],
        "session_rescheduled"
    );
    let bad = post(
        &app,
        &mentor,
        &format!("{base}/reschedule"),
        json!({"scheduledAt": "soon"}),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Too early to complete; the mentee cannot rate an unfinished session.
    let early = post(&app, &mentee, &format!("{base}/complete"), json!({})).await;
    assert_eq!(
        (early.status, early.error_code().as_str()),
        (StatusCode::CONFLICT, "not_started")
    );
    assert_eq!(
        post(&app, &mentee, &format!("{base}/feedback"), json!({"rating": 5}))
            .await
            .status,
        StatusCode::CONFLICT
    );

    // Shared notes, then the session happens.
    let noted = app
        .put(
            &format!("{base}/notes"),
            json!({"notes": "Bring your CV"}),
            Some(&mentee),
        )
        .await;
    assert_eq!(noted.json()["notes"], "Bring your CV");
    app.advance(Duration::days(10));
    let done = post(
        &app,
        &mentor,
        &format!("{base}/complete"),
        json!({"notes": "Great progress"}),
    )
    .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    assert_eq!(done.json()["status"], "completed");
    assert_eq!(done.json()["notes"], "Great progress");
    assert_eq!(
        post(&app, &mentor, &format!("{base}/cancel"), json!({})).await.status,
        StatusCode::CONFLICT
    );

    assert_eq!(
        post(&app, &mentor, &format!("{base}/feedback"), json!({"rating": 5}))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        post(&app, &mentee, &format!("{base}/feedback"), json!({"rating": 9}))
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let rated = post(
        &app,
        &mentee,
        &format!("{base}/feedback"),
        json!({"rating": 4, "comment": "Helpful"}),
    )
    .await;
    assert_eq!(rated.status, StatusCode::OK, "{}", rated.text());
    assert_eq!(rated.json()["rating"], 4);
    let again = post(&app, &mentee, &format!("{base}/feedback"), json!({"rating": 5})).await;
    assert_eq!(
        (again.status, again.error_code().as_str()),
        (StatusCode::CONFLICT, "feedback_given")
    );

    let card = app.get(&format!("/api/mentors/{mentor_id}"), None).await.json();
    assert_eq!(card["rating"], json!({"average": 4.0, "count": 1}));
    assert_eq!(card["stats"]["completedSessions"], 1);
    assert_eq!(card["stats"]["hoursMentored"], 1.0);
    let dash = app.get("/api/dashboard", Some(&mentee)).await.json();
    assert_eq!(dash["totalHours"], 1.0);
    assert_eq!(dash["upcomingSessions"], 0);
    let past = app
        .get("/api/mentorship/sessions?scope=past", Some(&mentee))
        .await
        .json();
    assert_eq!(past["items"][0]["id"], id.as_str());
}

#[tokio::test]
async fn cancelled_sessions_free_the_time_and_stay_cancelled() {
    let app = TestApp::spawn().await;
    let (_, mentee, mentorship, _) = app.accepted_pair("m@example.com", "e@example.com").await;
    let at = next_monday_10(app.now());
    let id = book(&app, &mentee, &mentorship, at, 60).await.json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let dash = app.get("/api/dashboard", Some(&mentee)).await.json();
    assert_eq!(dash["upcomingSessions"], 1);
    assert_eq!(dash["nextSession"]["id"], id.as_str());
    let cancelled = post(
        &app,
        &mentee,
        &format!("/api/mentorship/sessions/{id}/cancel"),
        json!({"reason": "Sick"}),
    )
    .await;
    assert_eq!(cancelled.json()["status"], "cancelled");
    assert_eq!(cancelled.json()["cancelReason"], "Sick");
    let again = post(
        &app,
        &mentee,
        &format!("/api/mentorship/sessions/{id}/cancel"),
        json!({}),
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let moved = post(
        &app,
        &mentee,
        &format!("/api/mentorship/sessions/{id}/reschedule"),
        json!({"scheduledAt": iso(at + Duration::hours(3))}),
    )
    .await;
    assert_eq!(moved.status, StatusCode::CONFLICT);
    assert_eq!(
        book(&app, &mentee, &mentorship, at, 60).await.status,
        StatusCode::CREATED,
        "the time is free again"
    );
}

/// Reads an .ics with an independent parser and returns the events' properties.
fn events(ics: &str) -> Vec<std::collections::HashMap<String, String>> {
    use icalendar::{Calendar, CalendarComponent, Component};
    let calendar: Calendar = ics.parse().expect("valid iCalendar");
    calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(
                e.properties()
                    .iter()
                    .map(|(k, v)| (k.clone(), v.value().to_owned()))
                    .collect(),
            ),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn calendars_follow_every_change() {
    let app = TestApp::spawn().await;
    let (mentor, mentee, mentorship, _) = app.accepted_pair("m@example.com", "e@example.com").await;
    let at = next_monday_10(app.now());
    let id = book(&app, &mentee, &mentorship, at, 45).await.json()["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let ics = app
        .get(&format!("/api/mentorship/sessions/{id}/ics"), Some(&mentee))
        .await;
    assert_eq!(ics.status, StatusCode::OK);
    assert!(ics.header("content-type").unwrap().starts_with("text/calendar"));
    assert!(ics.text().contains("\r\n") && ics.text().contains("BEGIN:VALARM"));
    let event = &events(&ics.text())[0];
    assert_eq!(event["UID"], format!("session-{id}@mentorhub"));
    assert_eq!(event["DTSTART"], at.format("%Y%m%dT%H%M%SZ").to_string());
    assert_eq!(
        event["DTEND"],
        (at + Duration::minutes(45)).format("%Y%m%dT%H%M%SZ").to_string()
    );
    assert_eq!(event["SEQUENCE"], "0");
    assert_eq!(event["STATUS"], "CONFIRMED");
    assert_eq!(event["SUMMARY"], "Mentoring: Career plan");

    // A private feed for the mentor; moving and cancelling show up with higher SEQUENCE.
    let url = app.get("/api/me/calendar", Some(&mentor)).await.json()["url"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        app.get("/api/me/calendar", Some(&mentor)).await.json()["url"],
        url.as_str(),
        "stable until rotated"
    );
    let path = url
        .split_once("://")
        .unwrap()
        .1
        .split_once('/')
        .map(|(_, p)| format!("/{p}"))
        .unwrap();
    post(
        &app,
        &mentee,
        &format!("/api/mentorship/sessions/{id}/reschedule"),
        json!({"scheduledAt": iso(at + Duration::hours(2))}),
    )
    .await;
    let feed = events(&app.get(&path, None).await.text());
    assert_eq!(feed[0]["SEQUENCE"], "1");
    assert_eq!(
        feed[0]["DTSTART"],
        (at + Duration::hours(2)).format("%Y%m%dT%H%M%SZ").to_string()
    );
    post(
        &app,
        &mentor,
        &format!("/api/mentorship/sessions/{id}/cancel"),
        json!({}),
    )
    .await;
    let feed = events(&app.get(&path, None).await.text());
    assert_eq!(feed[0]["SEQUENCE"], "2");
    assert_eq!(feed[0]["STATUS"], "CANCELLED");
    assert_eq!(feed[0]["UID"], format!("session-{id}@mentorhub"));

    let rotated = app
        .post("/api/me/calendar/rotate", json!({}), Some(&mentor))
        .await
        .json()["url"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(rotated, url);
    assert_eq!(
        app.get(&path, None).await.status,
        StatusCode::NOT_FOUND,
        "the old feed stops working"
    );
    assert_eq!(
        app.get("/calendar/not-a-token.ics", None).await.status,
        StatusCode::NOT_FOUND
    );
    let (stranger, _) = app.register("s@example.com", &["mentee"]).await;
    assert_eq!(
        app.get(&format!("/api/mentorship/sessions/{id}/ics"), Some(&stranger))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
