use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::json;

use super::{app_with, mails, run_jobs};
use crate::harness::smtp::SmtpSink;
use crate::harness::TestApp;

#[tokio::test]
async fn preferences_are_read_and_changed_by_api() {
    let app = TestApp::spawn().await;
    let (token, _) = app.register("p@example.com", &["mentee"]).await;
    let got = app.get("/api/me/notification-preferences", Some(&token)).await.json();
    let kinds: Vec<&str> = got["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kind"].as_str().unwrap())
        .collect();
    for kind in [
        "mentorship_requests",
        "mentorship_updates",
        "session_updates",
        "session_reminders",
        "mini_updates",
        "chat_messages",
        "group_sessions",
    ] {
        assert!(kinds.contains(&kind), "{kind}");
    }
    assert!(got["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .all(|k| k["email"] == true && k["inApp"] == true));
    let changed = app
        .put(
            "/api/me/notification-preferences",
            json!({"kinds": [{"kind": "session_reminders", "email": false, "inApp": true}]}),
            Some(&token),
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.text());
    let reminders = changed.json()["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kind"] == "session_reminders")
        .cloned()
        .unwrap();
    assert_eq!(reminders["email"], false);
    let bad = app
        .put(
            "/api/me/notification-preferences",
            json!({"kinds": [{"kind": "spam", "email": true, "inApp": true}]}),
            Some(&token),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.get("/api/me/notification-preferences", None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn preferences_are_honoured_on_both_channels() {
    let Some(sink) = SmtpSink::start().await else { return };
    let app = app_with(&sink).await;
    let (mentor, mentor_id) = app.mentor("m@example.com", "Mona", json!({})).await;
    app.put(
        "/api/me/notification-preferences",
        json!({"kinds": [{"kind": "mentorship_requests", "email": false, "inApp": false}]}),
        Some(&mentor),
    )
    .await;
    let (mentee, _) = app.register("e@example.com", &["mentee"]).await;
    app.ask(&mentee, &mentor_id).await;
    run_jobs(&app).await;
    assert!(mails(&sink).is_empty(), "no email");
    let inbox = app.get("/api/notifications", Some(&mentor)).await.json();
    assert!(
        inbox["items"].as_array().unwrap().is_empty(),
        "no in-app notice: {inbox}"
    );
}

fn unsubscribe_link(text: &str) -> String {
    let at = text.find("http://mentorhub.test/unsubscribe/").expect("a link");
    text[at..]
        .split_whitespace()
        .next()
        .unwrap()
        .trim_start_matches("http://mentorhub.test")
        .to_owned()
}

#[tokio::test]
async fn one_click_unsubscribe_by_post_and_never_by_get() {
    let Some(sink) = SmtpSink::start().await else { return };
    let app = app_with(&sink).await;
    let (mentor, mentor_id) = app.mentor("m@example.com", "Mona", json!({})).await;
    let (mentee, _) = app.register("e@example.com", &["mentee"]).await;
    app.ask(&mentee, &mentor_id).await;
    run_jobs(&app).await;
    let path = unsubscribe_link(&mails(&sink)[0].text);

    // A link scanner's GET shows a page and changes nothing.
    let page = app.get(&path, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("Stop these emails"));
    let prefs = app.get("/api/me/notification-preferences", Some(&mentor)).await.json();
    assert_eq!(prefs["kinds"][0]["email"], true);

    // A changed token is nothing we signed.
    let mut forged = path.clone();
    forged.pop();
    forged.push(if path.ends_with('A') { 'B' } else { 'A' });
    assert_eq!(app.get(&forged, None).await.status, StatusCode::NOT_FOUND);
    let other_kind = path.replace("mentorship_requests", "session_updates");
    let forged_post = Request::post(&other_kind)
        .body(Body::from("List-Unsubscribe=One-Click"))
        .unwrap();
    assert_eq!(app.send(forged_post).await.status, StatusCode::NOT_FOUND);

    // The mail client's one-click POST, without cookies or CSRF token.
    let one_click = Request::builder()
        .method(Method::POST)
        .uri(&path)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from("List-Unsubscribe=One-Click"))
        .unwrap();
    let done = app.send(one_click).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    assert!(done.text().contains("will not get these emails"));
    let prefs = app.get("/api/me/notification-preferences", Some(&mentor)).await.json();
    let requests = prefs["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kind"] == "mentorship_requests")
        .cloned()
        .unwrap();
    assert_eq!(
        (requests["email"].clone(), requests["inApp"].clone()),
        (json!(false), json!(true))
    );
    let updates = prefs["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kind"] == "mentorship_updates")
        .cloned()
        .unwrap();
    assert_eq!(updates["email"], true, "only that kind");

    // The next request to this mentor sends no email.
    let (other, _) = app.register("o@example.com", &["mentee"]).await;
    app.ask(&other, &mentor_id).await;
    run_jobs(&app).await;
    assert_eq!(mails(&sink).len(), 1);
}

#[tokio::test]
async fn without_smtp_mail_is_held_and_admins_see_the_outbox() {
    let app = TestApp::spawn().await;
    let (_mentor, mentor_id) = app.mentor("m@example.com", "Mona", json!({})).await;
    let (mentee, _) = app.register("e@example.com", &["mentee"]).await;
    app.ask(&mentee, &mentor_id).await;
    run_jobs(&app).await;
    let held = app.state.store.recent_emails(10).await.unwrap();
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].status, "held");
    assert_eq!(held[0].recipient, "m@example.com");

    // Others get a 404; an admin sees the email.
    assert_eq!(
        app.get("/admin/outbox", Some(&mentee)).await.status,
        StatusCode::NOT_FOUND
    );
    let (admin, _) = app.register("admin@example.com", &["mentee"]).await;
    app.execute_sql(&format!(
        "UPDATE users SET is_admin = {} WHERE email = 'admin@example.com'",
        if app.state.config.database_url.starts_with("postgres") {
            "TRUE"
        } else {
            "1"
        }
    ))
    .await;
    let page = app.get("/admin/outbox", Some(&admin)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    assert!(page.text().contains("asked you for mentorship") && page.text().contains("held"));
}

#[tokio::test]
async fn admins_see_failed_jobs_and_retry_them_from_the_page() {
    let app = TestApp::spawn().await;
    app.register("admin@example.com", &["mentee"]).await;
    app.execute_sql(&format!(
        "UPDATE users SET is_admin = {} WHERE email = 'admin@example.com'",
        if app.state.config.database_url.starts_with("postgres") {
            "TRUE"
        } else {
            "1"
        }
    ))
    .await;
    let job = mentorhub_store::NewJob {
        kind: "no_such_kind".into(),
        payload: "{}".into(),
        dedup_key: None,
        run_at: app.now(),
    };
    app.state.store.enqueue(&job, app.now()).await.unwrap();
    for _ in 0..mentorhub_server::jobs::MAX_ATTEMPTS {
        run_jobs(&app).await;
        app.advance(chrono::Duration::hours(1));
    }
    let failed = app
        .state
        .store
        .jobs_in(mentorhub_store::JobStatus::Failed, 10)
        .await
        .unwrap();
    assert_eq!(failed.len(), 1);

    let mut admin = crate::pages::Visitor::new(&app);
    let signed_in = admin
        .submit(
            "/signin",
            "/signin",
            "email=admin%40example.com&password=correct+horse+battery",
        )
        .await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER, "{}", signed_in.text());
    let page = admin.get("/admin/outbox").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("no_such_kind") && page.text().contains("unknown job kind"));
    let csrf = crate::pages::Visitor::csrf_of(&page);
    let retried = admin
        .post(&format!("/admin/jobs/{}/retry", failed[0].id), "", Some(&csrf))
        .await;
    assert_eq!(retried.status, StatusCode::SEE_OTHER);
    let job = app.state.store.job(failed[0].id).await.unwrap().unwrap();
    assert_eq!(job.status, mentorhub_store::JobStatus::Pending);
    assert_eq!(job.attempts, 0);
}
