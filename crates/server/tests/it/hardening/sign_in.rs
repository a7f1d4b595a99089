//! Sign-in limits bound guessing but let nobody lock a person out; the
//! client is the connection unless it is a trusted proxy; registration and
//! sockets are limited; weak and over-long passwords are refused.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Method, Request, StatusCode};
use chrono::Duration;
use mentorhub_server::services::limits::Limits;
use serde_json::json;

use crate::harness::{TestApp, TestResponse};

const RIGHT: &str = "correct horse battery";

/// A login as it arrives from `peer`, optionally through a proxy header.
async fn login_from(app: &TestApp, peer: &str, forwarded: Option<&str>, email: &str, password: &str) -> TestResponse {
    let mut request = Request::builder()
        .method(Method::POST)
        .uri("/api/auth/login")
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(f) = forwarded {
        request = request.header("x-forwarded-for", f);
    }
    let mut request = request
        .body(Body::from(json!({"email": email, "password": password}).to_string()))
        .unwrap();
    let addr: SocketAddr = format!("{peer}:40000").parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(addr));
    app.send(request).await
}

fn tight() -> Limits {
    Limits {
        failures_per_pair: 3,
        failures_per_client: 6,
        failures_per_email: 5,
        ..TestApp::test_limits()
    }
}

#[tokio::test]
async fn a_stranger_guessing_cannot_lock_the_owner_out() {
    let app = TestApp::spawn_with_limits(tight()).await;
    app.register("target@example.com", &["mentee"]).await;
    // The owner signed in from home before the attack.
    assert_eq!(
        login_from(&app, "198.51.100.7", None, "target@example.com", RIGHT)
            .await
            .status,
        StatusCode::OK
    );

    // An attacker from one address: three guesses, then that address waits.
    for _ in 0..3 {
        let r = login_from(&app, "203.0.113.9", None, "target@example.com", "guess guess guess").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let blocked = login_from(&app, "203.0.113.9", None, "target@example.com", RIGHT).await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(blocked.header("retry-after").is_some());

    // More attackers push the email over its limit: it is under attack now.
    for peer in ["203.0.113.10", "203.0.113.11"] {
        login_from(&app, peer, None, "target@example.com", "guess guess guess").await;
    }
    // The owner at home is not slowed and gets in at once, repeatedly.
    for _ in 0..3 {
        let home = login_from(&app, "198.51.100.7", None, "target@example.com", RIGHT).await;
        assert_eq!(home.status, StatusCode::OK, "{}", home.text());
    }
    // From a new address the owner gets in too; a second try within the
    // slow-down waits a few seconds, never fifteen minutes.
    let cafe = login_from(&app, "192.0.2.44", None, "target@example.com", RIGHT).await;
    assert_eq!(cafe.status, StatusCode::OK, "{}", cafe.text());
    let burst = login_from(&app, "192.0.2.45", None, "target@example.com", "guess guess guess").await;
    assert_eq!(burst.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = burst.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=5).contains(&wait), "{wait}");
    app.advance(Duration::seconds(6));
    let later = login_from(&app, "192.0.2.45", None, "target@example.com", RIGHT).await;
    assert_eq!(later.status, StatusCode::OK);
}

#[tokio::test]
async fn credential_stuffing_from_one_address_waits_but_others_do_not() {
    let app = TestApp::spawn_with_limits(tight()).await;
    app.register("victim@example.com", &["mentee"]).await;
    for i in 0..6 {
        let r = login_from(
            &app,
            "203.0.113.9",
            None,
            &format!("u{i}@example.com"),
            "guess guess guess",
        )
        .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let stuffed = login_from(&app, "203.0.113.9", None, "victim@example.com", RIGHT).await;
    assert_eq!(stuffed.status, StatusCode::TOO_MANY_REQUESTS);
    let other = login_from(&app, "198.51.100.1", None, "victim@example.com", RIGHT).await;
    assert_eq!(other.status, StatusCode::OK);
}

#[tokio::test]
async fn forwarded_for_is_believed_only_from_trusted_proxies() {
    // Per-email slow-down out of the way: this is about who the client is.
    let limits = Limits {
        failures_per_email: 1000,
        ..tight()
    };
    let app = TestApp::spawn_configured(limits, |c| {
        c.trusted_proxies = mentorhub_server::config::parse_proxies("10.0.0.1").unwrap();
    })
    .await;
    app.register("a@example.com", &["mentee"]).await;
    // Behind the proxy: each person is their own client.
    for _ in 0..3 {
        login_from(
            &app,
            "10.0.0.1",
            Some("198.51.100.20"),
            "a@example.com",
            "guess guess guess",
        )
        .await;
    }
    let same = login_from(&app, "10.0.0.1", Some("198.51.100.20"), "a@example.com", RIGHT).await;
    assert_eq!(same.status, StatusCode::TOO_MANY_REQUESTS);
    let neighbour = login_from(&app, "10.0.0.1", Some("198.51.100.21"), "a@example.com", RIGHT).await;
    assert_eq!(neighbour.status, StatusCode::OK, "another person behind the proxy");
    // A client that forges the header for itself gains nothing: its
    // rightmost untrusted address is its own connection.
    for _ in 0..3 {
        login_from(
            &app,
            "203.0.113.5",
            Some("1.1.1.1"),
            "a@example.com",
            "guess guess guess",
        )
        .await;
    }
    let forged = login_from(&app, "203.0.113.5", Some("9.9.9.9"), "a@example.com", RIGHT).await;
    assert_eq!(forged.status, StatusCode::TOO_MANY_REQUESTS);
    // Through the proxy, a forged left part is skipped too.
    for _ in 0..3 {
        login_from(
            &app,
            "10.0.0.1",
            Some("1.2.3.4, 198.51.100.30"),
            "a@example.com",
            "guess guess guess",
        )
        .await;
    }
    let chained = login_from(&app, "10.0.0.1", Some("5.6.7.8, 198.51.100.30"), "a@example.com", RIGHT).await;
    assert_eq!(chained.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn sign_in_limits_hold_across_instances() {
    let app = TestApp::spawn_with_limits(tight()).await;
    app.register("shared@example.com", &["mentee"]).await;
    let second = app.second_instance(tight()).await;
    for instance in [&app, &second, &app] {
        let r = login_from(instance, "203.0.113.9", None, "shared@example.com", "guess guess guess").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let r = login_from(&second, "203.0.113.9", None, "shared@example.com", RIGHT).await;
    assert_eq!(
        r.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the other instance counted the failures"
    );
}

#[tokio::test]
async fn registration_is_limited_per_client() {
    let app = TestApp::spawn_with_limits(Limits {
        registrations_per_client: 2,
        ..TestApp::test_limits()
    })
    .await;
    app.register("one@example.com", &["mentee"]).await;
    app.register("two@example.com", &["mentee"]).await;
    let third = app
        .post(
            "/api/auth/register",
            json!({"email": "three@example.com", "password": RIGHT, "name": "Three", "roles": ["mentee"]}),
            None,
        )
        .await;
    assert_eq!(third.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(third.header("retry-after").is_some());
    assert_eq!(app.count_rows("users").await, 2);
}

#[tokio::test]
async fn weak_and_over_long_passwords_are_refused_with_a_reason() {
    let app = TestApp::spawn().await;
    for weak in ["aaaaaaaaaa", "1234567890", "password12"] {
        let r = app
            .post(
                "/api/auth/register",
                json!({"email": "w@example.com", "password": weak, "name": "Weak", "roles": ["mentee"]}),
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{weak}");
        assert!(r.json()["error"]["fields"]["password"]
            .as_str()
            .unwrap()
            .contains("too easy to guess"));
    }
    let long = app
        .post(
            "/api/auth/register",
            json!({"email": "l@example.com", "password": "x1y2".repeat(33), "name": "Long", "roles": ["mentee"]}),
            None,
        )
        .await;
    assert_eq!(long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(long.json()["error"]["fields"]["password"]
        .as_str()
        .unwrap()
        .contains("128"));
    // The sign-up page shows the reason beside the field and keeps the rest.
    let mut visitor = crate::pages::Visitor::new(&app);
    let fields = "name=Pat&email=p%40example.com&password=password12&role_mentee=on&timezone=UTC";
    let page = visitor.submit("/signup", "/signup", fields).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = page.text();
    assert!(
        html.contains("too easy to guess") && html.contains("p@example.com"),
        "{html}"
    );
    assert_eq!(app.count_rows("users").await, 0);
}

#[tokio::test]
async fn one_user_may_hold_only_so_many_sockets() {
    let app = TestApp::spawn_with_limits(Limits {
        sockets_per_user: 3,
        ..TestApp::test_limits()
    })
    .await;
    let (token, _) = app.register("s@example.com", &["mentee"]).await;
    let (other, _) = app.register("t@example.com", &["mentee"]).await;
    let server = app.serve().await;
    let mut open = Vec::new();
    for _ in 0..3 {
        open.push(crate::api::chat::socket(&server.base, &token).await);
    }
    let refused = try_socket(&server.base, &token).await;
    assert_eq!(refused, Some(429), "a fourth socket is refused");
    assert_eq!(try_socket(&server.base, &other).await, None, "others are not affected");
    drop(open.pop());
    // The closed socket's place frees once the server notices.
    let mut freed = false;
    for _ in 0..50 {
        if try_socket(&server.base, &token).await.is_none() {
            freed = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(freed, "closing a socket frees its place");
}

/// `None` when the socket opens, else the HTTP status it was refused with.
async fn try_socket(base: &str, token: &str) -> Option<u16> {
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let mut request = format!("{}/api/ws", base.replace("http://", "ws://"))
        .into_client_request()
        .unwrap();
    request
        .headers_mut()
        .insert("authorization", format!("Bearer {token}").parse().unwrap());
    match tokio_tungstenite::connect_async(request).await {
        Ok(_) => None,
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => Some(response.status().as_u16()),
        Err(other) => panic!("unexpected socket error: {other}"),
    }
}
