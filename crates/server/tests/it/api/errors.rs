use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use serde_json::json;

use crate::harness::TestApp;

#[tokio::test]
async fn malformed_json_and_wrong_types_are_400_in_the_contract_format() {
    let app = TestApp::spawn().await;
    let malformed = app
        .send(
            Request::post("/api/auth/register")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from("{\"email\":"))
                .unwrap(),
        )
        .await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    assert_eq!(malformed.error_code(), "malformed_json");
    assert!(malformed.json()["error"]["message"].is_string());
    assert!(malformed.json()["error"].get("fields").is_none());

    let wrong_type = app
        .post("/api/auth/register", json!({"email": 42, "roles": "mentee"}), None)
        .await;
    assert_eq!(wrong_type.status, StatusCode::BAD_REQUEST);
    assert_eq!(wrong_type.error_code(), "invalid_body");

    let trailing = app
        .send(Request::post("/api/auth/login").body(Body::from("{} []")).unwrap())
        .await;
    assert_eq!(trailing.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_body_over_one_mebibyte_is_413() {
    let app = TestApp::spawn().await;
    let big = format!("{{\"name\":\"{}\"}}", "x".repeat(1024 * 1024 + 10));
    let response = app
        .send(
            Request::post("/api/auth/register")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(big))
                .unwrap(),
        )
        .await;
    assert_eq!(response.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(response.error_code(), "payload_too_large");
    assert_eq!(app.state.store.count_users().await.unwrap(), 0);
}

#[tokio::test]
async fn unknown_api_routes_and_methods_answer_json() {
    let app = TestApp::spawn().await;
    let missing = app.get("/api/nothing-here", None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.error_code(), "not_found");

    let wrong_method = app.json(Method::DELETE, "/api/mentors", None, None).await;
    assert_eq!(wrong_method.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(wrong_method.error_code(), "method_not_allowed");
}

#[tokio::test]
async fn cookie_authenticated_json_needs_the_csrf_header() {
    let app = TestApp::spawn().await;
    // Sign up through the page to get a browser session cookie.
    let page = app.get("/signup", None).await;
    let csrf = page.cookie("mh_csrf").expect("csrf cookie");
    let form = format!("csrf={csrf}&name=Cookie+User&email=cookie%40example.com&password=correct+horse+battery&role_mentee=on&timezone=UTC");
    let signed_up = app
        .send(crate::harness::form_request(
            Method::POST,
            "/signup",
            &form,
            Some(&format!("mh_csrf={csrf}")),
        ))
        .await;
    assert_eq!(signed_up.status, StatusCode::SEE_OTHER, "{}", signed_up.text());
    let session = signed_up.cookie("mh_session").expect("session cookie");
    let cookie = format!("mh_session={session}; mh_csrf={csrf}");

    // Reading needs no token.
    let me = app
        .send(
            Request::get("/api/me")
                .header(header::COOKIE, &cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(me.status, StatusCode::OK);

    let put = |token: Option<String>| {
        let mut builder = Request::put("/api/me")
            .header(header::COOKIE, &cookie)
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(token) = token {
            builder = builder.header("X-CSRF-Token", token);
        }
        builder
            .body(Body::from(json!({"name": "Changed"}).to_string()))
            .unwrap()
    };
    let refused = app.send(put(None)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let forged = app.send(put(Some(csrf.clone()))).await;
    assert_eq!(
        forged.status,
        StatusCode::FORBIDDEN,
        "the pre-sign-in token no longer counts"
    );
    // The page tells its scripts the right token.
    let dashboard = app
        .send(
            Request::get("/dashboard")
                .header(header::COOKIE, &cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    let html = dashboard.text();
    let token = html
        .split("name=\"csrf-token\" content=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let accepted = app.send(put(Some(token))).await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.text());
    assert_eq!(accepted.json()["name"], "Changed");
}

#[tokio::test]
async fn a_malformed_id_in_any_path_is_a_404_in_the_contract_format() {
    let app = TestApp::spawn().await;
    let (token, _) = app.register("ida@example.com", &["mentee", "mentor"]).await;
    let gets = [
        "/api/mentors/not-a-uuid",
        "/api/mentors/not-a-uuid/slots",
        "/api/mentorship/not-a-uuid",
        "/api/mentorship/sessions/not-a-uuid",
        "/api/mentorship/sessions/not-a-uuid/ics",
        "/api/mini/requests/not-a-uuid",
        "/api/chat/not-a-uuid/messages",
    ];
    for path in gets {
        let response = app.get(path, Some(&token)).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(response.error_code(), "not_found", "{path}");
    }
    let posts = [
        "/api/mentorship/1234/accept",
        "/api/mentorship/sessions/%20/cancel",
        "/api/mini/requests/zzz/claim",
        "/api/mini/sessions/zzz/complete",
        "/api/chat/zzz/read",
        "/api/users/zzz/block",
        "/api/notifications/zzz/read",
    ];
    for path in posts {
        let response = app.post(path, serde_json::json!({}), Some(&token)).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(response.error_code(), "not_found", "{path}");
    }
    // Pages answer an HTML 404 page.
    let page = app
        .send(
            axum::http::Request::get("/mentors/not-a-uuid")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.text().contains("Page not found"));
}
