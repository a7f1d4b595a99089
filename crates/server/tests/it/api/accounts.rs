use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use futures_util::future::join_all;
use mentorhub_server::services::limits::Limits;
use serde_json::json;

use crate::harness::TestApp;

fn registration(email: &str) -> serde_json::Value {
    json!({"email": email, "password": "correct horse battery", "name": "Ada Lovelace", "roles": ["mentee"], "timezone": "Asia/Kolkata"})
}

#[tokio::test]
async fn register_returns_a_working_token_and_the_user() {
    let app = TestApp::spawn().await;
    let response = app
        .post("/api/auth/register", registration("Ada@Example.com"), None)
        .await;
    assert_eq!(response.status, StatusCode::CREATED);
    let body = response.json();
    let user = &body["user"];
    assert_eq!(user["email"], "Ada@Example.com");
    assert_eq!(user["name"], "Ada Lovelace");
    assert_eq!(user["roles"], json!(["mentee"]));
    assert_eq!(user["timezone"], "Asia/Kolkata");
    assert!(user["mentorProfile"].is_null());
    assert!(user["createdAt"].as_str().unwrap().ends_with('Z'));
    assert!(user.get("passwordHash").is_none());

    let me = app.get("/api/me", body["token"].as_str()).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json()["id"], user["id"]);
}

#[tokio::test]
async fn timezone_defaults_to_utc_and_both_roles_are_allowed() {
    let app = TestApp::spawn().await;
    let response = app
        .post(
            "/api/auth/register",
            json!({"email": "b@example.com", "password": "correct horse battery", "name": "B", "roles": ["mentor", "mentee"]}),
            None,
        )
        .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    assert_eq!(response.json()["user"]["timezone"], "UTC");
    assert_eq!(response.json()["user"]["roles"], json!(["mentee", "mentor"]));
}

#[tokio::test]
async fn every_broken_field_is_named_and_nothing_is_created() {
    let app = TestApp::spawn().await;
    let response = app
        .post(
            "/api/auth/register",
            json!({"email": "not-an-email", "password": "short", "name": "  ", "roles": [], "timezone": "Mars/Base"}),
            None,
        )
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = &response.json()["error"];
    assert_eq!(error["code"], "validation_failed");
    for field in ["email", "password", "name", "roles", "timezone"] {
        assert!(
            error["fields"][field].is_string(),
            "{field} should be reported: {error}"
        );
    }
    assert_eq!(app.state.store.count_users().await.unwrap(), 0);

    let missing = app.post("/api/auth/register", json!({}), None).await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(missing.json()["error"]["fields"]["email"], "Email is required.");

    let unknown_role = app
        .post(
            "/api/auth/register",
            json!({"email": "x@example.com", "password": "correct horse battery", "name": "X", "roles": ["admin"]}),
            None,
        )
        .await;
    assert_eq!(unknown_role.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown_role.json()["error"]["fields"]["roles"].is_string());
}

#[tokio::test]
async fn emails_are_unique_regardless_of_case() {
    let app = TestApp::spawn().await;
    app.register("grace@example.com", &["mentee"]).await;
    let again = app
        .post("/api/auth/register", registration("GRACE@example.COM"), None)
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.error_code(), "email_taken");
    assert_eq!(app.state.store.count_users().await.unwrap(), 1);
}

#[tokio::test]
async fn concurrent_sign_ups_with_one_email_create_one_account() {
    let app = TestApp::spawn().await;
    let attempts = (0..8).map(|i| {
        let email = if i % 2 == 0 {
            "race@example.com"
        } else {
            "RACE@example.com"
        };
        app.post("/api/auth/register", registration(email), None)
    });
    let responses = join_all(attempts).await;
    let created = responses.iter().filter(|r| r.status == StatusCode::CREATED).count();
    let conflicts = responses.iter().filter(|r| r.status == StatusCode::CONFLICT).count();
    assert_eq!((created, conflicts), (1, 7));
    assert_eq!(app.state.store.count_users().await.unwrap(), 1);
}

#[tokio::test]
async fn login_gives_one_answer_for_unknown_email_and_wrong_password() {
    let app = TestApp::spawn().await;
    app.register("linus@example.com", &["mentor"]).await;
    let ok = app
        .post(
            "/api/auth/login",
            json!({"email": " LINUS@example.com ", "password": "correct horse battery"}),
            None,
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(ok.json()["user"]["email"], "linus@example.com");
    assert!(ok.json()["token"].as_str().unwrap().len() >= 43);

    let wrong = app
        .post(
            "/api/auth/login",
            json!({"email": "linus@example.com", "password": "wrong password!"}),
            None,
        )
        .await;
    let unknown = app
        .post(
            "/api/auth/login",
            json!({"email": "nobody@example.com", "password": "wrong password!"}),
            None,
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.json(), unknown.json());
    assert!(wrong.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("email or password"));
}

#[tokio::test]
async fn logout_revokes_only_that_token() {
    let app = TestApp::spawn().await;
    let (first, _) = app.register("ken@example.com", &["mentee"]).await;
    let second = app
        .post(
            "/api/auth/login",
            json!({"email": "ken@example.com", "password": "correct horse battery"}),
            None,
        )
        .await;
    let second = second.json()["token"].as_str().unwrap().to_owned();

    let out = app.json(Method::POST, "/api/auth/logout", None, Some(&first)).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert_eq!(app.get("/api/me", Some(&first)).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.get("/api/me", Some(&second)).await.status, StatusCode::OK);
    let again = app.json(Method::POST, "/api/auth/logout", None, Some(&first)).await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn me_needs_a_valid_token() {
    let app = TestApp::spawn().await;
    let anonymous = app.get("/api/me", None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_eq!(anonymous.error_code(), "unauthorized");
    assert_eq!(
        app.get("/api/me", Some("made-up-token")).await.status,
        StatusCode::UNAUTHORIZED
    );
    let malformed = app
        .send(
            Request::get("/api/me")
                .header(header::AUTHORIZATION, "Basic abc")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(malformed.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn sign_in_attempts_are_rate_limited_with_retry_after() {
    let app = TestApp::spawn_with_limits(Limits {
        failures_per_pair: 3,
        ..TestApp::test_limits()
    })
    .await;
    app.register("target@example.com", &["mentee"]).await;
    for _ in 0..3 {
        let r = app
            .post(
                "/api/auth/login",
                json!({"email": "target@example.com", "password": "guess guess guess"}),
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let limited = app
        .post(
            "/api/auth/login",
            json!({"email": "target@example.com", "password": "correct horse battery"}),
            None,
        )
        .await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.error_code(), "rate_limited");
    let retry: u64 = limited.header("retry-after").expect("Retry-After").parse().unwrap();
    assert!((1..=900).contains(&retry));
    // Other accounts are not locked out by someone guessing this one.
    app.register("other@example.com", &["mentee"]).await;
    let other = app
        .post(
            "/api/auth/login",
            json!({"email": "other@example.com", "password": "correct horse battery"}),
            None,
        )
        .await;
    assert_eq!(other.status, StatusCode::OK);
}

#[tokio::test]
async fn update_me_changes_name_and_zone_and_refuses_bad_values() {
    let app = TestApp::spawn().await;
    let (token, _) = app.register("tz@example.com", &["mentee"]).await;
    let ok = app
        .put(
            "/api/me",
            json!({"name": "New Name", "timezone": "America/New_York"}),
            Some(&token),
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(ok.json()["name"], "New Name");
    assert_eq!(ok.json()["timezone"], "America/New_York");

    let bad = app
        .put("/api/me", json!({"name": "", "timezone": "Nowhere/Land"}), Some(&token))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.json()["error"]["fields"]["timezone"].is_string());
    assert!(bad.json()["error"]["fields"]["name"].is_string());
    let me = app.get("/api/me", Some(&token)).await.json();
    assert_eq!(
        (me["name"].as_str(), me["timezone"].as_str()),
        (Some("New Name"), Some("America/New_York"))
    );

    let only_zone = app
        .put("/api/me", json!({"timezone": "Asia/Kolkata"}), Some(&token))
        .await;
    assert_eq!(only_zone.json()["name"], "New Name");
    assert_eq!(
        app.put("/api/me", json!({"name": "X"}), None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn hashes_with_older_parameters_are_replaced_at_sign_in() {
    use argon2::PasswordHasher;
    let app = TestApp::spawn().await;
    app.register("old@example.com", &["mentee"]).await;
    let older = argon2::Argon2::default()
        .hash_password(b"correct horse battery")
        .unwrap()
        .to_string();
    assert!(older.contains("m=19456,t=2"));
    app.execute_sql(&format!(
        "UPDATE users SET password_hash = '{older}' WHERE email = 'old@example.com'"
    ))
    .await;
    let login = serde_json::json!({"email": "old@example.com", "password": "correct horse battery"});
    assert_eq!(
        app.post("/api/auth/login", login.clone(), None).await.status,
        StatusCode::OK
    );
    let stored = stored_hash(&app, "old@example.com").await;
    assert!(stored.starts_with("$argon2id$v=19$m=7168,t=5,p=1$"), "{stored}");
    assert_eq!(
        app.post("/api/auth/login", login, None).await.status,
        StatusCode::OK,
        "the new hash verifies"
    );
    let wrong = serde_json::json!({"email": "old@example.com", "password": "wrong horse battery"});
    assert_eq!(
        app.post("/api/auth/login", wrong, None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

async fn stored_hash(app: &TestApp, email: &str) -> String {
    use sqlx::Connection;
    let sql = format!("SELECT password_hash FROM users WHERE email = '{email}'");
    let url = &app.state.config.database_url;
    if url.starts_with("postgres") {
        let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
        sqlx::query_scalar(&sql).fetch_one(&mut conn).await.unwrap()
    } else {
        let mut conn = sqlx::SqliteConnection::connect(url).await.unwrap();
        sqlx::query_scalar(&sql).fetch_one(&mut conn).await.unwrap()
    }
}
