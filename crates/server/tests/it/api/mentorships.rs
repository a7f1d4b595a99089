use axum::http::{Method, StatusCode};
use futures_util::future::join_all;
use serde_json::json;

use crate::harness::{TestApp, TestResponse};

async fn act(app: &TestApp, token: &str, id: &str, action: &str) -> TestResponse {
    app.json(
        Method::POST,
        &format!("/api/mentorship/{id}/{action}"),
        None,
        Some(token),
    )
    .await
}

struct Pair {
    mentor: String,
    mentor_id: String,
    mentee: String,
    mentee_id: String,
}

async fn pair(app: &TestApp) -> Pair {
    let (mentor, mentor_id) = app
        .mentor("mentor@example.com", "Mona Mentor", json!({"maxMentees": 2}))
        .await;
    let (mentee, user) = app.register("mentee@example.com", &["mentee"]).await;
    Pair {
        mentor,
        mentor_id,
        mentee,
        mentee_id: user["id"].as_str().unwrap().to_owned(),
    }
}

#[tokio::test]
async fn a_request_is_pending_with_both_people_named() {
    let app = TestApp::spawn().await;
    let p = pair(&app).await;
    let created = app.ask(&p.mentee, &p.mentor_id).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let body = created.json();
    assert_eq!(body["status"], "pending");
    assert_eq!(body["mentorId"], p.mentor_id.as_str());
    assert_eq!(body["menteeId"], p.mentee_id.as_str());
    assert_eq!(
        body["mentor"],
        json!({"id": p.mentor_id, "name": "Mona Mentor", "headline": "Mona Mentor, mentor"})
    );
    assert_eq!(body["mentee"]["headline"], serde_json::Value::Null);
    assert_eq!(body["message"], "I would love your help with my goals.");
    assert!(body["startDate"].is_null() && body["endDate"].is_null());
}

#[tokio::test]
async fn the_full_life_of_a_mentorship() {
    let app = TestApp::spawn().await;
    let p = pair(&app).await;
    let id = app.ask(&p.mentee, &p.mentor_id).await.json()["id"]
        .as_str()
        .unwrap()
        .to_owned();

    // The mentee cannot accept their own request; the mentor cannot cancel it.
    assert_eq!(act(&app, &p.mentee, &id, "accept").await.status, StatusCode::FORBIDDEN);
    assert_eq!(act(&app, &p.mentor, &id, "cancel").await.status, StatusCode::FORBIDDEN);
    // Not yet accepted: cannot end.
    assert_eq!(act(&app, &p.mentee, &id, "end").await.status, StatusCode::CONFLICT);

    let accepted = act(&app, &p.mentor, &id, "accept").await;
    assert_eq!(accepted.status, StatusCode::OK);
    assert_eq!(accepted.json()["status"], "accepted");
    assert!(accepted.json()["startDate"].is_string());
    assert_eq!(act(&app, &p.mentor, &id, "accept").await.status, StatusCode::CONFLICT);
    assert_eq!(act(&app, &p.mentor, &id, "reject").await.status, StatusCode::CONFLICT);
    assert_eq!(act(&app, &p.mentee, &id, "cancel").await.status, StatusCode::CONFLICT);

    let detail = app.get(&format!("/api/mentors/{}", p.mentor_id), None).await.json();
    assert_eq!(detail["stats"]["activeMentees"], 1);

    let ended = act(&app, &p.mentee, &id, "end").await;
    assert_eq!(ended.status, StatusCode::OK);
    assert_eq!(ended.json()["status"], "ended");
    assert!(ended.json()["endDate"].is_string());
    assert_eq!(act(&app, &p.mentor, &id, "end").await.status, StatusCode::CONFLICT);
    let detail = app.get(&format!("/api/mentors/{}", p.mentor_id), None).await.json();
    assert_eq!(detail["stats"]["activeMentees"], 0, "ending frees the place");

    // After it ended, the pair may start again.
    assert_eq!(app.ask(&p.mentee, &p.mentor_id).await.status, StatusCode::CREATED);
}

#[tokio::test]
async fn reject_with_a_reason_and_cancel() {
    let app = TestApp::spawn().await;
    let p = pair(&app).await;
    let id = app.ask(&p.mentee, &p.mentor_id).await.json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let rejected = app
        .post(
            &format!("/api/mentorship/{id}/reject"),
            json!({"reason": "I am travelling this quarter."}),
            Some(&p.mentor),
        )
        .await;
    assert_eq!(rejected.status, StatusCode::OK);
    assert_eq!(rejected.json()["status"], "rejected");
    assert_eq!(rejected.json()["rejectReason"], "I am travelling this quarter.");

    let again = app.ask(&p.mentee, &p.mentor_id).await;
    assert_eq!(
        again.status,
        StatusCode::CREATED,
        "after a rejection the pair may ask again"
    );
    let id = again.json()["id"].as_str().unwrap().to_owned();
    let long = app
        .post(
            &format!("/api/mentorship/{id}/reject"),
            json!({"reason": "x".repeat(1001)}),
            Some(&p.mentor),
        )
        .await;
    assert_eq!(long.status, StatusCode::UNPROCESSABLE_ENTITY);
    let cancelled = act(&app, &p.mentee, &id, "cancel").await;
    assert_eq!(cancelled.json()["status"], "cancelled");
    assert_eq!(app.ask(&p.mentee, &p.mentor_id).await.status, StatusCode::CREATED);
}

#[tokio::test]
async fn request_rules() {
    let app = TestApp::spawn().await;
    let p = pair(&app).await;
    // Unknown mentor, a user who is not a mentor, a malformed id.
    assert_eq!(
        app.ask(&p.mentee, "00000000-0000-0000-0000-000000000000").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.ask(&p.mentee, &p.mentee_id).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.ask(&p.mentee, "nope").await.status, StatusCode::NOT_FOUND);
    // Empty message.
    let empty = app
        .post(
            "/api/mentorship",
            json!({"mentorId": p.mentor_id, "message": "  "}),
            Some(&p.mentee),
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.json()["error"]["fields"]["message"].is_string());
    // Duplicate while pending.
    assert_eq!(app.ask(&p.mentee, &p.mentor_id).await.status, StatusCode::CREATED);
    let duplicate = app.ask(&p.mentee, &p.mentor_id).await;
    assert_eq!(duplicate.status, StatusCode::CONFLICT);
    assert_eq!(duplicate.error_code(), "mentorship_exists");
    // A mentor who is also a mentee cannot ask themselves.
    let (both, both_user) = app.register("both@example.com", &["mentee", "mentor"]).await;
    app.put(
        "/api/me/mentor-profile",
        json!({"headline": "Both", "expertise": ["Go"]}),
        Some(&both),
    )
    .await;
    let selfish = app.ask(&both, both_user["id"].as_str().unwrap()).await;
    assert_eq!(selfish.status, StatusCode::CONFLICT);
    assert_eq!(selfish.error_code(), "self_mentorship");
    // A mentor-only account cannot ask for mentorship.
    let (only_mentor, _) = app.mentor("only@example.com", "Only Mentor", json!({})).await;
    assert_eq!(app.ask(&only_mentor, &p.mentor_id).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.ask("bad-token", &p.mentor_id).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn mentors_who_do_not_accept_or_are_full_refuse_requests() {
    let app = TestApp::spawn().await;
    let (_, closed) = app
        .mentor("closed@example.com", "Closed", json!({"acceptingMentees": false}))
        .await;
    let (full_token, full) = app.mentor("full@example.com", "Full", json!({"maxMentees": 1})).await;
    let (a, _) = app.register("a@example.com", &["mentee"]).await;
    let (b, _) = app.register("b@example.com", &["mentee"]).await;
    let refused = app.ask(&a, &closed).await;
    assert_eq!(
        (refused.status, refused.error_code().as_str()),
        (StatusCode::CONFLICT, "mentor_unavailable")
    );
    let id = app.ask(&a, &full).await.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(act(&app, &full_token, &id, "accept").await.status, StatusCode::OK);
    let refused = app.ask(&b, &full).await;
    assert_eq!(
        (refused.status, refused.error_code().as_str()),
        (StatusCode::CONFLICT, "mentor_unavailable")
    );
}

#[tokio::test]
async fn a_mentee_may_have_five_pending_requests() {
    let app = TestApp::spawn().await;
    let (mentee, _) = app.register("busy@example.com", &["mentee"]).await;
    let mut mentors = Vec::new();
    for i in 0..6 {
        mentors.push(
            app.mentor(&format!("m{i}@example.com"), &format!("Mentor {i}"), json!({}))
                .await
                .1,
        );
    }
    for mentor in &mentors[..5] {
        assert_eq!(app.ask(&mentee, mentor).await.status, StatusCode::CREATED);
    }
    let sixth = app.ask(&mentee, &mentors[5]).await;
    assert_eq!(
        (sixth.status, sixth.error_code().as_str()),
        (StatusCode::CONFLICT, "too_many_pending_requests")
    );
}

#[tokio::test]
async fn only_the_two_people_see_a_mentorship() {
    let app = TestApp::spawn().await;
    let p = pair(&app).await;
    let (stranger, _) = app.register("stranger@example.com", &["mentee", "mentor"]).await;
    let id = app.ask(&p.mentee, &p.mentor_id).await.json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for token in [&p.mentor, &p.mentee] {
        assert_eq!(
            app.get(&format!("/api/mentorship/{id}"), Some(token)).await.status,
            StatusCode::OK
        );
    }
    assert_eq!(
        app.get(&format!("/api/mentorship/{id}"), Some(&stranger)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&format!("/api/mentorship/{id}"), None).await.status,
        StatusCode::UNAUTHORIZED
    );
    for action in ["accept", "reject", "cancel", "end"] {
        assert_eq!(
            act(&app, &stranger, &id, action).await.status,
            StatusCode::NOT_FOUND,
            "{action}"
        );
    }
    let stranger_list = app.get("/api/mentorship", Some(&stranger)).await.json();
    assert_eq!(stranger_list["items"], json!([]));
    assert_eq!(app.get("/api/mentorship", None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        act(&app, &p.mentor, &id, "accept").await.status,
        StatusCode::OK,
        "the stranger changed nothing"
    );
}

#[tokio::test]
async fn lists_filter_by_side_and_status() {
    let app = TestApp::spawn().await;
    let p = pair(&app).await;
    let (other_mentor_token, other_mentor) = app.mentor("other@example.com", "Other Mentor", json!({})).await;
    let first = app.ask(&p.mentee, &p.mentor_id).await.json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.ask(&p.mentee, &other_mentor).await;
    act(&app, &p.mentor, &first, "accept").await;

    let all = app.get("/api/mentorship", Some(&p.mentee)).await.json();
    assert_eq!(all["items"].as_array().unwrap().len(), 2);
    let accepted = app.get("/api/mentorship?status=accepted", Some(&p.mentee)).await.json();
    assert_eq!(accepted["items"].as_array().unwrap().len(), 1);
    assert_eq!(accepted["items"][0]["id"], first.as_str());
    let as_mentor = app.get("/api/mentorship?as=mentor", Some(&p.mentee)).await.json();
    assert_eq!(as_mentor["items"], json!([]));
    let incoming = app
        .get("/api/mentorship?as=mentor&status=pending", Some(&other_mentor_token))
        .await
        .json();
    assert_eq!(incoming["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        app.get("/api/mentorship?status=open", Some(&p.mentee)).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        app.get("/api/mentorship?as=boss", Some(&p.mentee)).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

#[tokio::test]
async fn the_dashboard_counts_mentorships() {
    let app = TestApp::spawn().await;
    let p = pair(&app).await;
    let (_, other) = app.mentor("other@example.com", "Other", json!({})).await;
    let id = app.ask(&p.mentee, &p.mentor_id).await.json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.ask(&p.mentee, &other).await;
    act(&app, &p.mentor, &id, "accept").await;
    let mentee = app.get("/api/dashboard", Some(&p.mentee)).await.json();
    assert_eq!(mentee["activeMentors"], 1);
    assert_eq!(mentee["outgoingRequests"], 1);
    assert_eq!(mentee["pendingRequests"], 1);
    assert_eq!(mentee["totalHours"], 0.0);
    let mentor = app.get("/api/dashboard", Some(&p.mentor)).await.json();
    assert_eq!(mentor["activeMentees"], 1);
    assert_eq!(mentor["incomingRequests"], 0);
    assert_eq!(app.get("/api/dashboard", None).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn concurrent_identical_requests_create_one_mentorship() {
    let app = TestApp::spawn().await;
    let p = pair(&app).await;
    let responses = join_all((0..8).map(|_| app.ask(&p.mentee, &p.mentor_id))).await;
    let created = responses.iter().filter(|r| r.status == StatusCode::CREATED).count();
    let conflicts = responses.iter().filter(|r| r.status == StatusCode::CONFLICT).count();
    assert_eq!(
        (created, conflicts),
        (1, 7),
        "{:?}",
        responses.iter().map(|r| r.text()).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn concurrent_accepts_never_exceed_capacity() {
    let app = TestApp::spawn().await;
    let (mentor, mentor_id) = app
        .mentor("cap@example.com", "Capacity", json!({"maxMentees": 2}))
        .await;
    let mut ids = Vec::new();
    for i in 0..6 {
        let (mentee, _) = app.register(&format!("e{i}@example.com"), &["mentee"]).await;
        ids.push(
            app.ask(&mentee, &mentor_id).await.json()["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    let responses = join_all(ids.iter().map(|id| act(&app, &mentor, id, "accept"))).await;
    let accepted = responses.iter().filter(|r| r.status == StatusCode::OK).count();
    let full = responses
        .iter()
        .filter(|r| r.status == StatusCode::CONFLICT && r.error_code() == "mentor_full")
        .count();
    assert_eq!(
        (accepted, full),
        (2, 4),
        "{:?}",
        responses.iter().map(|r| r.text()).collect::<Vec<_>>()
    );
    let detail = app.get(&format!("/api/mentors/{mentor_id}"), None).await.json();
    assert_eq!(detail["stats"]["activeMentees"], 2);
}

#[tokio::test]
async fn concurrent_requests_respect_the_pending_limit() {
    let app = TestApp::spawn().await;
    let (mentee, _) = app.register("rush@example.com", &["mentee"]).await;
    let mut mentors = Vec::new();
    for i in 0..8 {
        mentors.push(
            app.mentor(&format!("x{i}@example.com"), &format!("X {i}"), json!({}))
                .await
                .1,
        );
    }
    let responses = join_all(mentors.iter().map(|m| app.ask(&mentee, m))).await;
    let created = responses.iter().filter(|r| r.status == StatusCode::CREATED).count();
    assert_eq!(
        created,
        5,
        "{:?}",
        responses.iter().map(|r| r.text()).collect::<Vec<_>>()
    );
    assert!(responses
        .iter()
        .all(|r| r.status == StatusCode::CREATED || r.error_code() == "too_many_pending_requests"));
}
