use axum::http::StatusCode;

use super::Visitor;
use crate::harness::TestApp;

#[tokio::test]
async fn sign_up_signs_in_and_the_dashboard_shows_the_zone() {
    let app = TestApp::spawn().await;
    let mut visitor = Visitor::new(&app);
    let form = visitor.get("/signup").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.text().contains("<label for=\"email\">Email</label>"));
    assert!(form.text().contains("<option>Europe/Berlin</option>"));
    assert!(visitor.has_cookie("mh_csrf"));

    let done = visitor.sign_up("Nia Long", "nia@example.com", "role_mentee=on").await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text());
    assert_eq!(done.header("location").as_deref(), Some("/dashboard"));
    let session = done
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with("mh_session="))
        .expect("session cookie");
    assert!(session.contains("HttpOnly") && session.contains("SameSite=Lax"));
    assert!(!session.contains("Secure"), "plain http in tests");

    let dashboard = visitor.get("/dashboard").await;
    assert_eq!(dashboard.status, StatusCode::OK);
    let html = dashboard.text();
    assert!(html.contains("Welcome, Nia Long"));
    assert!(
        html.contains("Welcome to Mentorhub, Nia Long!"),
        "flash message shown once"
    );
    assert!(html.contains("America/New_York"));
    assert!(
        html.contains("EST") || html.contains("EDT"),
        "times carry their zone: {html}"
    );
    let again = visitor.get("/dashboard").await;
    assert!(
        !again.text().contains("Welcome to Mentorhub"),
        "flash is gone after one view"
    );
}

#[tokio::test]
async fn sign_up_errors_are_shown_by_their_fields_and_escaped() {
    let app = TestApp::spawn().await;
    let mut visitor = Visitor::new(&app);
    let response = visitor
        .submit(
            "/signup",
            "/signup",
            "name=%3Cscript%3Ealert(1)%3C%2Fscript%3E&email=bad&password=short&timezone=UTC",
        )
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text();
    assert!(html.contains("id=\"email-error\""));
    assert!(html.contains("id=\"password-error\""));
    assert!(html.contains("id=\"roles-error\""));
    assert!(html.contains("aria-describedby=\"email-error\""));
    assert!(!html.contains("<script>alert(1)</script>"));
    assert!(html.contains("&#60;script&#62;") || html.contains("&lt;script&gt;"));
    assert_eq!(app.state.store.count_users().await.unwrap(), 0);
}

#[tokio::test]
async fn a_taken_email_is_shown_on_the_form() {
    let app = TestApp::spawn().await;
    app.register("taken@example.com", &["mentee"]).await;
    let mut visitor = Visitor::new(&app);
    let response = visitor.sign_up("Someone", "TAKEN@example.com", "role_mentee=on").await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().contains("An account with this email already exists."));
}

#[tokio::test]
async fn forms_without_the_csrf_token_are_refused() {
    let app = TestApp::spawn().await;
    let mut visitor = Visitor::new(&app);
    visitor.get("/signup").await;
    let forged = visitor
        .post(
            "/signup",
            "name=X&email=x%40example.com&password=correct+horse+battery&role_mentee=on",
            Some("wrong"),
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(forged.header("content-type").unwrap().starts_with("text/html"));
    assert!(forged.text().contains("This form has expired"));
    let missing = visitor
        .post(
            "/signup",
            "name=X&email=x%40example.com&password=correct+horse+battery&role_mentee=on",
            None,
        )
        .await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    assert_eq!(app.state.store.count_users().await.unwrap(), 0);
}

#[tokio::test]
async fn sign_in_and_sign_out_through_the_pages() {
    let app = TestApp::spawn().await;
    app.register("pat@example.com", &["mentee"]).await;
    let mut visitor = Visitor::new(&app);

    let wrong = visitor
        .submit("/signin", "/signin", "email=pat%40example.com&password=nope+nope+nope")
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.text().contains("The email or password is not right."));
    assert!(wrong.text().contains("value=\"pat@example.com\""), "the email is kept");

    let ok = visitor
        .submit(
            "/signin?next=/settings",
            "/signin",
            "email=pat%40example.com&password=correct+horse+battery&next=%2Fsettings",
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert_eq!(ok.header("location").as_deref(), Some("/settings"));
    assert_eq!(visitor.get("/dashboard").await.status, StatusCode::OK);

    let page = visitor.get("/dashboard").await;
    let csrf = Visitor::csrf_of(&page);
    let out = visitor.post("/signout", "", Some(&csrf)).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert!(!visitor.has_cookie("mh_session"));
    let after = visitor.get("/dashboard").await;
    assert_eq!(after.status, StatusCode::SEE_OTHER);
    assert_eq!(after.header("location").as_deref(), Some("/signin?next=%2Fdashboard"));
}

#[tokio::test]
async fn sign_in_never_redirects_off_site() {
    let app = TestApp::spawn().await;
    app.register("sam@example.com", &["mentee"]).await;
    let mut visitor = Visitor::new(&app);
    let ok = visitor
        .submit(
            "/signin",
            "/signin",
            "email=sam%40example.com&password=correct+horse+battery&next=%2F%2Fevil.example",
        )
        .await;
    assert_eq!(ok.header("location").as_deref(), Some("/dashboard"));
}

#[tokio::test]
async fn unknown_pages_get_an_html_404() {
    let app = TestApp::spawn().await;
    let mut visitor = Visitor::new(&app);
    let response = visitor.get("/no/such/page").await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert!(response.header("content-type").unwrap().starts_with("text/html"));
    assert!(response.text().contains("Page not found"));
}

#[tokio::test]
async fn navigation_shows_only_built_sections() {
    let app = TestApp::spawn().await;
    let mut visitor = Visitor::new(&app);
    visitor.sign_up("Nav Person", "nav@example.com", "role_mentee=on").await;
    let html = visitor.get("/dashboard").await.text();
    assert!(html.contains("href=\"/dashboard\" aria-current=\"page\""));
    assert!(html.contains("href=\"/settings\""));
    for section in ["/mentorship", "/mentorship/find", "/chat", "/mini"] {
        assert!(
            html.contains(&format!("href=\"{section}\"")),
            "{section} is in the navigation"
        );
    }
}
