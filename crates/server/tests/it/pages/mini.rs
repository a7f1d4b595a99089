use axum::http::StatusCode;
use chrono::Duration;
use serde_json::json;

use super::Visitor;
use crate::harness::TestApp;

#[tokio::test]
async fn request_claim_schedule_through_plain_forms() {
    let app = TestApp::spawn().await;
    app.mentor("mentor@example.com", "Mona Mentor", json!({})).await;
    let mut mentee = Visitor::new(&app);
    mentee.sign_up("Mia Mentee", "mia@example.com", "role_mentee=on").await;

    let page = mentee.get("/mentorship/dashboard?new=1").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("Mini Mentorship Sessions"));
    assert!(
        html.contains("<dialog id=\"request-dialog\" aria-labelledby=\"request-heading\" open"),
        "without JS the form shows"
    );
    assert!(html.contains("in your time zone: America/New_York"));

    let bad = mentee
        .submit(
            "/mentorship/dashboard?new=1",
            "/mentorship/dashboard/requests",
            "title=Hi&session_type=interview_prep&description=short&duration=30&urgency=high",
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = bad.text();
    for field in ["title", "description", "preferredDates"] {
        assert!(html.contains(&format!("id=\"{field}-error\"")), "{field}");
    }
    assert!(html.contains("value=\"Hi\""), "what was typed is kept");

    let when = (app.now() + Duration::days(3))
        .with_timezone(&chrono_tz::America::New_York)
        .format("%Y-%m-%dT10:00")
        .to_string();
    let fields = format!(
        "title=Resume+review+please&session_type=resume_review&description=Please+review+my+resume+for+backend+roles&duration=30&urgency=medium&date_0={}",
        when.replace(':', "%3A")
    );
    let created = mentee
        .submit("/mentorship/dashboard", "/mentorship/dashboard/requests", &fields)
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.text());
    let dash = mentee.get("/mentorship/dashboard").await.text();
    assert!(dash.contains("Your request is open."));
    assert!(dash.contains("Resume review please") && dash.contains(">Open</span>"));
    assert!(dash.contains("Cancel request"));

    let mut mentor = Visitor::new(&app);
    let signin = mentor
        .submit(
            "/signin",
            "/signin",
            "email=mentor%40example.com&password=correct+horse+battery",
        )
        .await;
    assert_eq!(signin.status, StatusCode::SEE_OTHER);
    let board = mentor.get("/mini").await.text();
    assert!(board.contains("Resume review please") && board.contains("asked by Mia Mentee"));
    let id = board
        .split("action=\"/mini/")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(
        mentor.submit("/mini", &format!("/mini/{id}/claim"), "").await.status,
        StatusCode::SEE_OTHER
    );
    let detail = mentor.get(&format!("/mini/{id}")).await.text();
    assert!(detail.contains("Schedule at one of the preferred times"));
    let start = detail
        .split("name=\"start\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let scheduled = mentor
        .submit(
            &format!("/mini/{id}"),
            &format!("/mini/{id}/schedule"),
            &format!("start={}", start.replace('+', "%2B").replace(':', "%3A")),
        )
        .await;
    assert_eq!(scheduled.status, StatusCode::SEE_OTHER);
    assert!(mentor
        .get(&format!("/mini/{id}"))
        .await
        .text()
        .contains("Scheduled. The mentee was told"));

    let dash = mentee.get("/mentorship/dashboard").await.text();
    assert!(dash.contains(">Scheduled</span>"));
    assert!(dash.contains("Join meeting") && dash.contains("https://meet.jit.si/mentorhub-"));
    assert!(
        dash.contains("10:00 EST"),
        "the session time in the mentee's zone: {dash}"
    );
}

#[tokio::test]
async fn mentees_and_mentors_land_on_their_own_pages() {
    let app = TestApp::spawn().await;
    let mut mentee = Visitor::new(&app);
    mentee.sign_up("Mia", "mia@example.com", "role_mentee=on").await;
    // One place for both roles: a mentee sees their own requests on /mini.
    let board = mentee.get("/mini").await;
    assert_eq!(board.status, StatusCode::OK);
    let html = board.text();
    assert!(html.contains("Your requests") && html.contains("Request a mini session"));
    assert!(!html.contains("Open requests"), "the board is for mentors");
    let mut mentor = Visitor::new(&app);
    mentor.sign_up("Max", "max@example.com", "role_mentor=on").await;
    let dash = mentor.get("/mentorship/dashboard").await;
    assert_eq!(dash.header("location").as_deref(), Some("/mini"));
    let forged = mentor
        .post("/mentorship/dashboard/requests", "title=x", Some("nope"))
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
}
