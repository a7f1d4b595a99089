//! Two instances of the real binary on one PostgreSQL database behind nginx
//! (round robin): sign-in and sign-out hold on both, chat reaches a socket
//! held by the other instance, one claim wins and no slot is booked twice,
//! whichever instance each request reaches. (SQLite is one process by
//! design: nothing to balance there.)

use std::time::Duration;

use axum::http::{Method, StatusCode};
use chrono::Utc;
use futures_util::future::join_all;
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

use super::{Http, Server};
use crate::api::chat::next_of;
use crate::harness::nginx::Nginx;
use crate::harness::TestDb;

async fn call(
    http: &Http,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (StatusCode, Value) {
    http.call(method, path, token, body.as_ref())
        .await
        .expect("nginx answers")
}

async fn person(http: &Http, email: &str, roles: &[&str]) -> (String, String) {
    let (status, body) = call(http, Method::POST, "/api/auth/register", None, Some(json!({
        "email": email, "password": "correct horse battery", "name": "Test Person", "roles": roles, "timezone": "UTC"
    })))
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    (
        body["token"].as_str().unwrap().to_owned(),
        body["user"]["id"].as_str().unwrap().to_owned(),
    )
}

/// A fresh token for an existing person, signed in through `http`.
async fn sign_in(http: &Http, email: &str) -> String {
    let (status, body) = call(
        http,
        Method::POST,
        "/api/auth/login",
        None,
        Some(json!({"email": email, "password": "correct horse battery"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["token"].as_str().unwrap().to_owned()
}

async fn publish_profile(http: &Http, token: &str) {
    let profile = json!({"headline": "Mentor", "bio": "I help.", "company": "Acme", "jobTitle": "Engineer",
        "expertise": ["Rust"], "specializations": ["Career growth"], "yearsExperience": 5,
        "languages": ["English"], "acceptingMentees": true, "maxMentees": 10});
    let (status, body) = call(http, Method::PUT, "/api/me/mentor-profile", Some(token), Some(profile)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_behind_nginx_behave_as_one() {
    let (_db, url) = TestDb::create().await;
    if !url.starts_with("postgres") {
        return;
    }
    let first = Server::start(&url, &["serve"]).await;
    let second = Server::start(&url, &["serve"]).await;
    let upstreams: Vec<String> = [&first.base, &second.base]
        .iter()
        .map(|b| b.trim_start_matches("http://").to_owned())
        .collect();
    let Some(nginx) = Nginx::start(&upstreams).await else {
        return;
    };
    let http = Http::new(&nginx.base);
    let direct = [Http::new(&first.base), Http::new(&second.base)];

    // Sign-in through nginx works on both instances; sign-out stops the
    // token on both within a second or two.
    let (_, mentor_id) = person(&http, "mentor@example.com", &["mentor"]).await;
    let mentor = sign_in(&http, "mentor@example.com").await;
    publish_profile(&http, &mentor).await;
    for instance in &direct {
        assert_eq!(
            call(instance, Method::GET, "/api/me", Some(&mentor), None).await.0,
            StatusCode::OK
        );
    }
    let spare = sign_in(&http, "mentor@example.com").await;
    for instance in &direct {
        call(instance, Method::GET, "/api/me", Some(&spare), None).await;
    }
    assert_eq!(
        call(&http, Method::POST, "/api/auth/logout", Some(&spare), None)
            .await
            .0,
        StatusCode::NO_CONTENT
    );
    tokio::time::sleep(Duration::from_millis(1500)).await;
    for instance in &direct {
        let status = call(instance, Method::GET, "/api/me", Some(&spare), None).await.0;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "a signed-out token stops everywhere");
    }

    // Chat: the mentor's socket is on one instance; every message reaches it.
    let (mentee, _) = person(&http, "mentee@example.com", &["mentee"]).await;
    let mut request = format!("{}/api/ws", nginx.base.replace("http://", "ws://"))
        .into_client_request()
        .unwrap();
    request
        .headers_mut()
        .insert("authorization", format!("Bearer {mentor}").parse().unwrap());
    let (mut socket, _) = tokio_tungstenite::connect_async(request)
        .await
        .expect("a socket through nginx");
    tokio::time::sleep(Duration::from_millis(300)).await;
    for i in 0..4 {
        let (status, sent) = call(
            &http,
            Method::POST,
            "/api/chat",
            Some(&mentee),
            Some(json!({
            "recipientId": mentor_id, "body": format!("Message {i} through nginx")})),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{sent}");
        let frame = next_of(&mut socket, "message").await;
        assert_eq!(frame["message"]["id"], sent["id"], "message {i}");
    }

    // One claim wins among mentors racing through both instances.
    let day = (Utc::now() + chrono::Duration::days(2)).date_naive();
    let (status, mini) = call(
        &http,
        Method::POST,
        "/api/mini/requests",
        Some(&mentee),
        Some(json!({
        "title": "Interview prep for Google SWE", "sessionType": "interview_prep",
        "description": "Need help preparing for technical interviews", "duration": 60, "urgency": "high",
        "preferredDates": [day.and_hms_opt(15, 0, 0).unwrap().and_utc().to_rfc3339()]})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{mini}");
    let mut claimers = Vec::new();
    for i in 0..6 {
        let (token, _) = person(&http, &format!("claimer{i}@example.com"), &["mentor"]).await;
        publish_profile(&http, &token).await;
        claimers.push(token);
    }
    let path = format!("/api/mini/requests/{}/claim", mini["id"].as_str().unwrap());
    let claims = join_all(claimers.iter().map(|t| call(&http, Method::POST, &path, Some(t), None))).await;
    let won = claims.iter().filter(|(s, _)| *s == StatusCode::OK).count();
    assert_eq!(won, 1, "{:?}", claims.iter().map(|(s, _)| *s).collect::<Vec<_>>());

    // No slot is booked twice.
    let (status, asked) = call(
        &http,
        Method::POST,
        "/api/mentorship",
        Some(&mentee),
        Some(json!({
        "mentorId": mentor_id, "message": "I would love your help with my goals."})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{asked}");
    let accept = format!("/api/mentorship/{}/accept", asked["id"].as_str().unwrap());
    assert_eq!(
        call(&http, Method::POST, &accept, Some(&mentor), None).await.0,
        StatusCode::OK
    );
    let at = (Utc::now() + chrono::Duration::days(3))
        .date_naive()
        .and_hms_opt(10, 0, 0)
        .unwrap()
        .and_utc();
    let booking = json!({"mentorshipId": asked["id"], "scheduledAt": at.to_rfc3339(), "duration": 60, "topic": "Plan"});
    let bookings = join_all((0..6).map(|_| {
        call(
            &http,
            Method::POST,
            "/api/mentorship/sessions",
            Some(&mentee),
            Some(booking.clone()),
        )
    }))
    .await;
    let booked = bookings.iter().filter(|(s, _)| *s == StatusCode::CREATED).count();
    assert_eq!(
        booked,
        1,
        "{:?}",
        bookings.iter().map(|(s, b)| (*s, b.clone())).collect::<Vec<_>>()
    );
    assert!(bookings
        .iter()
        .all(|(s, _)| *s == StatusCode::CREATED || *s == StatusCode::CONFLICT));
    drop(nginx);
    first.terminate().await;
    second.terminate().await;
}
