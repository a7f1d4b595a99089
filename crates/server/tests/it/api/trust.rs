//! Stale requests (reminders, expiry on the job queue, pausing), the
//! responsiveness figures on cards and the `responsive` sort, and no-shows,
//! under a moved clock, on both databases.

use axum::http::{Method, StatusCode};
use chrono::{Duration, Timelike};
use futures_util::future::join_all;
use mentorhub_server::jobs::kinds::Kind;
use mentorhub_server::jobs::{self, periodic};
use mentorhub_server::services::trust::stale;
use serde_json::{json, Value};

use crate::harness::{TestApp, TestResponse};

async fn notifications(app: &TestApp, token: &str) -> Vec<Value> {
    app.get("/api/notifications?limit=100", Some(token)).await.json()["items"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn titled<'a>(list: &'a [Value], words: &str) -> Vec<&'a Value> {
    list.iter()
        .filter(|n| n["title"].as_str().unwrap_or("").contains(words))
        .collect()
}

/// Runs the request sweep as the job runner does: its periodic slot, due.
async fn sweep_on_the_queue(app: &TestApp) {
    periodic::schedule_next(&app.state, Kind::RequestSweep).await;
    app.advance(Duration::minutes(1));
    jobs::run_due(&app.state).await;
}

async fn act(app: &TestApp, token: &str, id: &str, action: &str) -> TestResponse {
    app.json(
        Method::POST,
        &format!("/api/mentorship/{id}/{action}"),
        None,
        Some(token),
    )
    .await
}

#[tokio::test]
async fn a_waiting_request_is_nudged_twice_then_expires_and_frees_the_quota() {
    let app = TestApp::spawn().await;
    let (mentor, mentor_id) = app.mentor("m@example.com", "Mona Mentor", json!({})).await;
    let (mentee, _) = app.register("e@example.com", &["mentee"]).await;
    let asked = app.ask(&mentee, &mentor_id).await;
    assert_eq!(asked.status, StatusCode::CREATED);
    let id = asked.json()["id"].as_str().unwrap().to_owned();

    app.advance(Duration::days(2));
    sweep_on_the_queue(&app).await;
    assert!(titled(&notifications(&app, &mentor).await, "waiting for your answer").is_empty());

    app.advance(Duration::days(1));
    sweep_on_the_queue(&app).await;
    sweep_on_the_queue(&app).await;
    assert_eq!(
        titled(&notifications(&app, &mentor).await, "waiting for your answer").len(),
        1,
        "one reminder after three days, however often the sweep runs"
    );
    app.advance(Duration::days(4));
    sweep_on_the_queue(&app).await;
    let nudges = notifications(&app, &mentor).await;
    assert_eq!(titled(&nudges, "waiting for your answer").len(), 2);
    assert!(nudges[0]["body"].as_str().unwrap().contains("7 days ago"));
    let mine = app.get(&format!("/api/mentorship/{id}"), Some(&mentee)).await.json();
    assert_eq!(mine["status"], "pending", "still waiting after a week");

    app.advance(Duration::days(7));
    sweep_on_the_queue(&app).await;
    let expired = app.get(&format!("/api/mentorship/{id}"), Some(&mentee)).await.json();
    assert_eq!(expired["status"], "expired");
    let told = notifications(&app, &mentee).await;
    assert_eq!(titled(&told, "Your request to Mona Mentor expired").len(), 1);
    let late = act(&app, &mentor, &id, "accept").await;
    assert_eq!(
        late.status,
        StatusCode::CONFLICT,
        "an expired request cannot be accepted"
    );
    let filtered = app.get("/api/mentorship?status=expired", Some(&mentee)).await.json();
    assert_eq!(filtered["items"].as_array().unwrap().len(), 1);

    // The quota counts waiting requests only: five more may wait now.
    for i in 0..5 {
        let (_, other) = app
            .mentor(&format!("o{i}@example.com"), "Other Mentor", json!({}))
            .await;
        assert_eq!(
            app.ask(&mentee, &other).await.status,
            StatusCode::CREATED,
            "request {i}"
        );
    }
    let again = app.ask(&mentee, &mentor_id).await;
    assert_eq!(again.error_code(), "too_many_pending_requests");
}

#[tokio::test]
async fn a_mentor_whose_last_three_requests_expired_is_paused_and_told_how_to_resume() {
    let app = TestApp::spawn_configured(TestApp::test_limits(), |c| {
        c.mentorship_request_ttl = std::time::Duration::from_secs(86_400);
    })
    .await;
    let (mentor, mentor_id) = app
        .mentor("m@example.com", "Mona Mentor", json!({"maxMentees": 5}))
        .await;
    let mut mentees = Vec::new();
    for i in 0..3 {
        let (token, _) = app.register(&format!("e{i}@example.com"), &["mentee"]).await;
        assert_eq!(app.ask(&token, &mentor_id).await.status, StatusCode::CREATED);
        mentees.push(token);
        if i == 1 {
            app.advance(Duration::days(2));
            assert_eq!(
                stale::sweep(&app.state).await.unwrap().paused,
                0,
                "two expired: not yet"
            );
        }
    }
    app.advance(Duration::days(2));
    let swept = stale::sweep(&app.state).await.unwrap();
    assert_eq!((swept.expired, swept.paused), (1, 1));
    let profile = app.get(&format!("/api/mentors/{mentor_id}"), None).await.json();
    assert_eq!(profile["acceptingMentees"], false);
    let paused = notifications(&app, &mentor).await;
    let told = titled(&paused, "You are paused");
    assert_eq!(told.len(), 1);
    assert!(told[0]["body"].as_str().unwrap().contains("Accepting mentees"));
    let (late, _) = app.register("late@example.com", &["mentee"]).await;
    assert_eq!(app.ask(&late, &mentor_id).await.error_code(), "mentor_unavailable");
    assert_eq!(stale::sweep(&app.state).await.unwrap().paused, 0, "paused once");

    // Resuming is one switch; an answered request breaks the streak.
    let resumed = app
        .put(
            "/api/me/mentor-profile",
            json!({
                "headline": "Mona Mentor, mentor", "bio": "I like helping people grow.", "company": "Acme",
                "jobTitle": "Engineer", "expertise": ["Rust"], "specializations": ["Career growth"],
                "yearsExperience": 5, "languages": ["English"], "acceptingMentees": true, "maxMentees": 5
            }),
            Some(&mentor),
        )
        .await;
    assert_eq!(resumed.status, StatusCode::OK, "{}", resumed.text());
    let asked = app.ask(&late, &mentor_id).await.json();
    act(&app, &mentor, asked["id"].as_str().unwrap(), "accept").await;
    let (another, _) = app.register("another@example.com", &["mentee"]).await;
    app.ask(&another, &mentor_id).await;
    app.advance(Duration::days(2));
    assert_eq!(
        stale::sweep(&app.state).await.unwrap().paused,
        0,
        "the last three are not all expired"
    );
}

#[tokio::test]
async fn concurrent_sweeps_expire_and_tell_each_request_once() {
    let app = TestApp::spawn().await;
    let (_, mentor_id) = app
        .mentor("m@example.com", "Mona Mentor", json!({"maxMentees": 20}))
        .await;
    let mut mentees = Vec::new();
    for i in 0..6 {
        let (token, _) = app.register(&format!("e{i}@example.com"), &["mentee"]).await;
        app.ask(&token, &mentor_id).await;
        mentees.push(token);
    }
    app.advance(Duration::days(15));
    let results = join_all((0..4).map(|_| stale::sweep(&app.state))).await;
    let expired: usize = results.iter().map(|r| r.as_ref().unwrap().expired).sum();
    assert_eq!(expired, 6, "each request expires in exactly one sweep");
    for token in &mentees {
        assert_eq!(titled(&notifications(&app, token).await, "expired").len(), 1);
    }
}

#[tokio::test]
async fn responsiveness_is_the_share_answered_and_the_median_wait() {
    let app = TestApp::spawn().await;
    app.advance_to_utc_hour(8);
    let (slow, slow_id) = app
        .mentor("slow@example.com", "Sam Slow", json!({"maxMentees": 10}))
        .await;
    let (quick, quick_id) = app
        .mentor("quick@example.com", "Quinn Quick", json!({"maxMentees": 10}))
        .await;
    let fresh = app.get(&format!("/api/mentors/{slow_id}"), None).await.json();
    assert_eq!(
        fresh["responsiveness"],
        json!({"responseRate": null, "medianResponseHours": null})
    );
    let mut requests = Vec::new();
    for i in 0..4 {
        let (token, _) = app.register(&format!("e{i}@example.com"), &["mentee"]).await;
        requests.push(
            app.ask(&token, &slow_id).await.json()["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
        if i == 0 {
            let q = app.ask(&token, &quick_id).await.json();
            app.advance(Duration::minutes(30));
            act(&app, &quick, q["id"].as_str().unwrap(), "accept").await;
        }
    }
    // Answers after 2, 10 and 24 hours; the fourth expires.
    app.advance(Duration::hours(2));
    act(&app, &slow, &requests[0], "accept").await;
    app.advance(Duration::hours(8));
    act(&app, &slow, &requests[1], "reject").await;
    app.advance(Duration::hours(14));
    act(&app, &slow, &requests[2], "accept").await;
    app.advance(Duration::days(14));
    stale::sweep(&app.state).await.unwrap();

    let card = app.get(&format!("/api/mentors/{slow_id}"), None).await.json();
    let r = &card["responsiveness"];
    assert_eq!(r["responseRate"], 0.75, "{card}");
    let median = r["medianResponseHours"].as_f64().unwrap();
    assert!(
        (median - 10.0).abs() < 0.6,
        "median of 2, ~10.5 and ~24.5 hours: {median}"
    );
    assert!(card["lastActiveOn"].is_string(), "the mentor signed in: {card}");
    assert_eq!(card["lastActiveOn"].as_str().unwrap().len(), 10, "a day, never a time");

    let sorted = app
        .get("/api/mentors?sort=responsive&acceptingOnly=false", None)
        .await
        .json();
    let order: Vec<&str> = sorted["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(order, vec!["Quinn Quick", "Sam Slow"], "quickest first");
    assert_eq!(
        app.get("/api/mentors?sort=fastest", None).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let page = app.get(&format!("/mentors/{slow_id}"), None).await.text();
    assert!(
        page.contains("Usually responds within a day · answers 75 % of requests"),
        "{page}"
    );
}

async fn past_session(app: &TestApp, mentee: &str, mentorship: &str) -> String {
    let at = (app.now() + Duration::days(1))
        .with_minute(0)
        .unwrap()
        .with_second(0)
        .unwrap();
    let booked = app.book(mentee, mentorship, at, 60).await;
    assert_eq!(booked.status, StatusCode::CREATED, "{}", booked.text());
    booked.json()["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn either_side_records_a_no_show_within_72_hours_and_it_leaves_the_hours() {
    let app = TestApp::spawn().await;
    app.advance_to_utc_hour(6);
    let (mentor, mentee, mentorship, _) = app.accepted_pair("m@example.com", "e@example.com").await;
    let (stranger, _) = app.register("s@example.com", &["mentee"]).await;
    let id = past_session(&app, &mentee, &mentorship).await;
    let path = format!("/api/mentorship/sessions/{id}/no-show");
    assert_eq!(
        app.post(&path, json!({}), Some(&mentor)).await.error_code(),
        "session_not_ended"
    );
    app.advance(Duration::days(1) + Duration::hours(2));
    app.post(
        &format!("/api/mentorship/sessions/{id}/complete"),
        json!({}),
        Some(&mentor),
    )
    .await;
    let before = app.get("/api/dashboard", Some(&mentee)).await.json();
    assert_eq!(before["totalHours"], 1.0, "{before}");
    assert_eq!(
        app.post(&path, json!({}), Some(&stranger)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.post(&path, json!({}), None).await.status, StatusCode::UNAUTHORIZED);

    // Both at once: one wins.
    let both = join_all([
        app.post(&path, json!({}), Some(&mentor)),
        app.post(&path, json!({}), Some(&mentee)),
    ])
    .await;
    let won: Vec<&TestResponse> = both.iter().filter(|r| r.status == StatusCode::OK).collect();
    assert_eq!(won.len(), 1, "{:?}", both.iter().map(|r| r.text()).collect::<Vec<_>>());
    let lost = both.iter().find(|r| r.status != StatusCode::OK).unwrap();
    assert_eq!(lost.error_code(), "no_show_recorded");
    let absent = won[0].json()["noShow"].as_str().unwrap().to_owned();
    assert!(absent == "mentee" || absent == "mentor");
    let after = app.get("/api/dashboard", Some(&mentee)).await.json();
    assert_eq!(after["totalHours"], 0.0, "a no-show is not an hour of mentoring");
    let seen = app
        .get(&format!("/api/mentorship/sessions/{id}"), Some(&mentor))
        .await
        .json();
    assert_eq!(seen["noShow"], absent.as_str());

    let late = past_session(&app, &mentee, &mentorship).await;
    app.advance(Duration::days(1) + Duration::hours(74));
    let closed = app
        .post(
            &format!("/api/mentorship/sessions/{late}/no-show"),
            json!({}),
            Some(&mentee),
        )
        .await;
    assert_eq!(closed.error_code(), "no_show_window_closed");

    // Admins see who was absent, counted per person.
    let admin = app.admin("admin@example.com").await;
    let absent_email = if absent == "mentee" {
        "e%40example.com"
    } else {
        "m%40example.com"
    };
    let other_email = if absent == "mentee" {
        "m%40example.com"
    } else {
        "e%40example.com"
    };
    let listed = app
        .get(&format!("/api/admin/users?q={absent_email}"), Some(&admin))
        .await
        .json();
    assert_eq!(listed["items"][0]["noShows"], 1, "{listed}");
    let other = app
        .get(&format!("/api/admin/users?q={other_email}"), Some(&admin))
        .await
        .json();
    assert_eq!(other["items"][0]["noShows"], 0, "{other}");
}
