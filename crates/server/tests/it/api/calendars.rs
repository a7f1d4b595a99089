//! Connected calendars against a real HTTP server: busy time that removes
//! a mentor's slots and blocks bookings, a mentee's own clashes, conditional
//! GET and the background sync, feeds that fail, and addresses that point
//! inside the network (SSRF).

use axum::http::{Method, StatusCode};
use chrono::{DateTime, Duration, Utc};
use mentorhub_server::jobs;
use mentorhub_server::services::calendar::import::fetch::FeedClient;
use serde_json::{json, Value};

use crate::harness::feeds::FeedServer;
use crate::harness::TestApp;

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A feed with one busy event per `(start, minutes)`.
fn feed(events: &[(DateTime<Utc>, i64)]) -> String {
    let mut out = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n");
    for (i, (start, minutes)) in events.iter().enumerate() {
        out.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:event-{i}@example.com\r\nDTSTART:{}\r\nDTEND:{}\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\n",
            stamp(*start),
            stamp(*start + Duration::minutes(*minutes))
        ));
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

async fn open_app() -> TestApp {
    TestApp::spawn_configured(TestApp::test_limits(), |c| c.calendar_allow_private = true).await
}

fn tomorrow_at(app: &TestApp, hour: u32) -> DateTime<Utc> {
    (app.now() + Duration::days(1))
        .date_naive()
        .and_hms_opt(hour, 0, 0)
        .unwrap()
        .and_utc()
}

async fn connect(app: &TestApp, token: &str, url: &str) -> (StatusCode, Value) {
    let r = app
        .post("/api/me/calendars", json!({"url": url, "name": "Home"}), Some(token))
        .await;
    (r.status, r.json())
}

#[tokio::test]
async fn a_mentors_calendar_removes_slots_and_blocks_bookings_and_a_mentees_shows_clashes() {
    let app = open_app().await;
    let (mentor, mentee, mentorship, mentor_id) = app.accepted_pair("m@example.com", "e@example.com").await;
    let every_day = (1..=7)
        .map(|d| json!({"weekday": d, "start": "00:00", "end": "23:59"}))
        .collect::<Vec<_>>();
    app.put(
        "/api/me/availability",
        json!({"timezone": "UTC", "weekly": every_day}),
        Some(&mentor),
    )
    .await;
    let dentist = tomorrow_at(&app, 10);
    let server = FeedServer::start(&feed(&[(dentist, 60)])).await;
    let (status, calendar) = connect(&app, &mentor, &format!("{}/cal.ics", server.base)).await;
    assert_eq!(status, StatusCode::CREATED, "{calendar}");
    assert_eq!(calendar["busyCount"], 1, "{calendar}");
    assert!(calendar["lastError"].is_null() && calendar["lastSyncedAt"].is_string());
    assert!(
        !app.state.store.external_calendars_of(uuid(&mentor_id)).await.unwrap()[0]
            .url
            .contains('…')
    );

    let day = dentist.date_naive();
    let slots = app
        .get(
            &format!("/api/mentors/{mentor_id}/slots?from={day}&to={day}"),
            Some(&mentee),
        )
        .await
        .json();
    let starts: Vec<&str> = slots
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["start"].as_str())
        .collect();
    let at = |h: u32| tomorrow_at(&app, h).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    assert!(
        !starts.contains(&at(10).as_str()),
        "the dentist hour is gone: {starts:?}"
    );
    assert!(starts.contains(&at(12).as_str()), "{starts:?}");
    let booked = app
        .post(
            "/api/mentorship/sessions",
            json!({"mentorshipId": mentorship, "scheduledAt": at(10), "duration": 60, "topic": "Plan"}),
            Some(&mentee),
        )
        .await;
    assert_eq!(booked.status, StatusCode::CONFLICT, "{}", booked.text());

    // The mentee's own calendar does not remove slots; it marks them.
    let mine = FeedServer::start(&feed(&[(tomorrow_at(&app, 14), 60)])).await;
    let (status, _) = connect(&app, &mentee, &format!("{}/cal.ics", mine.base)).await;
    assert_eq!(status, StatusCode::CREATED);
    let slots = app
        .get(
            &format!("/api/mentors/{mentor_id}/slots?from={day}&to={day}"),
            Some(&mentee),
        )
        .await
        .json();
    let clash = |hour: u32| {
        slots
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["start"] == at(hour))
            .map(|s| s["conflict"].clone())
    };
    assert_eq!(clash(14), Some(json!(true)), "{slots}");
    assert_eq!(clash(12), Some(json!(false)));
    assert_eq!(clash(16), Some(json!(false)));
}

fn uuid(text: &str) -> uuid::Uuid {
    text.parse().unwrap()
}

#[tokio::test]
async fn unchanged_feeds_answer_304_and_the_background_sync_reads_them_again() {
    let app = open_app().await;
    let (token, _) = app.register("e@example.com", &["mentee"]).await;
    let server = FeedServer::start(&feed(&[(tomorrow_at(&app, 9), 30)])).await;
    let (_, calendar) = connect(&app, &token, &format!("{}/cal.ics", server.base)).await;
    let id = calendar["id"].as_str().unwrap().to_owned();
    assert_eq!(server.requests(), 1);
    jobs::periodic::schedule_all(&app.state).await;

    // Not due yet: nothing is fetched.
    app.advance(Duration::minutes(5));
    jobs::run_due(&app.state).await;
    assert_eq!(server.requests(), 1);
    // Due: fetched with the ETag, 304, nothing changes.
    app.advance(Duration::minutes(11));
    jobs::run_due(&app.state).await;
    assert_eq!(server.requests(), 2);
    assert_eq!(server.last_validator().as_deref(), Some("\"v1\""));
    let listed = app.get("/api/me/calendars", Some(&token)).await.json();
    assert_eq!(listed[0]["busyCount"], 1, "{listed}");
    // A change is read at the next sync.
    server.set(
        &feed(&[(tomorrow_at(&app, 9), 30), (tomorrow_at(&app, 15), 30)]),
        "\"v2\"",
    );
    // "Read now" reads at most every 30 seconds, however often it is pressed.
    let early = app
        .post(&format!("/api/me/calendars/{id}/sync"), json!({}), Some(&token))
        .await
        .json();
    assert_eq!(
        (early["busyCount"].as_i64(), server.requests()),
        (Some(1), 2),
        "{early}"
    );
    app.advance(Duration::seconds(31));
    let synced = app
        .post(&format!("/api/me/calendars/{id}/sync"), json!({}), Some(&token))
        .await
        .json();
    assert_eq!(synced["busyCount"], 2, "{synced}");
    // A failing feed keeps its last good busy time and shows why.
    server.set_status(500);
    app.advance(Duration::seconds(31));
    let failed = app
        .post(&format!("/api/me/calendars/{id}/sync"), json!({}), Some(&token))
        .await
        .json();
    assert_eq!(failed["busyCount"], 2);
    assert_eq!(failed["lastError"], "The calendar server answered 500.", "{failed}");
    assert_eq!(app.count_rows("external_busy").await, 2);
}

#[tokio::test]
async fn feeds_that_cannot_be_read_are_kept_with_their_error() {
    let app = open_app().await;
    let (token, _) = app.register("e@example.com", &["mentee"]).await;
    let server = FeedServer::start("<html>Please sign in</html>").await;
    let cases = [
        ("/cal.ics", "The feed is not an iCalendar file."),
        ("/big.ics", "The feed is over 5 MiB."),
        ("/redirect/5", "The calendar redirected more than 3 times."),
        ("/missing.ics", "The calendar server answered 404."),
    ];
    for (path, error) in cases {
        let (status, calendar) = connect(&app, &token, &format!("{}{path}", server.base)).await;
        assert_eq!(status, StatusCode::CREATED, "{path}");
        assert_eq!(calendar["lastError"], error, "{path}: {calendar}");
        assert_eq!(calendar["busyCount"], 0);
    }
    server.set(&feed(&[(tomorrow_at(&app, 9), 30)]), "\"v3\"");
    let (_, through) = connect(&app, &token, &format!("{}/redirect/2", server.base)).await;
    assert_eq!(through["busyCount"], 1, "two redirects are followed: {through}");
    // Someone else's calendar does not exist for you.
    let (other, _) = app.register("o@example.com", &["mentee"]).await;
    let id = through["id"].as_str().unwrap();
    let gone = app
        .json(Method::DELETE, &format!("/api/me/calendars/{id}"), None, Some(&other))
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    let sync = app
        .post(&format!("/api/me/calendars/{id}/sync"), json!({}), Some(&other))
        .await;
    assert_eq!(sync.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/api/me/calendars", Some(&other)).await.json(), json!([]));
    assert_eq!(
        app.get("/api/me/calendars", None).await.status,
        StatusCode::UNAUTHORIZED
    );
    let removed = app
        .json(Method::DELETE, &format!("/api/me/calendars/{id}"), None, Some(&token))
        .await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn addresses_inside_the_network_are_refused() {
    let app = TestApp::spawn().await;
    let (token, _) = app.register("e@example.com", &["mentee"]).await;
    let server = FeedServer::start(&feed(&[(tomorrow_at(&app, 9), 30)])).await;
    let port = server.base.rsplit(':').next().unwrap().to_owned();
    for url in [
        format!("{}/cal.ics", server.base),
        format!("http://localhost:{port}/cal.ics"),
        format!("webcal://localhost:{port}/cal.ics"),
        "http://10.0.0.8/cal.ics".into(),
        "http://169.254.169.254/latest/meta-data".into(),
        "http://[::1]/cal.ics".into(),
        "http://[::ffff:127.0.0.1]/cal.ics".into(),
        "ftp://example.com/cal.ics".into(),
        "file:///etc/passwd".into(),
    ] {
        let refused = app.post("/api/me/calendars", json!({"url": url}), Some(&token)).await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{url}: {}",
            refused.text()
        );
        assert!(refused.json()["error"]["fields"]["url"].is_string(), "{url}");
    }
    assert_eq!(app.count_rows("external_calendars").await, 0, "nothing was kept");
    assert_eq!(server.requests(), 0, "nothing was fetched");
    // A name checked once and fetched later is checked again when it is
    // resolved (a DNS change cannot sneak past): the client itself refuses.
    let client = FeedClient::new(false);
    let url = format!("http://localhost:{port}/cal.ics").parse().unwrap();
    let err = client.fetch(&url, None, None).await.unwrap_err();
    assert!(err.contains("private network"), "{err}");
    assert_eq!(server.requests(), 0);
}
