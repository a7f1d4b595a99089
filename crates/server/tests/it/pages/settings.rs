use axum::http::StatusCode;

use super::Visitor;
use crate::harness::TestApp;

#[tokio::test]
async fn settings_change_name_and_zone() {
    let app = TestApp::spawn().await;
    let mut visitor = Visitor::new(&app);
    visitor.sign_up("Old Name", "set@example.com", "role_mentee=on").await;
    let saved = visitor
        .submit(
            "/settings",
            "/settings/account",
            "name=New+Name&timezone=Asia%2FKolkata",
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let page = visitor.get("/settings").await.text();
    assert!(page.contains("Your account is saved."));
    assert!(page.contains("value=\"New Name\""));
    assert!(page.contains("<option selected>Asia/Kolkata</option>"));
    assert!(
        !page.contains("id=\"mentor-profile\""),
        "mentees have no mentor profile form"
    );

    let bad = visitor
        .submit("/settings", "/settings/account", "name=&timezone=Asia%2FKolkata")
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().contains("id=\"name-error\""));
}

#[tokio::test]
async fn a_mentor_edits_the_mentor_profile_through_the_page() {
    let app = TestApp::spawn().await;
    let mut visitor = Visitor::new(&app);
    visitor
        .sign_up("Mentor Person", "mp@example.com", "role_mentor=on")
        .await;
    let page = visitor.get("/settings").await.text();
    assert!(page.contains("id=\"mentor-profile\""));

    let fields = "headline=Staff+engineer&bio=Hello&company=Acme&job_title=Engineer&expertise=Rust%2C+Go%2C+rust\
                  &specializations=Career+growth&languages=English&years_experience=9&max_mentees=2&accepting_mentees=on";
    let saved = visitor.submit("/settings", "/settings/mentor-profile", fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
    let page = visitor.get("/settings").await.text();
    assert!(page.contains("value=\"Rust, Go\""));

    let broken = visitor
        .submit(
            "/settings",
            "/settings/mentor-profile",
            "headline=&expertise=&years_experience=x&max_mentees=2",
        )
        .await;
    assert_eq!(broken.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = broken.text();
    assert!(html.contains("id=\"yearsExperience-error\""));
    let dashboard = visitor.get("/dashboard").await.text();
    assert!(dashboard.contains("Your profile is published and you accept mentees"));
}

#[tokio::test]
async fn a_mentee_cannot_post_a_mentor_profile() {
    let app = TestApp::spawn().await;
    let mut visitor = Visitor::new(&app);
    visitor.sign_up("Only Mentee", "om@example.com", "role_mentee=on").await;
    let refused = visitor
        .submit(
            "/settings",
            "/settings/mentor-profile",
            "headline=Hi&expertise=Rust&years_experience=1&max_mentees=1",
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.text().contains("Only mentors have a mentor profile."));
}

#[tokio::test]
async fn pages_that_need_a_user_send_visitors_to_sign_in() {
    let app = TestApp::spawn().await;
    let mut visitor = Visitor::new(&app);
    let response = visitor.get("/settings").await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert_eq!(response.header("location").as_deref(), Some("/signin?next=%2Fsettings"));
}
