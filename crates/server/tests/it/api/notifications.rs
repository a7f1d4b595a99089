use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::harness::TestApp;

#[tokio::test]
async fn each_step_of_a_mentorship_notifies_the_other_person() {
    let app = TestApp::spawn().await;
    let (mentor, mentor_id) = app.mentor("mentor@example.com", "Mona Mentor", json!({})).await;
    let (mentee, _) = app.register("mentee@example.com", &["mentee"]).await;
    let id = app.ask(&mentee, &mentor_id).await.json()["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let inbox = app.get("/api/notifications", Some(&mentor)).await.json();
    assert_eq!(inbox["items"][0]["kind"], "mentorship_requested");
    assert_eq!(inbox["items"][0]["title"], "Test Person asked you for mentorship");
    assert_eq!(inbox["items"][0]["body"], "I would love your help with my goals.");
    assert_eq!(inbox["items"][0]["read"], false);
    assert_eq!(
        app.get("/api/notifications/unread-count", Some(&mentor)).await.json()["count"],
        1
    );

    app.json(
        Method::POST,
        &format!("/api/mentorship/{id}/accept"),
        None,
        Some(&mentor),
    )
    .await;
    let inbox = app.get("/api/notifications", Some(&mentee)).await.json();
    assert_eq!(inbox["items"][0]["kind"], "mentorship_accepted");
    assert_eq!(inbox["items"][0]["title"], "Mona Mentor accepted your request");

    app.json(Method::POST, &format!("/api/mentorship/{id}/end"), None, Some(&mentee))
        .await;
    let inbox = app.get("/api/notifications", Some(&mentor)).await.json();
    assert_eq!(inbox["items"][0]["kind"], "mentorship_ended");
}

#[tokio::test]
async fn notifications_are_private_and_can_be_marked_read() {
    let app = TestApp::spawn().await;
    let (mentor, mentor_id) = app.mentor("mentor@example.com", "Mona Mentor", json!({})).await;
    let (mentee, _) = app.register("mentee@example.com", &["mentee"]).await;
    app.ask(&mentee, &mentor_id).await;
    let id = app.get("/api/notifications", Some(&mentor)).await.json()["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let foreign = app
        .json(
            Method::POST,
            &format!("/api/notifications/{id}/read"),
            None,
            Some(&mentee),
        )
        .await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get("/api/notifications", Some(&mentee)).await.json()["items"],
        json!([])
    );
    assert_eq!(
        app.get("/api/notifications", None).await.status,
        StatusCode::UNAUTHORIZED
    );

    let read = app
        .json(
            Method::POST,
            &format!("/api/notifications/{id}/read"),
            None,
            Some(&mentor),
        )
        .await;
    assert_eq!(read.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.get("/api/notifications/unread-count", Some(&mentor)).await.json()["count"],
        0
    );
    assert_eq!(
        app.get("/api/notifications", Some(&mentor)).await.json()["items"][0]["read"],
        true
    );

    app.register("m2@example.com", &["mentee"]).await;
    let (m3, _) = app.register("m3@example.com", &["mentee"]).await;
    app.ask(&m3, &mentor_id).await;
    assert_eq!(
        app.get("/api/notifications/unread-count", Some(&mentor)).await.json()["count"],
        1
    );
    let all = app
        .json(Method::POST, "/api/notifications/read-all", None, Some(&mentor))
        .await;
    assert_eq!(all.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.get("/api/notifications/unread-count", Some(&mentor)).await.json()["count"],
        0
    );
}
