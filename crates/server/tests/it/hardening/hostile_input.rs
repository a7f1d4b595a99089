//! A table of hostile inputs, each answered with a 4xx in the contract's
//! format, and nothing in the database changes.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use serde_json::json;

use crate::harness::{form_request, TestApp};

/// Rows of the tables people write to; compared before and after.
const TABLES: [&str; 8] = [
    "users",
    "mentor_profiles",
    "mentorships",
    "sessions",
    "messages",
    "mini_requests",
    "notifications",
    "availability",
];

async fn counts(app: &TestApp) -> Vec<i64> {
    let mut out = Vec::new();
    for table in TABLES {
        out.push(app.count_rows(table).await);
    }
    out
}

fn raw(method: Method, uri: &str, body: &str, token: &str) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::from(body.to_owned()))
        .unwrap()
}

#[tokio::test]
async fn hostile_inputs_get_a_4xx_and_change_nothing() {
    let app = TestApp::spawn().await;
    let (mentor, mentee, mentorship, mentor_id) = app.accepted_pair("m@example.com", "e@example.com").await;
    let chat = app
        .post(
            "/api/chat",
            json!({"recipientId": mentor_id, "body": "hello"}),
            Some(&mentee),
        )
        .await;
    assert_eq!(chat.status, StatusCode::CREATED, "{}", chat.text());
    let conversation = chat.json()["conversationId"].as_str().unwrap().to_owned();
    let before = counts(&app).await;

    let deep = format!("{}1{}", "[".repeat(5000), "]".repeat(5000));
    let huge = format!("{{\"body\":\"{}\"}}", "x".repeat(2 * 1024 * 1024));
    let far = "9999-12-31T10:00:00Z";
    let nul_chat = format!(r#"{{"conversationId":"{conversation}","body":"a\u0000b"}}"#);
    let cases: Vec<(&str, Request<Body>)> = vec![
        ("NUL in a search filter", raw(Method::GET, "/api/mentors?company=%00", "", &mentee)),
        ("NUL in a search query", raw(Method::GET, "/api/mentors?q=a%00b", "", &mentee)),
        ("invalid UTF-8 in a query", raw(Method::GET, "/api/mentors?q=%FF%FE", "", &mentee)),
        ("NUL in a path", raw(Method::GET, "/calendar/%00.ics", "", &mentee)),
        ("C1 control in a path", raw(Method::GET, "/api/mentors/%C2%85", "", &mentee)),
        ("NUL in a login email", raw(Method::POST, "/api/auth/login", r#"{"email":"a\u0000@x.io","password":"whatever whatever"}"#, "")),
        ("NUL in a registration", raw(Method::POST, "/api/auth/register", r#"{"email":"n@x.io","password":"correct horse battery","name":"A\u0000B","roles":["mentee"]}"#, "")),
        ("NUL in a chat body", raw(Method::POST, "/api/chat", &nul_chat, &mentee)),
        ("escape-coded form feed in a chat body", raw(Method::POST, "/api/chat", &nul_chat.replace("\\u0000", "\\f"), &mentee)),
        ("NUL in a meeting URL", raw(Method::PUT, "/api/me/availability", r#"{"timezone":"UTC","weekly":[],"meetingUrl":"https://meet.example/a\u0000b"}"#, &mentor)),
        ("NUL in a profile", raw(Method::PUT, "/api/me", r#"{"name":"Mo\u0000na"}"#, &mentor)),
        ("NUL in a tRPC input", raw(Method::GET, "/trpc/miniMentorship.getOpenRequests?input=%7B%22urgency%22%3A%22%5Cu0000%22%7D", "", &mentor)),
        ("NUL in a tRPC body", raw(Method::POST, "/trpc/miniMentorship.createRequest", r#"{"title":"Help\u0000please"}"#, &mentee)),
        ("invalid UTF-8 in a JSON body", Request::builder().method(Method::PUT).uri("/api/me")
            .header(header::AUTHORIZATION, format!("Bearer {mentee}"))
            .body(Body::from(b"{\"name\":\"\xff\xfe\"}".to_vec())).unwrap()),
        ("deeply nested JSON", raw(Method::PUT, "/api/me", &deep, &mentee)),
        ("JSON over 1 MiB", raw(Method::POST, "/api/chat", &huge, &mentee)),
        ("malformed JSON", raw(Method::POST, "/api/chat", "{\"body\":", &mentee)),
        ("wrong JSON types", raw(Method::PUT, "/api/me", r#"{"name":["a"]}"#, &mentee)),
        ("a session in year 9999", raw(Method::POST, "/api/mentorship/sessions",
            &json!({"mentorshipId": mentorship, "scheduledAt": far, "duration": 60, "topic": "Far"}).to_string(), &mentee)),
        ("a mini request in year 9999", raw(Method::POST, "/api/mini/requests", &json!({
            "title": "Far future help", "sessionType": "other", "description": "A request for the far far future.",
            "duration": 30, "urgency": "low", "preferredDates": [far]}).to_string(), &mentee)),
        ("an instant past year 9999", raw(Method::POST, "/api/mentorship/sessions",
            &json!({"mentorshipId": mentorship, "scheduledAt": "+10000-01-01T00:00:00Z", "duration": 60, "topic": "Far"}).to_string(), &mentee)),
        ("slots for a far date", raw(Method::GET, &format!("/api/mentors/{mentor_id}/slots?from=9999-01-01&to=9999-01-03"), "", &mentee)),
        ("an override in year 9999", raw(Method::PUT, "/api/me/availability",
            r#"{"timezone":"UTC","weekly":[],"overrides":[{"date":"9999-12-24","start":null,"end":null}]}"#, &mentor)),
        ("a huge limit", raw(Method::GET, "/api/mentors?limit=100000000000000000000", "", &mentee)),
        ("a negative limit", raw(Method::GET, "/api/notifications?limit=-1", "", &mentee)),
        ("a forged cursor", raw(Method::GET, "/api/mentors?cursor=bm9wZQ", "", &mentee)),
        ("a forged board cursor", raw(Method::GET, "/api/mini/board?cursor=MnwyMDI2fHg", "", &mentor)),
        ("a huge tRPC batch", raw(Method::GET, &format!("/trpc/{}?batch=1", ["miniMentorship.getMyRequests"; 11].join(",")), "", &mentee)),
        ("several tRPC procedures without batch=1", raw(Method::GET, "/trpc/miniMentorship.getMyRequests,miniMentorship.getMyRequests?batch=abc", "", &mentee)),
        ("NUL in a sign-in form", form_request(Method::POST, "/signin", "email=a%00%40x.io&password=x&csrf=x", None)),
    ];
    for (what, request) in cases {
        let response = app.send(request).await;
        assert!(
            response.status.is_client_error(),
            "{what}: {} {}",
            response.status,
            response.text()
        );
        let is_json = response
            .header("content-type")
            .is_some_and(|t| t.starts_with("application/json"));
        if is_json && !what.contains("tRPC") {
            assert!(!response.error_code().is_empty(), "{what}: {}", response.text());
        }
    }
    // FTS syntax is only text: no error, no match, nothing changes.
    for q in [
        "\"unbalanced",
        "a OR b NOT c",
        "NEAR(a b)",
        "x* AND -y",
        "col:value",
        "'); DROP TABLE users; --",
    ] {
        let url = format!("/api/mentors?q={}", urlencode(q));
        let r = app.get(&url, Some(&mentee)).await;
        assert_eq!(r.status, StatusCode::OK, "{q}: {}", r.text());
    }
    assert_eq!(counts(&app).await, before, "hostile input changed stored data");
    let messages = app
        .get(&format!("/api/chat/{conversation}/messages"), Some(&mentee))
        .await
        .json();
    assert_eq!(messages["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn nul_on_pages_gets_an_html_400() {
    let app = TestApp::spawn().await;
    for path in ["/mentorship/find?company=%00", "/calendar/%00.ics"] {
        let r = app.get(path, None).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{path}");
    }
    let page = app.get("/mentorship/find?company=%00", None).await;
    assert!(page.header("content-type").unwrap().starts_with("text/html"));
}

fn urlencode(value: &str) -> String {
    serde_urlencoded::to_string([("v", value)])
        .unwrap()
        .trim_start_matches("v=")
        .to_owned()
}
