//! Group sessions: seats and the waitlist under concurrency, who may see
//! and do what, busy time both ways, the room, and what people are told.

use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use futures_util::future::join_all;
use mentorhub_server::jobs;
use mentorhub_server::services::groups::seats;
use mentorhub_store::{NewUser, UserRecord};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::harness::{TestApp, TestResponse};

fn iso(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Three days ahead at `hour`:00 UTC.
fn day_at(app: &TestApp, hour: u32) -> DateTime<Utc> {
    (app.now() + Duration::days(3))
        .date_naive()
        .and_hms_opt(hour, 0, 0)
        .unwrap()
        .and_utc()
}

async fn host(app: &TestApp, token: &str, at: DateTime<Utc>, capacity: i64, audience: &str) -> TestResponse {
    app.post(
        "/api/group-sessions",
        json!({"title": "System design office hours", "description": "Bring a design.",
               "scheduledAt": iso(at), "duration": 60, "capacity": capacity, "audience": audience}),
        Some(token),
    )
    .await
}

fn id_of(v: &Value) -> String {
    v["id"].as_str().expect("an id").to_owned()
}

/// People written straight to the store: a concurrency test needs many, and
/// hashing a password for each would only slow it down.
async fn people(app: &TestApp, n: usize) -> Vec<UserRecord> {
    let mut out = Vec::new();
    for i in 0..n {
        let email = format!("crowd{i}@example.com");
        let user = NewUser {
            id: Uuid::new_v4(),
            email: email.clone(),
            email_normalized: email,
            password_hash: "not-a-hash".into(),
            name: format!("Crowd {i}"),
            is_mentee: true,
            is_mentor: false,
            is_admin: false,
            timezone: "UTC".into(),
            now: app.now(),
        };
        out.push(app.state.store.create_user(&user).await.expect("a user"));
    }
    out
}

#[tokio::test]
async fn seats_are_never_oversold_and_the_waitlist_keeps_its_order() {
    let app = TestApp::spawn().await;
    let (mentor, _) = app.mentor("host@example.com", "Hana Host", json!({})).await;
    let created = host(&app, &mentor, day_at(&app, 15), 10, "everyone").await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let id: Uuid = id_of(&created.json()).parse().unwrap();
    let crowd = people(&app, 200).await;

    let joins = join_all(crowd.iter().map(|u| seats::join(&app.state, u, id))).await;
    let mut attending = 0;
    let mut waitlisted = 0;
    for j in &joins {
        match j.as_ref().expect("every join is answered").my_seat.map(|s| s.as_str()) {
            Some("attending") => attending += 1,
            Some("waitlisted") => waitlisted += 1,
            other => panic!("unexpected seat {other:?}"),
        }
    }
    assert_eq!((attending, waitlisted), (10, 190));
    let seats_now = app.state.store.group_seats(id).await.unwrap();
    let line: Vec<_> = seats_now.iter().filter(|s| s.status.as_str() == "waitlisted").collect();
    assert!(
        line.windows(2).all(|w| w[0].position < w[1].position),
        "the waitlist is in joining order"
    );
    let first_five: Vec<Uuid> = line.iter().take(5).map(|s| s.user_id).collect();
    let sitting: Vec<&UserRecord> = crowd
        .iter()
        .filter(|u| {
            seats_now
                .iter()
                .any(|s| s.user_id == u.id && s.status.as_str() == "attending")
        })
        .collect();
    assert_eq!(sitting.len(), 10);

    // Five attendees leave at once: the first five waiting take their seats.
    let leaves = join_all(sitting.iter().take(5).map(|u| seats::leave(&app.state, u, id))).await;
    assert!(leaves.iter().all(Result::is_ok));
    let after = app.state.store.group_seats(id).await.unwrap();
    let promoted: Vec<Uuid> = after
        .iter()
        .filter(|s| s.status.as_str() == "attending" && first_five.contains(&s.user_id))
        .map(|s| s.user_id)
        .collect();
    assert_eq!(promoted.len(), 5, "the first five on the waitlist were promoted");
    assert_eq!(after.iter().filter(|s| s.status.as_str() == "attending").count(), 10);
    assert_eq!(after.len(), 195);
    let g = app
        .get(&format!("/api/group-sessions/{id}"), Some(&mentor))
        .await
        .json();
    assert_eq!(
        (g["seatsTaken"].as_i64(), g["waitlistCount"].as_i64()),
        (Some(10), Some(185)),
        "{g}"
    );
    // A promoted person hears of it in the app.
    jobs::run_due(&app.state).await;
    let told = app.state.store.unread_notifications(promoted[0]).await.unwrap();
    assert_eq!(told, 1);
}

#[tokio::test]
async fn joins_and_leaves_change_places_as_the_contract_says() {
    let app = TestApp::spawn().await;
    let (mentor, _) = app.mentor("host@example.com", "Hana Host", json!({})).await;
    let (a, _) = app.register("a@example.com", &["mentee"]).await;
    let (b, _) = app.register("b@example.com", &["mentee"]).await;
    let (c, _) = app.register("c@example.com", &["mentee"]).await;
    let g = host(&app, &mentor, day_at(&app, 15), 2, "everyone").await.json();
    let path = |what: &str| format!("/api/group-sessions/{}/{what}", id_of(&g));
    let status = |r: TestResponse| r.json()["myStatus"].as_str().unwrap_or_default().to_owned();
    assert_eq!(status(app.post(&path("join"), json!({}), Some(&a)).await), "attending");
    assert_eq!(
        status(app.post(&path("join"), json!({}), Some(&a)).await),
        "attending",
        "joining twice keeps the seat"
    );
    assert_eq!(status(app.post(&path("join"), json!({}), Some(&b)).await), "attending");
    let waiting = app.post(&path("join"), json!({}), Some(&c)).await.json();
    assert_eq!(waiting["myStatus"], "waitlisted");
    assert!(waiting["meetingUrl"].is_null(), "the waitlist does not get the link");
    let own = app.post(&path("join"), json!({}), Some(&mentor)).await;
    assert_eq!(
        (own.status, own.error_code()),
        (StatusCode::CONFLICT, "own_group_session".into())
    );
    let line = app.get(&path("attendees"), Some(&mentor)).await.json();
    assert_eq!(line["attending"].as_array().map(Vec::len), Some(2));
    assert_eq!(line["waitlist"][0]["person"]["name"], "Test Person");
    assert_eq!(
        app.get(&path("attendees"), Some(&a)).await.status,
        StatusCode::FORBIDDEN
    );
    let left = app.post(&path("leave"), json!({}), Some(&a)).await.json();
    assert_eq!(left["myStatus"], "none");
    let promoted = app
        .get(&format!("/api/group-sessions/{}", id_of(&g)), Some(&c))
        .await
        .json();
    assert_eq!(promoted["myStatus"], "attending");
    assert!(
        promoted["meetingUrl"].as_str().is_some_and(|u| u.starts_with("http")),
        "{promoted}"
    );
    // After the start nobody new gets in.
    app.advance(Duration::days(4));
    let late = app.post(&path("join"), json!({}), Some(&a)).await;
    assert_eq!(
        (late.status, late.error_code()),
        (StatusCode::CONFLICT, "group_closed".into())
    );
}

#[tokio::test]
async fn mentees_only_sessions_do_not_exist_for_anyone_else() {
    let app = TestApp::spawn().await;
    let (mentor, mentee, _, mentor_id) = app.accepted_pair("host@example.com", "mine@example.com").await;
    let (stranger, _) = app.register("stranger@example.com", &["mentee"]).await;
    let (other_mentor, _) = app.mentor("other@example.com", "Otto Other", json!({})).await;
    let g = host(&app, &mentor, day_at(&app, 15), 5, "my_mentees").await.json();
    let one = format!("/api/group-sessions/{}", id_of(&g));
    assert_eq!(app.get(&one, Some(&mentee)).await.status, StatusCode::OK);
    for outsider in [&stranger, &other_mentor] {
        assert_eq!(app.get(&one, Some(outsider)).await.status, StatusCode::NOT_FOUND);
        let join = app.post(&format!("{one}/join"), json!({}), Some(outsider)).await;
        assert_eq!(join.status, StatusCode::NOT_FOUND);
        let listed = app
            .get(&format!("/api/group-sessions?hostId={mentor_id}"), Some(outsider))
            .await
            .json();
        assert_eq!(listed["items"].as_array().map(Vec::len), Some(0), "{listed}");
    }
    assert_eq!(app.get(&one, None).await.status, StatusCode::UNAUTHORIZED);
    let listed = app
        .get(&format!("/api/group-sessions?hostId={mentor_id}"), Some(&mentee))
        .await
        .json();
    assert_eq!(listed["items"][0]["audience"], "my_mentees");
    // Only mentors host, and bad fields are named.
    let refused = host(&app, &mentee, day_at(&app, 18), 5, "everyone").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let bad = app
        .post(
            "/api/group-sessions",
            json!({"title": "Hi", "capacity": 1, "duration": 5}),
            Some(&mentor),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["title", "capacity", "duration", "scheduledAt"] {
        assert!(
            bad.json()["error"]["fields"][field].is_string(),
            "{field}: {}",
            bad.text()
        );
    }
    let bad_date = app.get("/api/group-sessions?date=tomorrow", Some(&mentee)).await;
    assert_eq!(bad_date.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn group_time_is_busy_time_both_ways() {
    let app = TestApp::spawn().await;
    let (mentor, mentee, mentorship, mentor_id) = app.accepted_pair("host@example.com", "mine@example.com").await;
    let at = day_at(&app, 15);
    let book = |when: DateTime<Utc>| {
        app.post(
            "/api/mentorship/sessions",
            json!({"mentorshipId": mentorship, "scheduledAt": iso(when), "duration": 60, "topic": "Career plan"}),
            Some(&mentee),
        )
    };
    assert_eq!(book(at).await.status, StatusCode::CREATED);
    // The host cannot host over their own 1:1 session...
    let over = host(&app, &mentor, at + Duration::minutes(30), 5, "everyone").await;
    assert_eq!(
        (over.status, over.error_code()),
        (StatusCode::CONFLICT, "session_overlap".into())
    );
    // ...and nobody can book the host over a group session.
    let later = at + Duration::hours(3);
    let g = host(&app, &mentor, later, 5, "everyone").await.json();
    let clash = book(later + Duration::minutes(15)).await;
    assert_eq!(
        (clash.status, clash.error_code()),
        (StatusCode::CONFLICT, "session_overlap".into())
    );
    let day = later.date_naive();
    let slots = app
        .get(
            &format!("/api/mentors/{mentor_id}/slots?from={day}&to={day}&duration=60"),
            Some(&mentee),
        )
        .await;
    let starts: Vec<String> = slots
        .json()
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter_map(|s| s["start"].as_str().map(str::to_owned))
        .collect();
    assert!(
        !starts
            .iter()
            .any(|s| s.starts_with(&later.format("%Y-%m-%dT%H").to_string())),
        "{starts:?}"
    );
    // A mentee cannot join a group session over their own 1:1 session.
    let (other, _) = app.mentor("other@example.com", "Otto Other", json!({})).await;
    let same_time = host(&app, &other, at, 5, "everyone").await.json();
    let join = app
        .post(
            &format!("/api/group-sessions/{}/join", id_of(&same_time)),
            json!({}),
            Some(&mentee),
        )
        .await;
    assert_eq!(
        (join.status, join.error_code()),
        (StatusCode::CONFLICT, "session_overlap".into())
    );
    // Nor book a 1:1 over a group session they attend.
    let joined = app
        .post(
            &format!("/api/group-sessions/{}/join", id_of(&g)),
            json!({}),
            Some(&mentee),
        )
        .await;
    assert_eq!(joined.json()["myStatus"], "attending");
    let mine = app.get("/api/group-sessions?joined=true", Some(&mentee)).await.json();
    assert_eq!(mine["items"].as_array().map(Vec::len), Some(1), "{mine}");
}

#[tokio::test]
async fn the_room_is_for_the_host_and_attendees_only() {
    let app = TestApp::spawn().await;
    let (mentor, _) = app.mentor("host@example.com", "Hana Host", json!({})).await;
    let (a, _) = app.register("a@example.com", &["mentee"]).await;
    let (outsider, _) = app.register("o@example.com", &["mentee"]).await;
    let g = host(&app, &mentor, day_at(&app, 15), 5, "everyone").await.json();
    let one = format!("/api/group-sessions/{}", id_of(&g));
    app.post(&format!("{one}/join"), json!({}), Some(&a)).await;
    let room = app.get(&format!("{one}/chat"), Some(&a)).await.json()["conversationId"]
        .as_str()
        .unwrap()
        .to_owned();
    let sent = app
        .post(
            "/api/chat",
            json!({"conversationId": room, "body": "Hello all!"}),
            Some(&a),
        )
        .await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.text());
    let read = app
        .get(&format!("/api/chat/{room}/messages"), Some(&mentor))
        .await
        .json();
    assert_eq!(read["items"][0]["body"], "Hello all!");
    assert_eq!(
        app.get(&format!("{one}/chat"), Some(&outsider)).await.status,
        StatusCode::FORBIDDEN
    );
    let peek = app.get(&format!("/api/chat/{room}/messages"), Some(&outsider)).await;
    assert_eq!(peek.status, StatusCode::FORBIDDEN);
    let write = app
        .post(
            "/api/chat",
            json!({"conversationId": room, "body": "Let me in"}),
            Some(&outsider),
        )
        .await;
    assert_eq!(write.status, StatusCode::FORBIDDEN);
    // Leaving closes the room for that person.
    app.post(&format!("{one}/leave"), json!({}), Some(&a)).await;
    let after = app.get(&format!("/api/chat/{room}/messages"), Some(&a)).await;
    assert_eq!(after.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.get(&format!("{one}/ics"), Some(&a)).await.status,
        StatusCode::FORBIDDEN
    );
    let file = app.get(&format!("{one}/ics"), Some(&mentor)).await.text();
    assert!(
        file.contains("SUMMARY:Group session: System design office hours"),
        "{file}"
    );
}

#[tokio::test]
async fn the_host_cancels_or_completes_and_attendees_rate_it() {
    let app = TestApp::spawn().await;
    let (mentor, mentor_id) = app.mentor("host@example.com", "Hana Host", json!({})).await;
    let (a, a_user) = app.register("a@example.com", &["mentee"]).await;
    let (b, b_user) = app.register("b@example.com", &["mentee"]).await;
    let (c, _) = app.register("c@example.com", &["mentee"]).await;
    let first = host(&app, &mentor, day_at(&app, 15), 2, "everyone").await.json();
    let second = host(&app, &mentor, day_at(&app, 18), 2, "everyone").await.json();
    let one = format!("/api/group-sessions/{}", id_of(&first));
    let two = format!("/api/group-sessions/{}", id_of(&second));
    for t in [&a, &b, &c] {
        app.post(&format!("{one}/join"), json!({}), Some(t)).await;
    }
    app.post(&format!("{two}/join"), json!({}), Some(&a)).await;
    let not_host = app.post(&format!("{one}/cancel"), json!({}), Some(&a)).await;
    assert_eq!(not_host.status, StatusCode::FORBIDDEN);
    let cancelled = app
        .post(&format!("{one}/cancel"), json!({"reason": "I am ill"}), Some(&mentor))
        .await;
    assert_eq!(cancelled.json()["status"], "cancelled");
    jobs::run_due(&app.state).await;
    for user in [&a_user, &b_user] {
        let id: Uuid = user["id"].as_str().unwrap().parse().unwrap();
        let notes = app.state.store.list_notifications(id, 10, 0).await.unwrap();
        assert!(
            notes
                .iter()
                .any(|n| n.kind == "group_cancelled" && n.body.contains("I am ill")),
            "{notes:?}"
        );
    }
    let again = app.post(&format!("{one}/cancel"), json!({}), Some(&mentor)).await;
    assert_eq!(again.status, StatusCode::CONFLICT);

    let early = app.post(&format!("{two}/complete"), json!({}), Some(&mentor)).await;
    assert_eq!(
        (early.status, early.error_code()),
        (StatusCode::CONFLICT, "not_started".into())
    );
    let too_soon = app
        .post(&format!("{two}/feedback"), json!({"rating": 5}), Some(&a))
        .await;
    assert_eq!(too_soon.status, StatusCode::CONFLICT);
    app.advance(Duration::days(3) + Duration::hours(20));
    let done = app.post(&format!("{two}/complete"), json!({}), Some(&mentor)).await;
    assert_eq!(done.json()["status"], "completed", "{}", done.text());
    let rated = app
        .post(
            &format!("{two}/feedback"),
            json!({"rating": 4, "comment": "Very useful"}),
            Some(&a),
        )
        .await;
    assert_eq!(rated.json()["myRating"], 4, "{}", rated.text());
    let twice = app
        .post(&format!("{two}/feedback"), json!({"rating": 4}), Some(&a))
        .await;
    assert_eq!(
        (twice.status, twice.error_code()),
        (StatusCode::CONFLICT, "feedback_given".into())
    );
    let outsider = app
        .post(&format!("{two}/feedback"), json!({"rating": 1}), Some(&c))
        .await;
    assert_eq!(
        (outsider.status, outsider.error_code()),
        (StatusCode::CONFLICT, "not_attending".into())
    );
    let card = app.get(&format!("/api/mentors/{mentor_id}"), Some(&a)).await.json();
    assert_eq!(card["rating"]["count"], 1, "{card}");
    let reviews = app
        .get(&format!("/api/mentors/{mentor_id}/reviews"), Some(&a))
        .await
        .json();
    assert!(reviews.to_string().contains("Very useful"), "{reviews}");
    let totals = app.get("/api/dashboard", Some(&a)).await.json();
    assert_eq!(totals["totalHours"].as_f64(), Some(1.0), "{totals}");
}
