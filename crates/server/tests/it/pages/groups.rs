//! Group session pages without JavaScript: host through the form, the
//! session in everyone's lists, join and the room through plain posts,
//! and what people outside see.

use axum::http::StatusCode;
use chrono::Duration;
use serde_json::json;

use super::Visitor;
use crate::harness::TestApp;

#[tokio::test]
async fn hosting_joining_and_the_room_work_through_plain_forms() {
    let app = TestApp::spawn().await;
    let (_, mentor_id) = app.mentor("host@example.com", "Hana Host", json!({})).await;
    app.register("e@example.com", &["mentee"]).await;
    app.register("o@example.com", &["mentee"]).await;

    let mut host = Visitor::signed_in(&app, "host@example.com").await;
    let start = (app.now() + Duration::days(4)).format("%Y-%m-%dT18:00").to_string();
    let refused = host
        .submit("/groups/new", "/groups", "title=Hi&start=&duration=60&capacity=1")
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = refused.text();
    assert!(page.contains("Title must be at least 5 characters.") && page.contains("Seats must be between 2 and 200."));
    let created = host
        .submit(
            "/groups/new",
            "/groups",
            &format!("title=Resume+review+clinic&description=Bring+your+CV.&start={start}&duration=60&capacity=3&audience=everyone"),
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.text());
    let location = created.header("location").expect("to the session");
    assert_eq!(app.count_rows("group_sessions").await, 1);

    let mut mentee = Visitor::signed_in(&app, "e@example.com").await;
    let listed = mentee.get("/groups?q=resume").await.text();
    assert!(
        listed.contains("Resume review clinic") && listed.contains("0 of 3 seats taken"),
        "{listed}"
    );
    let none = mentee.get("/groups?q=kubernetes").await.text();
    assert!(!none.contains("Resume review clinic"));
    let joined = mentee.submit(&location, &format!("{location}/join"), "").await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER);
    let inside = mentee.get(&location).await.text();
    assert!(
        inside.contains("You have a seat") && inside.contains("id=\"meeting-link\""),
        "{inside}"
    );
    let sent = mentee
        .submit(&location, &format!("{location}/messages"), "body=Hello+everyone")
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    assert!(mentee.get(&location).await.text().contains("Hello everyone"));
    let sessions = mentee.get("/mentorship?tab=sessions").await.text();
    assert!(
        sessions.contains("Resume review clinic"),
        "group sessions are in the sessions list"
    );
    let dashboard = mentee.get("/dashboard").await.text();
    assert!(dashboard.contains("Resume review clinic"));
    let profile = mentee.get(&format!("/mentors/{mentor_id}")).await.text();
    assert!(profile.contains("Resume review clinic"), "the host's profile lists it");

    let mut outsider = Visitor::signed_in(&app, "o@example.com").await;
    let outside = outsider.get(&location).await.text();
    assert!(
        !outside.contains("Hello everyone") && !outside.contains("meeting-link"),
        "no room outside"
    );
    let forced = outsider
        .submit(&location, &format!("{location}/messages"), "body=Let+me+in")
        .await;
    assert_eq!(forced.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.count_rows("group_messages").await,
        1,
        "nothing written for an outsider"
    );
    let host_view = host.get(&location).await.text();
    assert!(host_view.contains("Attending (1)") && host_view.contains("Cancel this session"));
    assert_eq!(
        outsider.get("/groups/new").await.status,
        StatusCode::SEE_OTHER,
        "mentees cannot host"
    );
}
