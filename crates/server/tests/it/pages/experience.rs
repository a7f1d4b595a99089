//! The product around the journeys: landing page, reviews and Book on a
//! profile, "did you mean", specialization choices, the scheduler's empty
//! days, notifications that read themselves, availability errors beside
//! their day, the photo form, mini ratings and labelled notes, favicon.

use axum::http::{Method, StatusCode};
use chrono::{Duration, Timelike};
use serde_json::json;

use super::Visitor;
use crate::harness::TestApp;

/// A completed, rated session with a written review.
async fn reviewed_session(app: &TestApp, mentor: &str, mentee: &str, mentorship: &str, mentor_id: &str) -> String {
    let every_day = (1..=7)
        .map(|d| json!({"weekday": d, "start": "00:00", "end": "23:59"}))
        .collect::<Vec<_>>();
    app.put(
        "/api/me/availability",
        json!({"timezone": "UTC", "weekly": every_day}),
        Some(mentor),
    )
    .await;
    let day = (app.now() + Duration::days(1)).date_naive();
    let slots = app
        .get(
            &format!("/api/mentors/{mentor_id}/slots?from={day}&to={day}"),
            Some(mentee),
        )
        .await
        .json();
    let start = slots[0]["start"].as_str().unwrap().to_owned();
    let booked = app
        .post(
            "/api/mentorship/sessions",
            json!({"mentorshipId": mentorship, "scheduledAt": start, "duration": 60, "topic": "System design"}),
            Some(mentee),
        )
        .await;
    assert_eq!(booked.status, StatusCode::CREATED, "{}", booked.text());
    let id = booked.json()["id"].as_str().unwrap().to_owned();
    app.advance(Duration::days(3));
    let base = format!("/api/mentorship/sessions/{id}");
    assert_eq!(
        app.post(&format!("{base}/complete"), json!({}), Some(mentor))
            .await
            .status,
        StatusCode::OK
    );
    let rated = app
        .post(
            &format!("{base}/feedback"),
            json!({"rating": 5, "comment": "Clear, kind and practical."}),
            Some(mentee),
        )
        .await;
    assert_eq!(rated.status, StatusCode::OK, "{}", rated.text());
    id
}

#[tokio::test]
async fn profiles_show_reviews_and_let_connected_mentees_book() {
    let app = TestApp::spawn().await;
    let (mentor, mentee, mentorship, mentor_id) = app.accepted_pair("m@example.com", "e@example.com").await;
    reviewed_session(&app, &mentor, &mentee, &mentorship, &mentor_id).await;

    let reviews = app.get(&format!("/api/mentors/{mentor_id}/reviews"), None).await;
    assert_eq!(reviews.status, StatusCode::OK);
    let reviews = reviews.json();
    assert_eq!(reviews[0]["comment"], "Clear, kind and practical.");
    assert_eq!(reviews[0]["author"], "Test P.", "first name and initial only");
    assert_eq!(reviews[0]["rating"], 5);
    let nobody = app
        .get(&format!("/api/mentors/{}/reviews", uuid::Uuid::new_v4()), None)
        .await;
    assert_eq!(nobody.status, StatusCode::NOT_FOUND);

    let mut visitor = Visitor::new(&app);
    let public = visitor.get(&format!("/mentors/{mentor_id}")).await.text();
    assert!(public.contains("Clear, kind and practical.") && public.contains("Sign in to connect"));
    assert!(!public.contains("Book a session"), "visitors are asked to sign in");

    let mut connected = Visitor::signed_in(&app, "e@example.com").await;
    let profile = connected.get(&format!("/mentors/{mentor_id}")).await.text();
    assert!(profile.contains(&format!("href=\"/mentorship/sessions/new?mentorship={mentorship}\"")));
    assert!(
        profile.contains("class=\"chip\""),
        "next free times link into the scheduler"
    );
    assert_eq!(profile.matches("Engineer at Acme").count(), 1, "the role once");

    let mut own = Visitor::signed_in(&app, "m@example.com").await;
    let find = own.get("/mentorship/find?searched=1").await.text();
    assert!(find.contains("Edit your profile"));
    assert!(
        !find.contains(&format!("href=\"/chat/with/{mentor_id}\"")),
        "no message-yourself link"
    );
}

#[tokio::test]
async fn the_landing_page_shows_real_mentors_and_search() {
    let app = TestApp::spawn().await;
    app.mentor(
        "ada@example.com",
        "Ada Lovelace",
        json!({"expertise": ["Distributed systems"]}),
    )
    .await;
    let mut visitor = Visitor::new(&app);
    let html = visitor.get("/").await.text();
    assert!(html.contains("action=\"/mentorship/find\" role=\"search\""));
    assert!(html.contains("Ada Lovelace") && html.contains("How it works"));
    let icon = visitor.get("/favicon.ico").await;
    assert_eq!(
        (icon.status, icon.header("content-type").as_deref()),
        (StatusCode::OK, Some("image/svg+xml"))
    );
}

#[tokio::test]
async fn misspelt_searches_find_what_was_meant() {
    let app = TestApp::spawn().await;
    app.mentor(
        "ada@example.com",
        "Ada Lovelace",
        json!({"expertise": ["Distributed systems"], "specializations": ["Career growth"]}),
    )
    .await;
    app.mentor(
        "lin@example.com",
        "Lin Wu",
        json!({"expertise": ["Compilers"], "specializations": ["Leadership"]}),
    )
    .await;
    let suggestion = app.get("/api/mentors/suggestion?q=distribted", None).await.json();
    assert_eq!(suggestion["suggestion"], "distributed");
    assert!(app.get("/api/mentors/suggestion?q=compilers", None).await.json()["suggestion"].is_null());

    let mut visitor = Visitor::new(&app);
    let html = visitor.get("/mentorship/find?searched=1&q=distribted").await.text();
    assert!(html.contains("Showing results for <strong>distributed</strong>"));
    assert!(html.contains("Ada Lovelace") && !html.contains("Lin Wu"));
    // Specializations are a choice among the ones mentors offer.
    assert!(html.contains("<option>Career growth</option>") && html.contains("<option>Leadership</option>"));
}

#[tokio::test]
async fn an_empty_day_points_to_the_next_free_one() {
    let app = TestApp::spawn().await;
    let (mentor, _, mentorship, _) = app.accepted_pair("m@example.com", "e@example.com").await;
    // Only Wednesdays, in the mentor's zone.
    let hours = json!({"timezone": "UTC", "weekly": [{"weekday": 3, "start": "10:00", "end": "12:00"}]});
    app.put("/api/me/availability", hours, Some(&mentor)).await;
    let mut mentee = Visitor::signed_in(&app, "e@example.com").await;
    let mut day = (app.now() + Duration::days(2)).date_naive();
    while chrono::Datelike::weekday(&day) == chrono::Weekday::Wed {
        day += Duration::days(1);
    }
    let html = mentee
        .get(&format!("/mentorship/sessions/new?mentorship={mentorship}&date={day}"))
        .await
        .text();
    assert!(html.contains("No free times on"), "{html}");
    assert!(html.contains("Next available:"));
    assert!(!html.contains("Confirm booking"), "no Book button on an empty day");
    assert!(
        html.contains("aria-label=\"Wednesday"),
        "free Wednesdays are links in the month"
    );
}

#[tokio::test]
async fn notifications_link_read_themselves_and_chat_raises_one_badge() {
    let app = TestApp::spawn().await;
    let (_, _, _, mentor_id) = app.accepted_pair("m@example.com", "e@example.com").await;
    let mut mentee = Visitor::signed_in(&app, "e@example.com").await;
    let page = mentee.get("/notifications").await.text();
    let id = page
        .split("href=\"/notifications/")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    let opened = mentee.get(&format!("/notifications/{id}/open")).await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER);
    assert!(opened.header("location").unwrap().starts_with('/'));
    let html = mentee.get("/dashboard").await.text();
    assert!(html.contains("data-unread-notifications hidden>0<"), "opening read it");
    // Someone else's notification is not found.
    app.register("s@example.com", &["mentee"]).await;
    let mut stranger = Visitor::signed_in(&app, "s@example.com").await;
    assert_eq!(
        stranger.get(&format!("/notifications/{id}/open")).await.status,
        StatusCode::NOT_FOUND
    );

    // A chat message counts on Chat, not on the bell.
    let mentee_token = app
        .json(
            Method::POST,
            "/api/auth/login",
            Some(json!({"email": "e@example.com", "password": "correct horse battery"})),
            None,
        )
        .await
        .json()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    app.post(
        "/api/chat",
        json!({"recipientId": mentor_id, "body": "Meet at https://meet.example/x."}),
        Some(&mentee_token),
    )
    .await;
    let mut mentor_page = Visitor::signed_in(&app, "m@example.com").await;
    let dash = mentor_page.get("/dashboard").await.text();
    assert!(dash.contains("data-unread-messages>1<"), "{dash}");
    assert!(dash.contains("data-unread-notifications hidden>0<") || dash.contains("data-unread-notifications>1<"));
    let before: i64 = app
        .count_rows("notifications WHERE read_at IS NULL AND kind = 'chat_message'")
        .await;
    assert_eq!(before, 1);
    let conversation = mentor_page.get("/chat").await.text();
    let chat_id = conversation
        .split("data-conversation-id=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    mentor_page.get(&format!("/chat/{chat_id}")).await;
    assert_eq!(
        app.count_rows("notifications WHERE read_at IS NULL AND kind = 'chat_message'")
            .await,
        0,
        "reading the conversation reads its notification"
    );
}

#[tokio::test]
async fn notification_links_never_leave_the_site_and_addresses_are_clickable() {
    let app = TestApp::spawn().await;
    let (_, user) = app.register("e@example.com", &["mentee"]).await;
    let id = user["id"].as_str().unwrap();
    let now = app.now().with_nanosecond(0).unwrap().to_rfc3339();
    let truth = if app.state.config.database_url.starts_with("postgres") {
        format!("'{id}'::uuid")
    } else {
        format!("X'{}'", id.replace('-', ""))
    };
    let nid = uuid::Uuid::new_v4();
    let nid_sql = if app.state.config.database_url.starts_with("postgres") {
        format!("'{nid}'::uuid")
    } else {
        format!("X'{}'", nid.simple())
    };
    let at = if app.state.config.database_url.starts_with("postgres") {
        format!("'{now}'::timestamptz")
    } else {
        format!("'{now}'")
    };
    app.execute_sql(&format!(
        "INSERT INTO notifications (id, user_id, kind, title, body, link, created_at) VALUES \
         ({nid_sql}, {truth}, 'session_booked', 'Booked', 'Join https://meet.jit.si/x. Bye', '//evil.example/', {at})"
    ))
    .await;
    let mut visitor = Visitor::signed_in(&app, "e@example.com").await;
    let list = visitor.get("/notifications").await.text();
    assert!(list.contains(
        "<a href=\"https://meet.jit.si/x\" rel=\"noopener noreferrer\" target=\"_blank\">https://meet.jit.si/x</a>."
    ));
    let opened = visitor.get(&format!("/notifications/{nid}/open")).await;
    assert_eq!(
        opened.header("location").as_deref(),
        Some("/notifications"),
        "no open redirect"
    );
}

#[tokio::test]
async fn availability_errors_sit_beside_their_day_and_keep_the_edits() {
    let app = TestApp::spawn().await;
    app.mentor("m@example.com", "Mona Mentor", json!({})).await;
    let mut mentor = Visitor::signed_in(&app, "m@example.com").await;
    let bad = mentor
        .submit(
            "/settings",
            "/settings/availability",
            "timezone=Europe%2FBerlin&start_1=09%3A00&end_1=17%3A00&start_2=15%3A00&end_2=11%3A00&overrides=&min_notice=120&horizon=60&buffer=0&meeting_url=",
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = bad.text();
    assert!(
        html.contains("id=\"weekly_2-error\">Tuesday: 15:00 must end after it starts (11:00).</p>"),
        "{html}"
    );
    assert!(
        html.contains("href=\"#weekly_2-error\""),
        "the summary at the top links to it"
    );
    assert!(
        html.contains("id=\"start_1\" name=\"start_1\" type=\"time\" value=\"09:00\""),
        "edits kept"
    );
    assert!(html.contains("id=\"start_2\" name=\"start_2\" type=\"time\" value=\"15:00\""));
    assert_eq!(app.count_rows("availability").await, 0, "nothing saved");
}

#[tokio::test]
async fn the_settings_page_uploads_and_removes_a_photo() {
    let app = TestApp::spawn().await;
    app.register("e@example.com", &["mentee"]).await;
    let mut visitor = Visitor::signed_in(&app, "e@example.com").await;
    let page = visitor.get("/settings").await;
    let csrf = Visitor::csrf_of(&page);
    let mut png = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image::RgbImage::new(64, 64))
        .write_to(&mut png, image::ImageFormat::Png)
        .unwrap();
    let png = png.into_inner();
    let forged = visitor.post_file("/settings/photo", Some("wrong"), "photo", &png).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let not_image = visitor
        .post_file("/settings/photo", Some(&csrf), "photo", b"hello")
        .await;
    assert_eq!(not_image.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(not_image
        .text()
        .contains("id=\"photo-error\">Upload a JPEG, PNG or WebP photo.</p>"));
    assert_eq!(app.count_rows("profile_photos").await, 0);
    let saved = visitor.post_file("/settings/photo", Some(&csrf), "photo", &png).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
    assert_eq!(app.count_rows("profile_photos").await, 1);
    assert!(visitor.get("/settings").await.text().contains("Remove photo"));
    let removed = visitor.post("/settings/photo/remove", "", Some(&csrf)).await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert_eq!(app.count_rows("profile_photos").await, 0);
}

#[tokio::test]
async fn mentees_rate_mini_sessions_on_their_page_and_notes_say_who_sees_them() {
    let app = TestApp::spawn().await;
    let (mentor, _) = app.mentor("m@example.com", "Mona Mentor", json!({})).await;
    let (mentee, _) = app.register("e@example.com", &["mentee"]).await;
    let when = (app.now() + Duration::days(2)).with_nanosecond(0).unwrap();
    let created = app
        .post(
            "/api/mini/requests",
            json!({"title": "Résumé review", "sessionType": "resume_review", "description": "Two pages, backend roles.",
                   "duration": 30, "urgency": "medium", "preferredDates": [when.to_rfc3339()]}),
            Some(&mentee),
        )
        .await;
    let id = created.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(
        app.post(&format!("/api/mini/requests/{id}/claim"), json!({}), Some(&mentor))
            .await
            .status,
        StatusCode::OK
    );
    let scheduled = app
        .post(
            &format!("/api/mini/requests/{id}/schedule"),
            json!({"scheduledAt": when.to_rfc3339()}),
            Some(&mentor),
        )
        .await;
    assert_eq!(scheduled.status, StatusCode::CREATED, "{}", scheduled.text());
    app.advance(Duration::days(3));

    let mut mentor_page = Visitor::signed_in(&app, "m@example.com").await;
    let detail = mentor_page.get(&format!("/mini/{id}")).await.text();
    assert!(
        detail.contains("(Test Person will see these)"),
        "the mentor knows who reads the notes"
    );
    let session = detail
        .split("action=\"/mini/sessions/")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    let done = mentor_page
        .submit(
            &format!("/mini/{id}"),
            &format!("/mini/sessions/{session}/complete"),
            "notes=Lead+with+impact.&outcome=Ready",
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);

    let mut mentee_page = Visitor::signed_in(&app, "e@example.com").await;
    let page = mentee_page.get(&format!("/mini/{id}")).await.text();
    assert!(page.contains("Your mentor's notes") && page.contains("shared with you"));
    assert!(
        page.contains(&format!("action=\"/mini/sessions/{session}/feedback\"")),
        "rate from the mini page"
    );
    let mut stranger = Visitor::signed_in(&app, "m@example.com").await;
    let refused = stranger
        .submit(
            &format!("/mini/{id}"),
            &format!("/mini/sessions/{session}/feedback"),
            "rating=1",
        )
        .await;
    assert_eq!(refused.status, StatusCode::SEE_OTHER);
    assert!(
        refused.header("location").unwrap().starts_with(&format!("/mini/{id}")),
        "{:?}",
        refused.header("location")
    );
    let rated = mentee_page
        .submit(
            &format!("/mini/{id}"),
            &format!("/mini/sessions/{session}/feedback"),
            "rating=5&comment=Great+tips",
        )
        .await;
    assert_eq!(rated.status, StatusCode::SEE_OTHER);
    let after = mentee_page.get(&format!("/mini/{id}")).await.text();
    assert!(after.contains("Rated 5 / 5") && !after.contains("Rate this session"));
    assert_eq!(
        app.count_rows("session_feedback").await,
        1,
        "only the mentee's rating counts"
    );
}
