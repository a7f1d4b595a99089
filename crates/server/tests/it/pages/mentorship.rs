use axum::http::StatusCode;
use serde_json::json;

use super::Visitor;
use crate::harness::TestApp;

#[tokio::test]
async fn find_a_mentor_searches_and_filters_without_javascript() {
    let app = TestApp::spawn().await;
    app.mentor(
        "ada@example.com",
        "Ada <b>Lovelace</b>",
        json!({"expertise": ["Distributed systems"], "company": "Engines"}),
    )
    .await;
    app.mentor(
        "closed@example.com",
        "Closed Carl",
        json!({"acceptingMentees": false, "expertise": ["Distributed systems"]}),
    )
    .await;
    let mut visitor = Visitor::new(&app);
    let first = visitor.get("/mentorship/find").await;
    assert_eq!(first.status, StatusCode::OK);
    let html = first.text();
    assert!(
        html.contains("Ada &#60;b&#62;Lovelace&#60;/b&#62;") || html.contains("Ada &lt;b&gt;Lovelace&lt;/b&gt;"),
        "names are escaped"
    );
    assert!(!html.contains("Closed Carl"), "not accepting: hidden by default");
    assert!(html.contains("name=\"accepting\" value=\"on\" checked"));

    let searched = visitor
        .get("/mentorship/find?searched=1&q=distrib&sort=relevance")
        .await
        .text();
    assert!(searched.contains("Closed Carl"), "box unticked: everyone is shown");
    assert!(searched.contains("Not accepting mentees"));
    let none = visitor
        .get("/mentorship/find?searched=1&q=zzzz&accepting=on")
        .await
        .text();
    assert!(none.contains("No mentors match"));
    let moved = app.get("/mentors?q=rust&sort=rating", None).await;
    assert_eq!(
        moved.status,
        StatusCode::PERMANENT_REDIRECT,
        "/mentors leads to the list"
    );
    assert_eq!(
        moved.header("location").as_deref(),
        Some("/mentorship/find?q=rust&sort=rating")
    );
    let bare = app.get("/mentors", None).await;
    assert_eq!(bare.header("location").as_deref(), Some("/mentorship/find"));
    let bad_sort = visitor.get("/mentorship/find?sort=fame").await;
    assert_eq!(bad_sort.status, StatusCode::OK);
    assert!(bad_sort
        .text()
        .contains("sort must be relevance, rating, experience or responsive."));
}

#[tokio::test]
async fn connect_accept_and_both_dashboards_through_the_pages() {
    let app = TestApp::spawn().await;
    let mut mentor = Visitor::new(&app);
    mentor
        .sign_up("Mona Mentor", "mona@example.com", "role_mentor=on")
        .await;
    let fields = "headline=Staff+engineer&expertise=Rust&years_experience=9&max_mentees=2&accepting_mentees=on";
    assert_eq!(
        mentor
            .submit("/settings", "/settings/mentor-profile", fields)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let mentor_id = app
        .state
        .store
        .user_credentials("mona@example.com")
        .await
        .unwrap()
        .unwrap()
        .0
        .id;

    let mut anonymous = Visitor::new(&app);
    let public = anonymous.get(&format!("/mentors/{mentor_id}")).await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(public.text().contains("to ask Mona Mentor for mentorship"));

    let mut mentee = Visitor::new(&app);
    mentee.sign_up("Max Mentee", "max@example.com", "role_mentee=on").await;
    let profile = mentee.get(&format!("/mentors/{mentor_id}")).await.text();
    assert!(profile.contains("Ask for mentorship"));
    let empty = mentee
        .submit(
            &format!("/mentors/{mentor_id}"),
            &format!("/mentors/{mentor_id}/connect"),
            "message=",
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.text().contains("id=\"message-error\""));
    let sent = mentee
        .submit(
            &format!("/mentors/{mentor_id}"),
            &format!("/mentors/{mentor_id}/connect"),
            "message=Help+me+with+Rust+please",
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    assert_eq!(sent.header("location").as_deref(), Some("/mentorship?tab=requests"));
    let requests = mentee.get("/mentorship?tab=requests").await.text();
    assert!(requests.contains("Your request was sent to Mona Mentor."));
    assert!(requests.contains("Withdraw request"));
    assert!(mentee
        .get(&format!("/mentors/{mentor_id}"))
        .await
        .text()
        .contains("is <strong>pending</strong>"));

    // The mentor sees the bell, the request, and accepts it.
    let dashboard = mentor.get("/dashboard").await.text();
    assert!(dashboard.contains("data-unread-notifications>1<"), "{dashboard}");
    assert!(dashboard.contains("asked for mentorship") && dashboard.contains(">Answer<"));
    let incoming = mentor.get("/mentorship?tab=requests").await;
    let html = incoming.text();
    assert!(html.contains("Help me with Rust please"));
    let id = html
        .split("action=\"/mentorship/")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    let accepted = mentor
        .submit("/mentorship?tab=requests", &format!("/mentorship/{id}/accept"), "")
        .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER);
    assert!(mentor
        .get("/mentorship?tab=mentees")
        .await
        .text()
        .contains("Max Mentee"));

    let mentee_dash = mentee.get("/dashboard").await.text();
    assert!(
        mentee_dash.contains(&format!("href=\"/mentors/{mentor_id}\">Mona Mentor</a>")),
        "{mentee_dash}"
    );
    assert!(mentee.get("/mentorship").await.text().contains("End mentorship"));
    let notes = mentee.get("/notifications").await.text();
    assert!(notes.contains("Mona Mentor accepted your request"));
    assert_eq!(
        mentee
            .submit("/notifications", "/notifications/read-all", "")
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert!(mentee
        .get("/dashboard")
        .await
        .text()
        .contains("data-unread-notifications hidden>0<"));
}

#[tokio::test]
async fn strangers_cannot_act_on_a_mentorship_through_the_pages() {
    let app = TestApp::spawn().await;
    let (_, mentor_id) = app.mentor("m@example.com", "Mona", json!({})).await;
    let (mentee, _) = app.register("e@example.com", &["mentee"]).await;
    let id = app.ask(&mentee, &mentor_id).await.json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut stranger = Visitor::new(&app);
    stranger
        .sign_up("Stranger", "s@example.com", "role_mentor=on&role_mentee=on")
        .await;
    let response = stranger
        .submit("/mentorship", &format!("/mentorship/{id}/accept"), "")
        .await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert!(response.text().contains("Page not found"));
    let forged = stranger
        .post(
            &format!("/mentors/{mentor_id}/connect"),
            "message=hello",
            Some("forged"),
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.get(&format!("/api/mentorship/{id}"), Some(&mentee)).await.json()["status"],
        "pending"
    );
}

#[tokio::test]
async fn discover_shows_recommendations_with_reasons() {
    let app = TestApp::spawn().await;
    app.mentor(
        "ada@example.com",
        "Ada Lovelace",
        json!({"expertise": ["Distributed systems"]}),
    )
    .await;
    let mut mentee = Visitor::new(&app);
    mentee.sign_up("Curious", "c@example.com", "role_mentee=on").await;
    let saved = mentee
        .submit(
            "/settings",
            "/settings/learning",
            "interests=Distributed+systems&goals=Become+senior",
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let html = mentee.get("/mentorship?tab=discover").await.text();
    assert!(html.contains("Ada Lovelace"));
    assert!(html.contains("Also works on distributed systems"));
}
