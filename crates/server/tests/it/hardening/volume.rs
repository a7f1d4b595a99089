//! Batch and volume: tRPC batches are capped, a mentee has at most five open
//! mini requests and posts at most so many an hour, the board pages with
//! cursors, and "new request matches you" collapses per mentor.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use chrono::{DateTime, Duration, Utc};
use futures_util::future::join_all;
use mentorhub_server::services::limits::Limits;
use serde_json::{json, Value};

use crate::harness::TestApp;

fn iso(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn mini_body(app: &TestApp, title: &str, urgency: &str) -> Value {
    let at = (app.now() + Duration::days(2))
        .date_naive()
        .and_hms_opt(15, 0, 0)
        .unwrap()
        .and_utc();
    json!({
        "title": title,
        "sessionType": "interview_prep",
        "description": "Need help preparing for technical interviews",
        "duration": 30,
        "urgency": urgency,
        "preferredDates": [iso(at)]
    })
}

async fn interview_mentor(app: &TestApp, email: &str) -> String {
    app.mentor(email, "Mona Mentor", json!({"expertise": ["Interview coaching"]}))
        .await
        .0
}

fn batch_request(count: usize, token: &str, app: &TestApp) -> Request<Body> {
    let names = vec!["miniMentorship.createRequest"; count].join(",");
    let inputs: serde_json::Map<String, Value> = (0..count)
        .map(|i| (i.to_string(), mini_body(app, &format!("Batch request {i}"), "high")))
        .collect();
    Request::builder()
        .method(Method::POST)
        .uri(format!("/trpc/{names}?batch=1"))
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::from(Value::Object(inputs).to_string()))
        .unwrap()
}

#[tokio::test]
async fn a_trpc_batch_is_capped_and_creates_nothing_beyond() {
    let app = TestApp::spawn().await;
    let (mentee, _) = app.register("e@example.com", &["mentee"]).await;
    let too_many = app.send(batch_request(11, &mentee, &app)).await;
    assert_eq!(too_many.status, StatusCode::BAD_REQUEST, "{}", too_many.text());
    assert_eq!(too_many.json()[0]["error"]["data"]["code"], "BAD_REQUEST");
    assert_eq!(app.count_rows("mini_requests").await, 0);

    // Ten calls are a batch; the open-request rule caps what they create.
    let ten = app.send(batch_request(10, &mentee, &app)).await;
    assert_eq!(ten.status.as_u16(), 207, "{}", ten.text());
    let answers = ten.json();
    let created = answers
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["result"].is_object())
        .count();
    assert_eq!(created, 5);
    assert_eq!(answers[5]["error"]["data"]["code"], "CONFLICT");
    assert_eq!(app.count_rows("mini_requests").await, 5);
}

#[tokio::test]
async fn batch_must_be_one_to_be_a_batch() {
    let app = TestApp::spawn().await;
    let (mentee, _) = app.register("e@example.com", &["mentee"]).await;
    let plain = app
        .send(
            Request::get("/trpc/miniMentorship.getMyRequests?batch=abc")
                .header(header::AUTHORIZATION, format!("Bearer {mentee}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(plain.status, StatusCode::OK);
    assert!(
        plain.json()["result"]["data"].is_array(),
        "not wrapped as a batch: {}",
        plain.text()
    );
}

#[tokio::test]
async fn open_requests_per_mentee_hold_under_concurrency() {
    let app = TestApp::spawn().await;
    let (mentee, _) = app.register("e@example.com", &["mentee"]).await;
    let attempts = (0..12).map(|i| {
        let body = mini_body(&app, &format!("Concurrent request {i}"), "medium");
        let token = mentee.clone();
        let app = &app;
        async move { app.post("/api/mini/requests", body, Some(&token)).await }
    });
    let results = join_all(attempts).await;
    let created = results.iter().filter(|r| r.status == StatusCode::CREATED).count();
    assert_eq!(created, 5);
    for r in results.iter().filter(|r| r.status != StatusCode::CREATED) {
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
        assert_eq!(r.error_code(), "too_many_open_requests");
    }
    assert_eq!(app.count_rows("mini_requests").await, 5);

    // Cancelling one makes room for one more.
    let mine = app.get("/api/mini/requests", Some(&mentee)).await.json();
    let first = mine[0]["id"].as_str().unwrap();
    let cancelled = app
        .json(
            Method::POST,
            &format!("/api/mini/requests/{first}/cancel"),
            None,
            Some(&mentee),
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::OK);
    let again = app
        .post(
            "/api/mini/requests",
            mini_body(&app, "One more request", "low"),
            Some(&mentee),
        )
        .await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.text());
}

#[tokio::test]
async fn posting_mini_requests_is_rate_limited_per_hour() {
    let app = TestApp::spawn_with_limits(Limits {
        mini_requests_per_hour: 3,
        ..TestApp::test_limits()
    })
    .await;
    let (mentee, _) = app.register("e@example.com", &["mentee"]).await;
    for i in 0..3 {
        let r = app
            .post(
                "/api/mini/requests",
                mini_body(&app, &format!("Request number {i}"), "low"),
                Some(&mentee),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED);
        let id = r.json()["id"].as_str().unwrap().to_owned();
        app.json(
            Method::POST,
            &format!("/api/mini/requests/{id}/cancel"),
            None,
            Some(&mentee),
        )
        .await;
    }
    let limited = app
        .post(
            "/api/mini/requests",
            mini_body(&app, "Request number 4", "low"),
            Some(&mentee),
        )
        .await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.header("retry-after").is_some());
    app.advance(Duration::minutes(61));
    let later = app
        .post(
            "/api/mini/requests",
            mini_body(&app, "Request number 5", "low"),
            Some(&mentee),
        )
        .await;
    assert_eq!(later.status, StatusCode::CREATED, "{}", later.text());
}

#[tokio::test]
async fn the_board_pages_with_cursors_and_a_new_urgent_request_comes_first() {
    let app = TestApp::spawn().await;
    let mentor = interview_mentor(&app, "m@example.com").await;
    // Five mentees with five requests each: 25 open requests.
    for m in 0..5 {
        let (mentee, _) = app.register(&format!("e{m}@example.com"), &["mentee"]).await;
        for i in 0..5 {
            let urgency = if i == 0 { "medium" } else { "low" };
            let r = app
                .post(
                    "/api/mini/requests",
                    mini_body(&app, &format!("Request {m}-{i}"), urgency),
                    Some(&mentee),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        }
    }
    let (late, _) = app.register("late@example.com", &["mentee"]).await;
    let urgent = app
        .post(
            "/api/mini/requests",
            mini_body(&app, "Urgent help tomorrow", "high"),
            Some(&late),
        )
        .await;
    let urgent_id = urgent.json()["id"].as_str().unwrap().to_owned();

    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let url = match &cursor {
            Some(c) => format!("/api/mini/board?limit=10&cursor={c}"),
            None => "/api/mini/board?limit=10".to_owned(),
        };
        let page = app.get(&url, Some(&mentor)).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text());
        let page = page.json();
        for item in page["items"].as_array().unwrap() {
            seen.push((
                item["id"].as_str().unwrap().to_owned(),
                item["urgency"].as_str().unwrap().to_owned(),
            ));
        }
        match page["nextCursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen.len(), 26, "every open request once");
    let mut ids: Vec<&String> = seen.iter().map(|(id, _)| id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 26, "no request twice");
    assert_eq!(seen[0].0, urgent_id, "the urgent one leads");
    let ranks: Vec<u8> = seen
        .iter()
        .map(|(_, u)| match u.as_str() {
            "high" => 2,
            "medium" => 1,
            _ => 0,
        })
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] >= w[1]), "most urgent first: {ranks:?}");

    // The seed's list and tRPC agree with the first page.
    let list = app.get("/api/mini/open?limit=3", Some(&mentor)).await.json();
    assert_eq!(list.as_array().unwrap().len(), 3);
    assert_eq!(list[0]["id"], urgent_id.as_str());
    // The page shows "More requests" and the link works without JS.
    let page = app.get("/mini", Some(&mentor)).await.text();
    assert!(page.contains("More requests"), "board page links the next page");
}

#[tokio::test]
async fn a_burst_of_matching_requests_leaves_one_notification_per_mentor() {
    let app = TestApp::spawn().await;
    let mentor = interview_mentor(&app, "m@example.com").await;
    for m in 0..3 {
        let (mentee, _) = app.register(&format!("e{m}@example.com"), &["mentee"]).await;
        let posts = (0..4).map(|i| {
            let body = mini_body(&app, &format!("Interview burst {m}-{i}"), "low");
            let token = mentee.clone();
            let app = &app;
            async move { app.post("/api/mini/requests", body, Some(&token)).await }
        });
        for r in join_all(posts).await {
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        }
    }
    let inbox = app.get("/api/notifications", Some(&mentor)).await.json();
    let posted: Vec<&Value> = inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "mini_request_posted")
        .collect();
    assert_eq!(posted.len(), 1, "collapsed: {inbox}");
    assert!(
        posted[0]["title"].as_str().unwrap().starts_with("12 new"),
        "{}",
        posted[0]["title"]
    );

    // Once read, the next request starts a new notice.
    app.json(Method::POST, "/api/notifications/read-all", None, Some(&mentor))
        .await;
    let (mentee, _) = app.register("after@example.com", &["mentee"]).await;
    app.post(
        "/api/mini/requests",
        mini_body(&app, "Interview after reading", "low"),
        Some(&mentee),
    )
    .await;
    let inbox = app.get("/api/notifications", Some(&mentor)).await.json();
    assert_eq!(
        inbox["items"][0]["title"],
        "New interview preparation request: Interview after reading"
    );
}
