use std::time::Duration;

use axum::http::{Method, StatusCode};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message as Frame;

use crate::harness::TestApp;

async fn say(app: &TestApp, token: &str, body: Value) -> crate::harness::TestResponse {
    app.post("/api/chat", body, Some(token)).await
}

#[tokio::test]
async fn anyone_may_write_to_a_mentor_who_may_then_answer() {
    let app = TestApp::spawn().await;
    let (mentor, mentor_id) = app.mentor("m@example.com", "Mona Mentor", json!({})).await;
    let (mentee, mentee_user) = app.register("e@example.com", &["mentee"]).await;
    let mentee_id = mentee_user["id"].as_str().unwrap();

    // A mentor cannot start a conversation with a stranger who is no mentor.
    let cold = say(&app, &mentor, json!({"recipientId": mentee_id, "body": "Hello!"})).await;
    assert_eq!(cold.status, StatusCode::FORBIDDEN);

    let first = say(
        &app,
        &mentee,
        json!({"recipientId": mentor_id, "body": "<script>alert(1)</script> Hi Mona"}),
    )
    .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    let m = first.json();
    assert_eq!(m["body"], "<script>alert(1)</script> Hi Mona", "stored as written");
    let conversation = m["conversationId"].as_str().unwrap().to_owned();

    let reply = say(
        &app,
        &mentor,
        json!({"conversationId": conversation, "body": "Hi! How can I help?"}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED);

    let list = app.get("/api/chat", Some(&mentee)).await.json();
    assert_eq!(list["items"][0]["id"], conversation.as_str());
    assert_eq!(list["items"][0]["lastMessage"]["body"], "Hi! How can I help?");
    assert_eq!(list["items"][0]["unreadCount"], 1);
    let names: Vec<&str> = list["items"][0]["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Mona Mentor"));

    let history = app
        .get(&format!("/api/chat/{conversation}/messages?limit=1"), Some(&mentee))
        .await
        .json();
    assert_eq!(history["items"][0]["body"], "Hi! How can I help?", "newest first");
    let older = app
        .get(
            &format!(
                "/api/chat/{conversation}/messages?limit=1&cursor={}",
                history["nextCursor"].as_str().unwrap()
            ),
            Some(&mentee),
        )
        .await
        .json();
    assert_eq!(older["items"][0]["body"], "<script>alert(1)</script> Hi Mona");
    assert!(older["nextCursor"].is_null());

    assert_eq!(
        app.json(
            Method::POST,
            &format!("/api/chat/{conversation}/read"),
            None,
            Some(&mentee)
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get("/api/chat", Some(&mentee)).await.json()["items"][0]["unreadCount"],
        0
    );
    let inbox = app.get("/api/notifications", Some(&mentor)).await.json();
    assert_eq!(inbox["items"][0]["kind"], "chat_message");
}

#[tokio::test]
async fn only_participants_read_and_rules_are_enforced() {
    let app = TestApp::spawn().await;
    let (_, mentor_id) = app.mentor("m@example.com", "Mona", json!({})).await;
    let (mentee, _) = app.register("e@example.com", &["mentee"]).await;
    let (stranger, stranger_user) = app.register("s@example.com", &["mentee"]).await;
    let conversation = say(&app, &mentee, json!({"recipientId": mentor_id, "body": "Hi"}))
        .await
        .json()["conversationId"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        app.get(&format!("/api/chat/{conversation}/messages"), Some(&stranger))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        say(
            &app,
            &stranger,
            json!({"conversationId": conversation, "body": "let me in"})
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.json(
            Method::POST,
            &format!("/api/chat/{conversation}/read"),
            None,
            Some(&stranger)
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.get("/api/chat", None).await.status, StatusCode::UNAUTHORIZED);
    // Two mentees cannot start a conversation.
    let stranger_id = stranger_user["id"].as_str().unwrap();
    assert_eq!(
        say(&app, &mentee, json!({"recipientId": stranger_id, "body": "hi"}))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // Bodies: 1..4000 characters.
    assert_eq!(
        say(&app, &mentee, json!({"recipientId": mentor_id, "body": "   "}))
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        say(
            &app,
            &mentee,
            json!({"recipientId": mentor_id, "body": "x".repeat(4001)})
        )
        .await
        .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        say(
            &app,
            &mentee,
            json!({"recipientId": mentor_id, "body": "x".repeat(4000)})
        )
        .await
        .status,
        StatusCode::CREATED
    );
    assert_eq!(
        say(
            &app,
            &mentee,
            json!({"recipientId": "00000000-0000-0000-0000-000000000000", "body": "hi"})
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        say(&app, &mentee, json!({"body": "hi"})).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

#[tokio::test]
async fn a_mentor_may_write_first_to_a_mentee_they_mentor() {
    let app = TestApp::spawn().await;
    let (mentor, _, _, _) = app.accepted_pair("m@example.com", "e@example.com").await;
    let login = app
        .post(
            "/api/auth/login",
            json!({"email": "e@example.com", "password": "correct horse battery"}),
            None,
        )
        .await;
    let mentee_user = login.json()["user"].clone();
    let ok = say(
        &app,
        &mentor,
        json!({"recipientId": mentee_user["id"], "body": "Looking forward to our first session!"}),
    )
    .await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.text());
}

#[tokio::test]
async fn a_blocked_person_cannot_write_and_bursts_are_limited() {
    let app = TestApp::spawn().await;
    let (mentor, mentor_id) = app.mentor("m@example.com", "Mona", json!({})).await;
    let (mentee, mentee_user) = app.register("e@example.com", &["mentee"]).await;
    let mentee_id = mentee_user["id"].as_str().unwrap();
    assert_eq!(
        say(&app, &mentee, json!({"recipientId": mentor_id, "body": "hi"}))
            .await
            .status,
        StatusCode::CREATED
    );
    assert_eq!(
        app.json(
            Method::POST,
            &format!("/api/users/{mentee_id}/block"),
            None,
            Some(&mentor)
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        say(&app, &mentee, json!({"recipientId": mentor_id, "body": "hello?"}))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.json(
            Method::DELETE,
            &format!("/api/users/{mentee_id}/block"),
            None,
            Some(&mentor)
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    let mut last = StatusCode::CREATED;
    for _ in 0..25 {
        last = say(&app, &mentee, json!({"recipientId": mentor_id, "body": "spam"}))
            .await
            .status;
        if last != StatusCode::CREATED {
            break;
        }
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
}

/// A WebSocket client of a served app, authenticated by bearer token.
pub async fn socket(
    base: &str,
    token: &str,
) -> tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>> {
    let url = format!("{}/api/ws", base.replace("http://", "ws://"));
    let mut request = url.into_client_request().unwrap();
    request
        .headers_mut()
        .insert("authorization", format!("Bearer {token}").parse().unwrap());
    let (stream, _) = tokio_tungstenite::connect_async(request)
        .await
        .expect("websocket connects");
    stream
}

/// The next JSON frame of a given type, within a few seconds.
pub async fn next_of<S>(stream: &mut S, kind: &str) -> Value
where
    S: StreamExt<Item = Result<Frame, tokio_tungstenite::tungstenite::Error>> + Unpin,
{
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    loop {
        let frame = tokio::time::timeout_at(deadline, stream.next())
            .await
            .expect("a frame in time")
            .expect("open")
            .expect("ok");
        if let Frame::Text(text) = frame {
            let value: Value = serde_json::from_str(&text).unwrap();
            if value["type"] == kind {
                return value;
            }
        }
    }
}

#[tokio::test]
async fn messages_and_read_receipts_arrive_over_the_websocket() {
    let app = TestApp::spawn().await;
    let (mentor, mentor_id) = app.mentor("m@example.com", "Mona", json!({})).await;
    let (mentee, _) = app.register("e@example.com", &["mentee"]).await;
    let server = app.serve().await;
    let mut mentor_ws = socket(&server.base, &mentor).await;
    let unauthorized =
        tokio_tungstenite::connect_async(format!("{}/api/ws", server.base.replace("http://", "ws://"))).await;
    assert!(unauthorized.is_err(), "no token, no socket");

    let sent = say(
        &app,
        &mentee,
        json!({"recipientId": mentor_id, "body": "Are you there?"}),
    )
    .await
    .json();
    let frame = next_of(&mut mentor_ws, "message").await;
    assert_eq!(frame["message"]["body"], "Are you there?");
    assert_eq!(frame["message"]["id"], sent["id"]);
    let counts = next_of(&mut mentor_ws, "notification").await;
    assert_eq!(counts["unreadMessages"], 1);

    // While the mentor looks at the conversation, no notification is written.
    let conversation = sent["conversationId"].as_str().unwrap();
    mentor_ws
        .send(Frame::Text(
            json!({"type": "viewing", "conversationId": conversation})
                .to_string()
                .into(),
        ))
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let before = app.get("/api/notifications/unread-count", Some(&mentor)).await.json()["count"]
        .as_i64()
        .unwrap();
    say(
        &app,
        &mentee,
        json!({"conversationId": conversation, "body": "Second one"}),
    )
    .await;
    next_of(&mut mentor_ws, "message").await;
    let after = app.get("/api/notifications/unread-count", Some(&mentor)).await.json()["count"]
        .as_i64()
        .unwrap();
    assert_eq!(after, before, "viewing silences notifications");

    let mut mentee_ws = socket(&server.base, &mentee).await;
    app.json(
        Method::POST,
        &format!("/api/chat/{conversation}/read"),
        None,
        Some(&mentor),
    )
    .await;
    let receipt = next_of(&mut mentee_ws, "read").await;
    assert_eq!(receipt["conversationId"], conversation);
    assert_eq!(receipt["userId"], mentor_id.as_str());
}

/// On PostgreSQL, a message posted to one server process reaches a
/// WebSocket connected to another (LISTEN/NOTIFY). Two Applications share
/// the database but nothing else: each has its own hub.
#[tokio::test]
async fn a_message_crosses_server_instances_on_postgres() {
    let app = TestApp::spawn().await;
    if app.state.store.kind() != mentorhub_store::BackendKind::Postgres {
        // SQLite is one process by design; nothing crosses instances there.
        return;
    }
    let (mentor, mentor_id) = app.mentor("m@example.com", "Mona", json!({})).await;
    let (mentee, _) = app.register("e@example.com", &["mentee"]).await;
    let first = app.serve_separately().await;
    let second = app.serve_separately().await;
    let mut mentor_ws = socket(&first.base, &mentor).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let client = ReqClient::new(&second.base);
    let sent = client
        .post_json(
            "/api/chat",
            &mentee,
            json!({"recipientId": mentor_id, "body": "Through the other door"}),
        )
        .await;
    assert_eq!(sent["body"], "Through the other door");
    let frame = next_of(&mut mentor_ws, "message").await;
    assert_eq!(frame["message"]["id"], sent["id"]);
}

/// A minimal HTTP/1.1 client over TCP for tests that need a real second server.
struct ReqClient {
    addr: String,
}

impl ReqClient {
    fn new(base: &str) -> Self {
        Self {
            addr: base.trim_start_matches("http://").to_owned(),
        }
    }

    async fn post_json(&self, path: &str, token: &str, body: Value) -> Value {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let body = body.to_string();
        let mut stream = tokio::net::TcpStream::connect(&self.addr).await.unwrap();
        let request = format!(
            "POST {path} HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.addr,
            body.len()
        );
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).await.unwrap();
        assert!(response.starts_with("HTTP/1.1 201"), "{response}");
        let json = response.split("\r\n\r\n").nth(1).unwrap();
        serde_json::from_str(json).unwrap()
    }
}
