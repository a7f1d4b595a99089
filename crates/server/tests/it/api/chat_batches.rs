//! Many sends at once, as one statement writes them on PostgreSQL
//! (`services/chat/batches.rs`): every message stored once, each
//! conversation's last message and read markers the latest of the lot,
//! and one notification per message. On SQLite the same sends go one by
//! one, and the answers must be the same.

use axum::http::StatusCode;
use chrono::{Duration, DurationRound, Utc};
use futures_util::future::join_all;
use mentorhub_store::NewMessage;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::harness::TestApp;
use mentorhub_server::services::chat::batches::MessageBatches;

/// Sends per person and conversation: the mentor sends twice this, within
/// the limit of 20 in 10 seconds.
const EACH: usize = 9;

#[tokio::test]
async fn sends_at_once_are_each_stored_once_with_the_latest_markers() {
    let app = TestApp::spawn().await;
    let (mentor, mentor_id) = app.mentor("batch-m@example.com", "Bea Batch", json!({})).await;
    let mut mentees = Vec::new();
    let mut conversations = Vec::new();
    for i in 0..2 {
        let room = open_room(&app, &format!("batch-e{i}@example.com"), &mentor_id).await;
        conversations.push(room.conversation.to_string());
        mentees.push(room.token);
    }
    let notified_before = unread_notifications(&app, &mentor).await;

    // Both mentees and the mentor, in both conversations, all at once.
    let mut sends = Vec::new();
    for n in 0..EACH {
        for (token, conversation) in mentees.iter().zip(&conversations) {
            sends.push((token.clone(), conversation.clone(), format!("from mentee {n}")));
            sends.push((mentor.clone(), conversation.clone(), format!("from mentor {n}")));
        }
    }
    let answers = join_all(sends.iter().map(|(token, conversation, body)| {
        app.post(
            "/api/chat",
            json!({"conversationId": conversation, "body": body}),
            Some(token),
        )
    }))
    .await;
    for answer in &answers {
        assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    }

    for (token, conversation) in mentees.iter().zip(&conversations) {
        let items = app
            .get(&format!("/api/chat/{conversation}/messages?limit=100"), Some(token))
            .await
            .json()["items"]
            .as_array()
            .unwrap()
            .clone();
        assert_eq!(items.len(), 1 + 2 * EACH, "every message, once");
        let mentee_id = items.iter().find(|m| m["body"] == "hello").unwrap()["senderId"].clone();
        let latest = |from_mentee: bool| {
            items
                .iter()
                .filter(|m| (m["senderId"] == mentee_id) == from_mentee)
                .map(|m| m["createdAt"].as_str().unwrap().to_owned())
                .max()
                .unwrap()
        };
        // The mentee has read up to their own latest send.
        let my_latest = latest(true);
        let unread = items
            .iter()
            .filter(|m| m["senderId"] != mentee_id && m["createdAt"].as_str().unwrap() > my_latest.as_str())
            .count();
        let listed = conversation_in(&app, token, conversation).await;
        assert_eq!(listed["unreadCount"], unread, "read marker at the latest send");
        let newest = latest(true).max(latest(false));
        assert_eq!(
            listed["lastMessage"]["createdAt"],
            newest.as_str(),
            "the latest message last"
        );
    }
    assert_eq!(
        unread_notifications(&app, &mentor).await - notified_before,
        (2 * EACH) as i64,
        "one notification per mentee message"
    );
}

/// One batch written straight through the store, with times that tell
/// the messages apart (the test clock stands still): each side's read
/// marker is its own latest send, the conversation's last message the
/// latest of all, whatever the other messages of the batch.
#[tokio::test]
async fn a_batch_leaves_each_conversation_at_its_latest_message() {
    let app = TestApp::spawn().await;
    let (_, mentor_id) = app.mentor("latest-m@example.com", "Lea Latest", json!({})).await;
    let mentor = Uuid::parse_str(&mentor_id).unwrap();
    let mut rooms = Vec::new();
    for i in 0..2 {
        rooms.push(open_room(&app, &format!("latest-e{i}@example.com"), &mentor_id).await);
    }
    let start = (Utc::now() + Duration::hours(1))
        .duration_trunc(Duration::seconds(1))
        .unwrap();
    let at = |minutes: i64| start + Duration::minutes(minutes);
    let write = |conversation: Uuid, sender: Uuid, minutes: i64| NewMessage {
        id: Uuid::new_v4(),
        conversation_id: conversation,
        sender_id: sender,
        body: format!("at {minutes}"),
        email: None,
        notification: None,
        at: at(minutes),
    };
    let (first, second) = (&rooms[0], &rooms[1]);
    // In the first room the mentee's latest send comes before the
    // mentor's last two; the second room's one message is the newest.
    let (a, b) = (first.conversation, second.conversation);
    let batch = [
        write(a, first.mentee, 1),
        write(a, mentor, 2),
        write(a, first.mentee, 3),
        write(b, mentor, 4),
        write(a, mentor, 5),
        write(a, mentor, 6),
        write(b, second.mentee, 7),
    ];
    app.state.store.add_messages(&batch.each_ref()).await.expect("batch");

    let room = app.state.store.conversation(a).await.unwrap().unwrap();
    let marker = |user: Uuid| {
        if room.user_a == user {
            room.a_read_at
        } else {
            room.b_read_at
        }
    };
    assert_eq!(
        marker(first.mentee),
        Some(at(3)),
        "the mentee read up to their own latest"
    );
    assert_eq!(marker(mentor), Some(at(6)), "the mentor up to theirs");
    let listed = conversation_in(&app, &first.token, &a.to_string()).await;
    assert_eq!(listed["lastMessage"]["body"], "at 6", "the latest message last");
    assert_eq!(listed["unreadCount"], 2, "the mentor's two after the mentee's latest");
    let inbox = app.get("/api/chat", Some(&second.token)).await.json();
    assert_eq!(inbox["items"][0]["lastMessage"]["body"], "at 7");
}

/// A send that cannot be written (here: to no conversation) fails alone:
/// on PostgreSQL its batch is written again one message at a time.
#[tokio::test]
async fn a_failing_send_does_not_fail_the_others_written_with_it() {
    let app = TestApp::spawn().await;
    let (_, mentor_id) = app.mentor("alone-m@example.com", "Al Alone", json!({})).await;
    let room = open_room(&app, "alone-e@example.com", &mentor_id).await;
    let (token, conversation, sender) = (room.token, room.conversation, room.mentee);
    let message = |conversation_id: Uuid, body: &str| NewMessage {
        id: Uuid::new_v4(),
        conversation_id,
        sender_id: sender,
        body: body.into(),
        email: None,
        notification: None,
        at: Utc::now(),
    };
    let batches = MessageBatches::default();
    let store = &app.state.store;
    // Queued together before the writer runs, so PostgreSQL gets one batch.
    let results = join_all([
        batches.write(store, message(conversation, "one")),
        batches.write(store, message(Uuid::new_v4(), "nowhere")),
        batches.write(store, message(conversation, "two")),
    ])
    .await;
    assert!(results[0].is_ok() && results[2].is_ok(), "{results:?}");
    assert!(results[1].is_err(), "no such conversation");
    let items = app
        .get(&format!("/api/chat/{conversation}/messages"), Some(&token))
        .await
        .json()["items"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(items, 3, "hello, one and two");
}

/// A mentee and their conversation with the mentor, opened by a first
/// message through the API.
struct Room {
    token: String,
    mentee: Uuid,
    conversation: Uuid,
}

async fn open_room(app: &TestApp, email: &str, mentor_id: &str) -> Room {
    let (token, user) = app.register(email, &["mentee"]).await;
    let first = app
        .post(
            "/api/chat",
            json!({"recipientId": mentor_id, "body": "hello"}),
            Some(&token),
        )
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    let id = first.json()["conversationId"].as_str().unwrap().to_owned();
    Room {
        token,
        mentee: Uuid::parse_str(user["id"].as_str().unwrap()).unwrap(),
        conversation: Uuid::parse_str(&id).unwrap(),
    }
}

async fn conversation_in(app: &TestApp, token: &str, id: &str) -> Value {
    let list = app.get("/api/chat", Some(token)).await.json();
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .expect("listed")
        .clone()
}

async fn unread_notifications(app: &TestApp, token: &str) -> i64 {
    app.get("/api/notifications/unread-count", Some(token)).await.json()["count"]
        .as_i64()
        .unwrap()
}
