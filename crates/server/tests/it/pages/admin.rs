//! The trust pages without JavaScript: a report through its form, the
//! admin queue, suspending and restoring, the dashboard's charts and
//! figures, the audit log; your data in settings; the no-show button.
//! Everyone but admins gets a 404 on /admin*.

use axum::http::StatusCode;
use chrono::{Duration, Timelike};
use serde_json::json;

use super::Visitor;
use crate::harness::TestApp;

#[tokio::test]
async fn admin_pages_are_404_for_everyone_else() {
    let app = TestApp::spawn().await;
    app.mentor("m@example.com", "Mona Mentor", json!({})).await;
    app.admin("admin@example.com").await;
    let pages = [
        "/admin",
        "/admin/reports",
        "/admin/users",
        "/admin/audit",
        "/admin/outbox",
    ];
    let mut visitor = Visitor::new(&app);
    let mut mentor = Visitor::signed_in(&app, "m@example.com").await;
    for page in pages {
        assert_eq!(visitor.get(page).await.status, StatusCode::NOT_FOUND, "visitor {page}");
        assert_eq!(mentor.get(page).await.status, StatusCode::NOT_FOUND, "mentor {page}");
    }
    let nav = mentor.get("/dashboard").await.text();
    assert!(!nav.contains("href=\"/admin\""));
    let mut admin = Visitor::signed_in(&app, "admin@example.com").await;
    for page in pages {
        let r = admin.get(page).await;
        assert_eq!(r.status, StatusCode::OK, "admin {page}");
        assert!(
            r.text().contains("aria-label=\"Admin sections\""),
            "{page} has the admin tabs"
        );
    }
    let forged = mentor
        .post("/admin/users/00000000-0000-0000-0000-000000000000/restore", "", None)
        .await;
    assert_ne!(
        forged.status,
        StatusCode::SEE_OTHER,
        "no form post of an admin's works for others"
    );
}

#[tokio::test]
async fn a_report_through_the_form_leads_to_a_suspension_and_back() {
    let app = TestApp::spawn().await;
    let (mentor, _, mentor_id, message, conversation) = app.conversation("Send me money <b>now</b>").await;
    app.admin("admin@example.com").await;

    let mut reporter = Visitor::signed_in(&app, "e@example.com").await;
    let thread = reporter.get(&format!("/chat/{conversation}")).await.text();
    let link = format!("/report?type=message&amp;id={message}&amp;back=/chat/{conversation}");
    assert!(thread.contains(&link), "the other person's message has a report link");
    let form_path = link.replace("&amp;", "&");
    let form = reporter.get(&form_path).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.text().contains("Send me money &#60;b&#62;now&#60;/b&#62;"),
        "the excerpt, escaped: {}",
        form.text()
    );
    let fields = format!("type=message&id={message}&back=/chat/{conversation}");
    let missing = reporter.submit(&form_path, "/report", &fields).await;
    assert_eq!(missing.status, StatusCode::OK);
    assert!(missing.text().contains("Choose a reason"));
    let sent = reporter
        .submit(
            &form_path,
            "/report",
            &format!("{fields}&reason=spam&details=Asks+for+money"),
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    assert_eq!(
        sent.header("location").as_deref(),
        Some(format!("/chat/{conversation}").as_str())
    );
    app.register("s@example.com", &["mentee"]).await;
    let mut stranger = Visitor::signed_in(&app, "s@example.com").await;
    assert_eq!(
        stranger.get(&form_path).await.status,
        StatusCode::NOT_FOUND,
        "not theirs to see"
    );

    let mut admin = Visitor::signed_in(&app, "admin@example.com").await;
    let overview = admin.get("/admin").await.text();
    assert!(overview.contains("1 open report"), "the overview points at the queue");
    let queue = admin.get("/admin/reports").await.text();
    assert!(
        queue.contains("Asks for money") && queue.contains("Send me money &#60;b&#62;now&#60;/b&#62;"),
        "{queue}"
    );
    let report_id = queue
        .split("data-report=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let resolved = admin
        .submit(
            "/admin/reports",
            &format!("/admin/reports/{report_id}/resolve"),
            "action=suspend_user&note=Scam",
        )
        .await;
    assert_eq!(resolved.status, StatusCode::SEE_OTHER);
    let people = admin.get("/admin/users?q=m%40example.com").await.text();
    assert!(people.contains("Suspended") && people.contains("Scam"), "{people}");
    assert_eq!(app.get("/api/me", Some(&mentor)).await.status, StatusCode::UNAUTHORIZED);

    let mut suspended = Visitor::new(&app);
    let refused = suspended
        .submit(
            "/signin",
            "/signin",
            "email=m%40example.com&password=correct+horse+battery",
        )
        .await;
    assert!(
        refused.text().contains("This account is suspended"),
        "{}",
        refused.text()
    );
    assert!(!suspended.has_cookie("mh_session"));

    let restored = admin
        .submit("/admin/users", &format!("/admin/users/{mentor_id}/restore"), "")
        .await;
    assert_eq!(restored.status, StatusCode::SEE_OTHER);
    let audit = admin.get("/admin/audit").await.text();
    for action in ["resolve_report", "suspend_user", "restore_user"] {
        assert!(
            audit.contains(&format!("data-action=\"{action}\"")),
            "{action} is in the audit log"
        );
    }
    let back = Visitor::new(&app)
        .submit(
            "/signin",
            "/signin",
            "email=m%40example.com&password=correct+horse+battery",
        )
        .await;
    assert_eq!(back.status, StatusCode::SEE_OTHER, "restored people sign in again");
}

#[tokio::test]
async fn the_dashboard_draws_the_weekly_figures() {
    let app = TestApp::spawn().await;
    app.accepted_pair("m@example.com", "e@example.com").await;
    app.admin("admin@example.com").await;
    let mut admin = Visitor::signed_in(&app, "admin@example.com").await;
    let page = admin.get("/admin").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert_eq!(
        html.matches("<svg class=\"chart\"").count(),
        7,
        "six weekly charts and supply against demand"
    );
    let week = mentorhub_domain::trust::week_start(app.now().date_naive())
        .format("%-d %b")
        .to_string();
    assert!(
        html.contains(&format!(
            "data-group=\"{week}\" data-series=\"sign-ups\" data-value=\"3\""
        )),
        "{week}"
    );
    assert!(html.contains(&format!(
        "data-group=\"{week}\" data-series=\"accepted\" data-value=\"1\""
    )));
    assert!(html.contains("data-group=\"career growth\" data-series=\"supply\" data-value=\"1\""));
    let bad = admin.get("/admin?from=yesterday").await;
    assert_eq!(bad.status, StatusCode::OK);
    assert!(bad.text().contains("from must be a date like 2026-12-01."));
}

#[tokio::test]
async fn settings_download_the_data_and_close_the_account() {
    let app = TestApp::spawn().await;
    app.register("e@example.com", &["mentee"]).await;
    let mut me = Visitor::signed_in(&app, "e@example.com").await;
    let settings = me.get("/settings").await.text();
    assert!(settings.contains("href=\"/settings/export\"") && settings.contains("Close my account"));
    let file = me.get("/settings/export").await;
    assert_eq!(file.status, StatusCode::OK);
    assert!(file
        .header("content-disposition")
        .unwrap()
        .starts_with("attachment; filename=\"mentorhub-"));
    assert_eq!(file.json()["account"]["email"], "e@example.com");
    assert_eq!(
        Visitor::new(&app).get("/settings/export").await.status,
        StatusCode::SEE_OTHER
    );

    let wrong = me.submit("/settings", "/settings/delete", "password=nope").await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.text().contains("That is not your password."));
    let closed = me
        .submit("/settings", "/settings/delete", "password=correct+horse+battery")
        .await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER);
    assert_eq!(closed.header("location").as_deref(), Some("/"));
    assert!(!me.has_cookie("mh_session"));
    assert_eq!(me.get("/dashboard").await.status, StatusCode::SEE_OTHER, "signed out");
    let again = Visitor::new(&app)
        .submit(
            "/signin",
            "/signin",
            "email=e%40example.com&password=correct+horse+battery",
        )
        .await;
    assert_ne!(again.status, StatusCode::SEE_OTHER, "the old credentials are gone");
}

#[tokio::test]
async fn a_no_show_is_a_button_on_the_session_after_its_end() {
    let app = TestApp::spawn().await;
    app.advance_to_utc_hour(6);
    let (_, mentee, mentorship, _) = app.accepted_pair("m@example.com", "e@example.com").await;
    let at = (app.now() + Duration::days(1))
        .with_minute(0)
        .unwrap()
        .with_second(0)
        .unwrap();
    let booked = app.book(&mentee, &mentorship, at, 30).await.json();
    let id = booked["id"].as_str().unwrap();
    let mut mentor = Visitor::signed_in(&app, "m@example.com").await;
    let tab = "/mentorship?tab=sessions";
    assert!(!mentor
        .get(tab)
        .await
        .text()
        .contains(&format!("/mentorship/sessions/{id}/no-show")));
    app.advance(Duration::days(1) + Duration::hours(1));
    let page = mentor.get(tab).await.text();
    assert!(page.contains(&format!("/mentorship/sessions/{id}/no-show")), "{page}");
    let marked = mentor
        .submit(tab, &format!("/mentorship/sessions/{id}/no-show"), "")
        .await;
    assert_eq!(marked.status, StatusCode::SEE_OTHER);
    let after = mentor.get(tab).await.text();
    assert!(
        after.contains("Test Person did not come · not counted in hours"),
        "{after}"
    );
    let mut absent = Visitor::signed_in(&app, "e@example.com").await;
    let theirs = absent.get(tab).await.text();
    assert!(theirs.contains("Mona Mentor recorded that you did not come"));
}

#[tokio::test]
async fn a_waiting_request_says_when_it_expires() {
    let app = TestApp::spawn().await;
    let (_, mentor_id) = app.mentor("m@example.com", "Mona Mentor", json!({})).await;
    let (mentee, _) = app.register("e@example.com", &["mentee"]).await;
    app.ask(&mentee, &mentor_id).await;
    let mut mentor = Visitor::signed_in(&app, "m@example.com").await;
    let requests = mentor.get("/mentorship?tab=requests").await.text();
    assert!(requests.contains("Expires in 14 days unless answered"), "{requests}");
    app.advance(Duration::days(13) + Duration::hours(2));
    let later = mentor.get("/mentorship?tab=requests").await.text();
    assert!(later.contains("Expires in 22 hours unless answered"), "{later}");
}
