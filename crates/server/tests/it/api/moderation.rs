//! Reports, the admin queue, suspensions, the audit log, the admin figures,
//! and people's own data (export, deletion): every rule and permission, on
//! both databases.

use axum::http::{Method, StatusCode};
use chrono::{DateTime, Duration, Utc};
use futures_util::future::join_all;
use serde_json::{json, Value};

use crate::harness::{TestApp, TestResponse};

fn iso(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

async fn report(app: &TestApp, token: &str, kind: &str, id: &str, reason: &str) -> TestResponse {
    app.post(
        "/api/reports",
        json!({"subjectType": kind, "subjectId": id, "reason": reason, "details": "Please look."}),
        Some(token),
    )
    .await
}

async fn login(app: &TestApp, email: &str) -> TestResponse {
    app.post(
        "/api/auth/login",
        json!({"email": email, "password": "correct horse battery"}),
        None,
    )
    .await
}

async fn a_conversation(app: &TestApp) -> (String, String, String, String, String) {
    app.conversation("Buy my course now!!!").await
}

#[tokio::test]
async fn people_report_what_they_can_see_and_nothing_else() {
    let app = TestApp::spawn().await;
    let (mentor, mentee, mentor_id, message, _) = a_conversation(&app).await;
    let (stranger, stranger_user) = app.register("s@example.com", &["mentee"]).await;
    let stranger_id = stranger_user["id"].as_str().unwrap();

    let filed = report(&app, &mentee, "message", &message, "spam").await;
    assert_eq!(filed.status, StatusCode::CREATED, "{}", filed.text());
    let r = filed.json();
    assert_eq!(
        (r["status"].as_str(), r["subjectUser"]["id"].as_str()),
        (Some("open"), Some(mentor_id.as_str()))
    );
    assert_eq!(r["excerpt"], "Buy my course now!!!");
    let twice = report(&app, &mentee, "message", &message, "harassment").await;
    assert_eq!(
        (twice.status, twice.json()["id"].clone()),
        (StatusCode::CREATED, r["id"].clone()),
        "one open report per thing"
    );
    assert_eq!(app.count_rows("reports").await, 1);

    assert_eq!(
        report(&app, &stranger, "message", &message, "spam").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        report(&app, &mentor, "message", &message, "spam").await.error_code(),
        "own_account"
    );
    assert_eq!(
        report(&app, &stranger, "user", &mentor_id, "other").await.status,
        StatusCode::CREATED,
        "mentors are public"
    );
    assert_eq!(
        report(&app, &mentor, "user", stranger_id, "spam").await.status,
        StatusCode::NOT_FOUND,
        "a mentee they never met is not visible to them"
    );
    let bad = app
        .post(
            "/api/reports",
            json!({"subjectType": "planet", "subjectId": "x", "reason": "rude"}),
            Some(&mentee),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = bad.json()["error"]["fields"].clone();
    assert!(
        fields["subjectType"].is_string() && fields["subjectId"].is_string() && fields["reason"].is_string(),
        "{fields}"
    );
    assert_eq!(
        report(&app, &mentee, "user", &mentor_id, "spam").await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        app.post("/api/reports", json!({}), None).await.status,
        StatusCode::UNAUTHORIZED
    );

    // A group session, a mini request and a program, each by its owner.
    let at = (app.now() + Duration::days(3))
        .date_naive()
        .and_hms_opt(15, 0, 0)
        .unwrap()
        .and_utc();
    let group = app
        .post(
            "/api/group-sessions",
            json!({"title": "Office hours for everyone", "description": "Bring a design.",
            "scheduledAt": iso(at), "duration": 60, "capacity": 5, "audience": "everyone"}),
            Some(&mentor),
        )
        .await
        .json();
    let program = app
        .post(
            "/api/programs",
            json!({"title": "Four weeks to a new job", "description": "Steps.", "durationWeeks": 4,
            "milestones": [{"week": 1, "title": "Plan"}], "skills": [], "visibility": "public"}),
            Some(&mentor),
        )
        .await
        .json();
    for (kind, id) in [("group_session", &group["id"]), ("program", &program["id"])] {
        let r = report(&app, &stranger, kind, id.as_str().unwrap(), "inappropriate").await;
        assert_eq!(r.status, StatusCode::CREATED, "{kind}: {}", r.text());
    }
    let mini = app.post_mini_request(&stranger).await;
    assert_eq!(mini.status, StatusCode::CREATED, "{}", mini.text());
    let mini = mini.json();
    let as_mentor = report(&app, &mentor, "mini_request", mini["id"].as_str().unwrap(), "spam").await;
    assert_eq!(
        as_mentor.status,
        StatusCode::CREATED,
        "open requests are on the mentors' board: {}",
        as_mentor.text()
    );
    assert_eq!(
        report(&app, &mentee, "mini_request", mini["id"].as_str().unwrap(), "spam")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn only_admins_work_the_queue_and_every_action_is_audited() {
    let app = TestApp::spawn().await;
    let (mentor, mentee, mentor_id, message, conversation) = a_conversation(&app).await;
    let admin = app.admin("admin@example.com").await;
    let id = report(&app, &mentee, "message", &message, "spam").await.json()["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let paths = [
        (Method::GET, "/api/admin/reports".to_owned()),
        (Method::GET, "/api/admin/users".to_owned()),
        (Method::GET, "/api/admin/audit".to_owned()),
        (Method::GET, "/api/admin/stats".to_owned()),
        (Method::POST, format!("/api/admin/reports/{id}/resolve")),
        (Method::POST, format!("/api/admin/users/{mentor_id}/suspend")),
        (Method::POST, format!("/api/admin/users/{mentor_id}/restore")),
    ];
    for (method, path) in &paths {
        let body = Some(json!({"action": "dismiss", "reason": "Spam everywhere"}));
        for (who, token) in [("mentee", Some(&mentee)), ("mentor", Some(&mentor))] {
            let r = app
                .json(method.clone(), path, body.clone(), token.map(String::as_str))
                .await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{who} {method} {path}");
        }
        let r = app.json(method.clone(), path, body, None).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "visitor {method} {path}");
    }
    let malformed = app
        .post(
            "/api/admin/users/not-an-id/suspend",
            json!({"reason": 5}),
            Some(&mentee),
        )
        .await;
    assert_eq!(
        malformed.status,
        StatusCode::FORBIDDEN,
        "non-admins learn nothing from a bad request"
    );
    assert_eq!(app.count_rows("audit_log").await, 0, "refused attempts change nothing");
    assert_eq!(
        app.get("/api/admin/reports", Some(&admin)).await.json()["items"][0]["id"],
        id.as_str()
    );

    // Two admins at once: one resolves it, the other is told.
    let second = app.admin("admin2@example.com").await;
    let path = format!("/api/admin/reports/{id}/resolve");
    let both = join_all([
        app.post(
            &path,
            json!({"action": "remove_content", "note": "Advertising"}),
            Some(&admin),
        ),
        app.post(&path, json!({"action": "dismiss"}), Some(&second)),
    ])
    .await;
    let codes: Vec<StatusCode> = both.iter().map(|r| r.status).collect();
    assert!(
        codes.contains(&StatusCode::OK) && codes.contains(&StatusCode::CONFLICT),
        "{codes:?}"
    );
    let resolved = app.get("/api/admin/reports?status=resolved", Some(&admin)).await.json();
    let action = resolved["items"][0]["action"].as_str().unwrap().to_owned();
    let thread = app
        .get(&format!("/api/chat/{conversation}/messages"), Some(&mentee))
        .await
        .json();
    let bodies: Vec<&str> = thread["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap())
        .collect();
    assert_eq!(
        bodies.contains(&"Buy my course now!!!"),
        action == "dismiss",
        "removed exactly when the winning decision removed it: {bodies:?}"
    );
    assert_eq!(
        app.get("/api/admin/reports", Some(&admin)).await.json()["items"],
        json!([])
    );
    assert_eq!(
        app.post(&path, json!({"action": "dismiss"}), Some(&admin))
            .await
            .error_code(),
        "report_resolved"
    );
    assert_eq!(
        app.post(
            "/api/admin/reports/00000000-0000-0000-0000-000000000000/resolve",
            json!({"action": "dismiss"}),
            Some(&admin)
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    let bad = app.post(&path, json!({"action": "ban"}), Some(&admin)).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);

    let audit = app.get("/api/admin/audit", Some(&admin)).await.json();
    let actions: Vec<&str> = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap())
        .collect();
    assert!(actions.contains(&"resolve_report"), "{actions:?}");
    assert_eq!(actions.contains(&"remove_content"), action == "remove_content");

    let found = app.get("/api/admin/users?q=M%40EXAMPLE", Some(&admin)).await.json();
    assert_eq!(found["items"].as_array().unwrap().len(), 1, "{found}");
    assert_eq!(found["items"][0]["id"], mentor_id.as_str());
    assert_eq!(found["items"][0]["roles"], json!(["mentor"]));
}

#[tokio::test]
async fn a_suspended_person_is_signed_out_everywhere_leaves_search_and_their_sessions_are_cancelled() {
    let app = TestApp::spawn().await;
    let (mentor, mentee, mentor_id, _, _) = a_conversation(&app).await;
    let admin = app.admin("admin@example.com").await;
    let mentorships = app.get("/api/mentorship", Some(&mentee)).await.json();
    let mentorship = mentorships["items"][0]["id"].as_str().unwrap().to_owned();
    let at = app.day_at(2, 10);
    let session = app.book(&mentee, &mentorship, at, 60).await.json();
    let session_id = session["id"].as_str().unwrap().to_owned();
    let second_token = login(&app, "m@example.com").await.json()["token"]
        .as_str()
        .unwrap()
        .to_owned();

    let path = format!("/api/admin/users/{mentor_id}/suspend");
    assert_eq!(
        app.post(&path, json!({"reason": " "}), Some(&admin)).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let suspended = app
        .post(&path, json!({"reason": "Advertising to mentees"}), Some(&admin))
        .await;
    assert_eq!(suspended.status, StatusCode::OK, "{}", suspended.text());
    assert!(suspended.json()["suspendedAt"].is_string());
    assert_eq!(
        app.post(&path, json!({"reason": "Again"}), Some(&admin))
            .await
            .error_code(),
        "already_suspended"
    );
    let admin_id = app.get("/api/me", Some(&admin)).await.json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let own = app
        .post(
            &format!("/api/admin/users/{admin_id}/suspend"),
            json!({"reason": "By mistake"}),
            Some(&admin),
        )
        .await;
    assert_eq!(own.error_code(), "own_account");

    for token in [&mentor, &second_token] {
        assert_eq!(
            app.get("/api/me", Some(token)).await.status,
            StatusCode::UNAUTHORIZED,
            "every token stops"
        );
    }
    let refused = login(&app, "m@example.com").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.error_code(), "account_suspended");
    let wrong = app
        .post(
            "/api/auth/login",
            json!({"email": "m@example.com", "password": "not the password"}),
            None,
        )
        .await;
    assert_eq!(
        wrong.status,
        StatusCode::UNAUTHORIZED,
        "the suspension is told only to who knows the password"
    );

    let search = app.get("/api/mentors?acceptingOnly=false", None).await.json();
    assert!(
        search["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["id"] != mentor_id.as_str()),
        "gone from search"
    );
    assert_eq!(
        app.get(&format!("/api/mentors/{mentor_id}"), None).await.status,
        StatusCode::NOT_FOUND
    );
    let recommended = app.get("/api/mentors/recommended", Some(&mentee)).await.json();
    assert!(
        recommended.to_string().find(&mentor_id).is_none(),
        "gone from recommendations"
    );

    let cancelled = app
        .get(&format!("/api/mentorship/sessions/{session_id}"), Some(&mentee))
        .await
        .json();
    assert_eq!(cancelled["status"], "cancelled");
    let told = app.get("/api/notifications", Some(&mentee)).await.json();
    assert!(
        told["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["title"].as_str().unwrap().contains("cancelled a session")),
        "{told}"
    );

    let audit = app.get("/api/admin/audit", Some(&admin)).await.json();
    assert_eq!(audit["items"][0]["action"], "suspend_user");
    assert_eq!(audit["items"][0]["detail"], "Advertising to mentees");

    let restored = app
        .post(
            &format!("/api/admin/users/{mentor_id}/restore"),
            json!({}),
            Some(&admin),
        )
        .await;
    assert_eq!(restored.status, StatusCode::OK);
    assert_eq!(
        app.post(
            &format!("/api/admin/users/{mentor_id}/restore"),
            json!({}),
            Some(&admin)
        )
        .await
        .error_code(),
        "not_suspended"
    );
    assert_eq!(login(&app, "m@example.com").await.status, StatusCode::OK);
    assert_eq!(
        app.get(&format!("/api/mentors/{mentor_id}"), None).await.status,
        StatusCode::OK,
        "listed again"
    );
}

#[tokio::test]
async fn the_export_holds_what_the_person_wrote_and_nobody_elses_private_notes() {
    let app = TestApp::spawn().await;
    let (mentor, mentee, _, _, _) = a_conversation(&app).await;
    let export = app.get("/api/me/export", Some(&mentee)).await;
    assert_eq!(export.status, StatusCode::OK);
    let data = export.json();
    assert_eq!(data["account"]["email"], "e@example.com");
    assert_eq!(data["messages"][0]["body"], "Hello Mona", "only their own messages");
    assert_eq!(data["messages"].as_array().unwrap().len(), 1);
    assert_eq!(data["mentorships"][0]["status"], "accepted");
    assert_eq!(data["mentorProfile"], Value::Null);
    let theirs = app.get("/api/me/export", Some(&mentor)).await.json();
    assert_eq!(theirs["mentorProfile"]["company"], "Acme");
    assert_eq!(app.get("/api/me/export", None).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn deleting_an_account_keeps_the_other_sides_history_readable() {
    let app = TestApp::spawn().await;
    let (mentor, mentee, mentor_id, _, conversation) = a_conversation(&app).await;
    let mentorship = app.get("/api/mentorship", Some(&mentee)).await.json()["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let at = app.day_at(2, 10);
    let session = app.book(&mentee, &mentorship, at, 60).await.json();
    let messages_before = app.count_rows("messages").await;

    let wrong = app
        .json(
            Method::DELETE,
            "/api/me",
            Some(json!({"password": "guess"})),
            Some(&mentor),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.get("/api/me", Some(&mentor)).await.status,
        StatusCode::OK,
        "a wrong password changes nothing"
    );
    let gone = app
        .json(
            Method::DELETE,
            "/api/me",
            Some(json!({"password": "correct horse battery"})),
            Some(&mentor),
        )
        .await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT, "{}", gone.text());

    assert_eq!(app.get("/api/me", Some(&mentor)).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        login(&app, "m@example.com").await.status,
        StatusCode::UNAUTHORIZED,
        "the old credentials are gone"
    );
    assert_eq!(
        app.get(&format!("/api/mentors/{mentor_id}"), None).await.status,
        StatusCode::NOT_FOUND
    );
    let s = app
        .get(
            &format!("/api/mentorship/sessions/{}", session["id"].as_str().unwrap()),
            Some(&mentee),
        )
        .await
        .json();
    assert_eq!(s["status"], "cancelled");
    let m = app
        .get(&format!("/api/mentorship/{mentorship}"), Some(&mentee))
        .await
        .json();
    assert_eq!(m["status"], "ended");
    assert_eq!(m["mentor"]["name"], "Deleted user");

    assert_eq!(app.count_rows("messages").await, messages_before, "messages stay");
    let thread = app
        .get(&format!("/api/chat/{conversation}/messages"), Some(&mentee))
        .await
        .json();
    assert_eq!(thread["items"].as_array().unwrap().len(), 2);
    let list = app.get("/api/chat", Some(&mentee)).await.json();
    let names: Vec<&str> = list["items"][0]["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Deleted user"), "{names:?}");
    // A new account may use the address again.
    let (_, again) = app.register("m@example.com", &["mentee"]).await;
    assert_ne!(again["id"], mentor_id.as_str());
}

#[tokio::test]
async fn the_admin_figures_count_fixed_data_week_by_week() {
    let app = TestApp::spawn().await;
    let admin = app.admin("admin@example.com").await;
    let (mentor, mentor_id) = app
        .mentor(
            "m@example.com",
            "Mona Mentor",
            json!({"specializations": ["Career growth", "Leadership"]}),
        )
        .await;
    app.mentor(
        "full@example.com",
        "Fay Full",
        json!({"specializations": ["Leadership"], "acceptingMentees": false}),
    )
    .await;
    let (e1, _) = app.register("e1@example.com", &["mentee"]).await;
    let (e2, _) = app.register("e2@example.com", &["mentee"]).await;
    let first = app.ask(&e1, &mentor_id).await.json();
    app.ask(&e2, &mentor_id).await;
    app.advance(Duration::hours(4));
    app.json(
        Method::POST,
        &format!("/api/mentorship/{}/accept", first["id"].as_str().unwrap()),
        None,
        Some(&mentor),
    )
    .await;
    app.get("/api/mentors?specialization=Leadership", Some(&e1)).await;
    app.get("/api/mentors?specialization=Leadership&cursor=bzoyMA", Some(&e1))
        .await;

    let today = app.now().date_naive();
    let stats = app
        .get(&format!("/api/admin/stats?from={today}&to={today}"), Some(&admin))
        .await;
    assert_eq!(stats.status, StatusCode::OK, "{}", stats.text());
    let s = stats.json();
    let week = &s["weeks"][0];
    assert_eq!(s["weeks"].as_array().unwrap().len(), 1);
    assert_eq!(week["signups"], 5, "{week}");
    assert_eq!(
        week["requests"],
        json!({"accepted": 1, "rejected": 0, "expired": 0, "cancelled": 0, "pending": 1})
    );
    assert_eq!(week["medianResponseHours"], 4.0);
    let leadership = s["specializations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["specialization"] == "leadership")
        .unwrap();
    assert_eq!(leadership["searches"], 1, "counted once per search, not per page");
    assert_eq!(leadership["requests"], 2);
    assert_eq!(leadership["demand"], 3);
    assert_eq!(leadership["supply"], 1, "Fay does not accept mentees");

    let bad = app.get("/api/admin/stats?from=2026-13-01", Some(&admin)).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let backwards = app
        .get(&format!("/api/admin/stats?from={today}&to=2020-01-01"), Some(&admin))
        .await;
    assert_eq!(backwards.status, StatusCode::UNPROCESSABLE_ENTITY);
    let too_long = app
        .get("/api/admin/stats?from=2020-01-01&to=2026-01-01", Some(&admin))
        .await;
    assert_eq!(too_long.status, StatusCode::UNPROCESSABLE_ENTITY);
    let default = app.get("/api/admin/stats", Some(&admin)).await.json();
    assert_eq!(default["weeks"].as_array().unwrap().len(), 12);
}

#[tokio::test]
async fn nobody_reaches_a_suspended_or_deleted_person_and_their_waiting_requests_close() {
    let app = TestApp::spawn().await;
    let (mentor, mentee, _, message, conversation) = a_conversation(&app).await;
    let admin = app.admin("admin@example.com").await;
    let mentorship = app.get("/api/mentorship", Some(&mentee)).await.json()["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, other_mentor) = app.mentor("o@example.com", "Otto Other", json!({})).await;
    let waiting = app.ask(&mentee, &other_mentor).await.json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mini = app.post_mini_request(&mentee).await.json();

    // A report whose note is too short for a reason still suspends (with a reason of its own).
    let mentee_id = app.get("/api/me", Some(&mentee)).await.json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let report_id = report(&app, &mentor, "user", &mentee_id, "harassment").await.json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let resolved = app
        .post(
            &format!("/api/admin/reports/{report_id}/resolve"),
            json!({"action": "suspend_user", "note": "x"}),
            Some(&admin),
        )
        .await;
    assert_eq!(resolved.status, StatusCode::OK, "{}", resolved.text());
    let people = app.get("/api/admin/users?q=e%40example.com", Some(&admin)).await.json();
    assert_eq!(people["items"][0]["suspendReason"], "Reported for harassment");

    let asked = app
        .get(
            &format!("/api/mentorship/{waiting}"),
            Some(&other_mentor_token(&app).await),
        )
        .await
        .json();
    assert_eq!(asked["status"], "cancelled", "their waiting request was withdrawn");
    let board = app
        .get(
            &format!("/api/mini/requests/{}", mini["id"].as_str().unwrap()),
            Some(&mentor),
        )
        .await;
    assert_ne!(
        board.status,
        StatusCode::OK,
        "their open mini request left the board: {}",
        board.text()
    );
    let at = app.day_at(3, 10);
    let booking = app.book(&mentor, &mentorship, at, 60).await;
    assert_eq!(booking.error_code(), "account_unavailable");
    let write = app
        .post(
            "/api/chat",
            json!({"conversationId": conversation, "body": "Are you there?"}),
            Some(&mentor),
        )
        .await;
    assert_eq!(write.error_code(), "account_unavailable");
    let thread = app
        .get(&format!("/api/chat/{conversation}/messages"), Some(&mentor))
        .await
        .json();
    assert!(thread.to_string().contains(&message), "the thread stays readable");
}

async fn other_mentor_token(app: &TestApp) -> String {
    login(app, "o@example.com").await.json()["token"]
        .as_str()
        .unwrap()
        .to_owned()
}
