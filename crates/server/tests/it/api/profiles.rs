use axum::http::StatusCode;
use serde_json::json;

use crate::harness::TestApp;

fn profile() -> serde_json::Value {
    json!({
        "headline": "Staff engineer at Acme",
        "bio": "I help backend engineers grow.",
        "company": "Acme",
        "jobTitle": "Staff Engineer",
        "expertise": ["Rust", "Distributed systems"],
        "specializations": ["Career growth"],
        "yearsExperience": 12,
        "languages": ["English", "German"],
        "acceptingMentees": true,
        "maxMentees": 4
    })
}

#[tokio::test]
async fn a_mentor_publishes_a_profile_that_me_returns() {
    let app = TestApp::spawn().await;
    let (token, _) = app.register("mentor@example.com", &["mentor"]).await;
    let saved = app.put("/api/me/mentor-profile", profile(), Some(&token)).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text());
    assert_eq!(saved.json()["expertise"], json!(["Rust", "Distributed systems"]));
    let me = app.get("/api/me", Some(&token)).await.json();
    assert_eq!(me["mentorProfile"]["company"], "Acme");
    assert_eq!(me["mentorProfile"]["maxMentees"], 4);

    let mut changed = profile();
    changed["acceptingMentees"] = json!(false);
    changed["expertise"] = json!(["Go"]);
    let saved = app.put("/api/me/mentor-profile", changed, Some(&token)).await;
    assert_eq!(saved.json()["acceptingMentees"], false);
    assert_eq!(
        app.get("/api/me", Some(&token)).await.json()["mentorProfile"]["expertise"],
        json!(["Go"])
    );
}

#[tokio::test]
async fn only_mentors_have_a_mentor_profile() {
    let app = TestApp::spawn().await;
    let (token, _) = app.register("mentee@example.com", &["mentee"]).await;
    let refused = app.put("/api/me/mentor-profile", profile(), Some(&token)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.error_code(), "forbidden");
    assert!(app.get("/api/me", Some(&token)).await.json()["mentorProfile"].is_null());
    assert_eq!(
        app.put("/api/me/mentor-profile", profile(), None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_broken_profile_is_refused_field_by_field_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let (token, _) = app.register("m2@example.com", &["mentor"]).await;
    app.put("/api/me/mentor-profile", profile(), Some(&token)).await;
    let mut broken = profile();
    broken["headline"] = json!("");
    broken["expertise"] = json!([]);
    broken["maxMentees"] = json!(0);
    broken["yearsExperience"] = json!(-3);
    let refused = app.put("/api/me/mentor-profile", broken, Some(&token)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = &refused.json()["error"]["fields"];
    for field in ["headline", "expertise", "maxMentees", "yearsExperience"] {
        assert!(fields[field].is_string(), "{field}: {fields}");
    }
    assert_eq!(
        app.get("/api/me", Some(&token)).await.json()["mentorProfile"]["headline"],
        "Staff engineer at Acme"
    );

    let wrong_type = app
        .put("/api/me/mentor-profile", json!({"maxMentees": "many"}), Some(&token))
        .await;
    assert_eq!(wrong_type.status, StatusCode::BAD_REQUEST);
}
