//! Every write the server acknowledged is still there after `kill -9`: many
//! people send chat messages and mentorship requests, the process is killed
//! mid-stream, restarted on the same database, and every acknowledged id is
//! found (both databases).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::http::{Method, StatusCode};
use chrono::{Duration, Utc};
use mentorhub_server::services::accounts::tokens::hash_token;
use mentorhub_store::{NewUser, Store, TokenKind};
use serde_json::json;
use uuid::Uuid;

use super::{Http, Server};
use crate::harness::TestDb;

const MENTORS: usize = 5;
const MENTEES: usize = 30;
const MESSAGES_EACH: usize = 15;

/// People made straight in the store, each with an API token.
async fn people(store: &Store, count: usize, mentor: bool) -> Vec<(Uuid, String)> {
    let now = Utc::now();
    let mut out = Vec::new();
    for i in 0..count {
        let id = Uuid::new_v4();
        let email = format!("{}{i}@example.com", if mentor { "mentor" } else { "mentee" });
        let user = NewUser {
            id,
            email: email.clone(),
            email_normalized: email,
            password_hash: "not used: these people hold tokens".into(),
            name: format!("Person {i}"),
            is_mentee: !mentor,
            is_mentor: mentor,
            is_admin: false,
            timezone: "UTC".into(),
            now,
        };
        store.create_user(&user).await.expect("user");
        let token = format!("durability-token-{id}");
        store
            .insert_token(&hash_token(&token), id, TokenKind::Api, now, now + Duration::days(1))
            .await
            .expect("token");
        out.push((id, token));
    }
    out
}

async fn ids_in(url: &str, table: &str) -> Vec<Uuid> {
    use sqlx::Connection;
    let sql = format!("SELECT id FROM {table}");
    if url.starts_with("postgres") {
        let mut conn = sqlx::PgConnection::connect(url).await.expect("connect");
        sqlx::query_scalar(&sql).fetch_all(&mut conn).await.expect("ids")
    } else {
        let mut conn = sqlx::SqliteConnection::connect(url).await.expect("connect");
        sqlx::query_scalar(&sql).fetch_all(&mut conn).await.expect("ids")
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_kill_9() {
    let (_db, url) = TestDb::create().await;
    let store = Store::connect(&url).await.expect("connect");
    store.migrate().await.expect("migrate");
    let mentors = people(&store, MENTORS, true).await;
    let mentees = people(&store, MENTEES, false).await;
    store.close().await;

    let server = Server::start(&url, &[]).await;
    let http = Http::new(&server.base);
    for (_, token) in &mentors {
        let profile = json!({"headline": "Mentor", "bio": "I help.", "company": "Acme", "jobTitle": "Engineer",
            "expertise": ["Rust"], "specializations": ["Career growth"], "yearsExperience": 5,
            "languages": ["English"], "acceptingMentees": true, "maxMentees": 50});
        let (status, body) = http
            .call(Method::PUT, "/api/me/mentor-profile", Some(token), Some(&profile))
            .await
            .unwrap();
        assert_eq!(status, StatusCode::OK, "{body}");
    }

    let acked_messages = Arc::new(Mutex::new(Vec::<Uuid>::new()));
    let acked_requests = Arc::new(Mutex::new(Vec::<Uuid>::new()));
    let acked = Arc::new(AtomicUsize::new(0));
    let failed = Arc::new(AtomicUsize::new(0));
    let mut writers = Vec::new();
    for (n, (_, token)) in mentees.iter().enumerate() {
        let (http, token) = (http.clone(), token.clone());
        let mentor_ids: Vec<Uuid> = mentors.iter().map(|(id, _)| *id).collect();
        let (messages, requests) = (acked_messages.clone(), acked_requests.clone());
        let (acked, failed) = (acked.clone(), failed.clone());
        writers.push(tokio::spawn(async move {
            for i in 0..MESSAGES_EACH {
                let mentor = mentor_ids[(n + i) % MENTORS];
                let (path, body) = if i % 3 == 1 && i / 3 < MENTORS {
                    let target = mentor_ids[(n + i / 3) % MENTORS];
                    (
                        "/api/mentorship",
                        json!({"mentorId": target, "message": format!("Request {n}-{i} for your help")}),
                    )
                } else {
                    (
                        "/api/chat",
                        json!({"recipientId": mentor, "body": format!("message {n}-{i}")}),
                    )
                };
                match http.call(Method::POST, path, Some(&token), Some(&body)).await {
                    Ok((StatusCode::CREATED, value)) => {
                        let id: Uuid = value["id"].as_str().and_then(|s| s.parse().ok()).expect("an id");
                        let list = if path == "/api/chat" { &messages } else { &requests };
                        list.lock().unwrap().push(id);
                        acked.fetch_add(1, Ordering::SeqCst);
                    }
                    Ok((status, value)) => panic!("{path}: {status} {value}"),
                    Err(_) => {
                        // The server is gone: this write was never acknowledged.
                        failed.fetch_add(1, Ordering::SeqCst);
                        return;
                    }
                }
            }
        }));
    }
    // Kill the server in the middle of the stream.
    let total = MENTEES * MESSAGES_EACH;
    while acked.load(Ordering::SeqCst) < total / 3 {
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    server.kill9().await;
    for writer in writers {
        writer.await.expect("writer");
    }
    let acked_total = acked.load(Ordering::SeqCst);
    assert!(acked_total >= total / 3, "writes were acknowledged before the kill");
    assert!(
        failed.load(Ordering::SeqCst) > 0 && acked_total < total,
        "the kill came mid-stream ({acked_total} of {total} acknowledged)"
    );

    // Restart on the same database: every acknowledged write is there.
    let restarted = Server::start(&url, &[]).await;
    let stored_messages = ids_in(&url, "messages").await;
    let stored_requests = ids_in(&url, "mentorships").await;
    let messages = acked_messages.lock().unwrap().clone();
    let requests = acked_requests.lock().unwrap().clone();
    assert!(!messages.is_empty() && !requests.is_empty());
    for id in &messages {
        assert!(stored_messages.contains(id), "acknowledged message {id} was lost");
    }
    for id in &requests {
        assert!(
            stored_requests.contains(id),
            "acknowledged mentorship request {id} was lost"
        );
    }
    // And the restarted server serves them.
    let http = Http::new(&restarted.base);
    let (status, list) = http
        .call(Method::GET, "/api/chat", Some(&mentors[0].1), None)
        .await
        .unwrap();
    assert_eq!(status, StatusCode::OK);
    assert!(!list["items"].as_array().unwrap().is_empty());
    restarted.kill9().await;
}
