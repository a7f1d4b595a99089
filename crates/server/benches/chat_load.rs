//! Chat load: N WebSocket clients connected, messages sent through the API
//! at a fixed rate, delivery latency measured from "about to send" to "frame
//! received by the recipient".
//!
//!     cargo bench -p mentorhub-server --bench chat_load
//!
//! MENTORHUB_BENCH_CLIENTS (default 1000), MENTORHUB_BENCH_RATE (messages
//! per second, default 100), MENTORHUB_BENCH_SECONDS (default 10), and
//! MENTORHUB_BENCH_DATABASE_URL for PostgreSQL (LISTEN/NOTIFY path) instead
//! of a temporary SQLite file. Everything runs on loopback and stops by itself.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::Request;
use futures_util::StreamExt;
use mentorhub_domain::{Clock, MentorProfile, SystemClock};
use mentorhub_server::services::accounts::tokens::{hash_token, new_token};
use mentorhub_server::{AppState, Application, Config};
use mentorhub_store::seed::SeedMentor;
use mentorhub_store::{NewUser, Store, TokenKind};
use tokio::sync::Mutex;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message as Frame;
use tower::ServiceExt;
use uuid::Uuid;

mod common;
use common::{env, percentile, status_kib};

async fn run(label: &str, url: &str) {
    let clients = env("MENTORHUB_BENCH_CLIENTS", 1000) as usize;
    let rate = env("MENTORHUB_BENCH_RATE", 100);
    let seconds = env("MENTORHUB_BENCH_SECONDS", 10);
    let store = Store::connect(url).await.expect("connect");
    store.migrate().await.expect("migrate");
    let now = SystemClock.now();
    // Recipients are mentors (anyone may write to a mentor); one sender per
    // message per second keeps every sender under the per-user send limit.
    let senders = rate as usize;
    let people: Vec<SeedMentor> = (0..clients + senders)
        .map(|i| {
            let email = format!("load{i}@bench.example");
            SeedMentor {
                user: NewUser {
                    id: Uuid::new_v4(),
                    email: email.clone(),
                    email_normalized: email,
                    password_hash: "unused".into(),
                    name: format!("Load {i}"),
                    is_mentee: true,
                    is_mentor: true,
                    is_admin: false,
                    timezone: "UTC".into(),
                    now,
                },
                profile: MentorProfile {
                    headline: "Load".into(),
                    bio: String::new(),
                    company: String::new(),
                    job_title: String::new(),
                    expertise: vec!["Load".into()],
                    specializations: vec![],
                    years_experience: 1,
                    languages: vec![],
                    accepting_mentees: true,
                    max_mentees: 1,
                },
                active_mentees: 0,
                rating_sum: 0,
                rating_count: 0,
            }
        })
        .collect();
    store.insert_mentors_bulk(&people, now).await.expect("seed");
    let mut tokens = Vec::new();
    for p in &people {
        let token = new_token();
        store
            .insert_token(
                &hash_token(&token),
                p.user.id,
                TokenKind::Api,
                now,
                now + chrono::Duration::days(1),
            )
            .await
            .expect("token");
        tokens.push(token);
    }
    let mut config = Config::for_database(url);
    config.bind = "127.0.0.1:0".parse().unwrap();
    let state = AppState::new(store.clone(), config);
    let app = Application::with_state(state.clone()).await.expect("bind");
    let addr = app.local_addr();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until(async move {
        let _ = stopped.await;
    }));
    let router = mentorhub_server::router(state.clone());
    tokio::time::sleep(Duration::from_millis(300)).await;

    let base = Instant::now();
    let latencies = Arc::new(Mutex::new(Vec::<f64>::new()));
    let before = status_kib("self", "VmRSS:");
    let mut readers = Vec::new();
    for token in tokens.iter().take(clients) {
        let mut request = format!("ws://{addr}/api/ws").into_client_request().unwrap();
        request
            .headers_mut()
            .insert("authorization", format!("Bearer {token}").parse().unwrap());
        let (mut stream, _) = tokio_tungstenite::connect_async(request).await.expect("connect");
        let latencies = latencies.clone();
        readers.push(tokio::spawn(async move {
            while let Some(Ok(frame)) = stream.next().await {
                let Frame::Text(text) = frame else { continue };
                let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
                    continue;
                };
                if value["type"] != "message" {
                    continue;
                }
                if let Some(sent) = value["message"]["body"]
                    .as_str()
                    .and_then(|b| b.strip_prefix("t:"))
                    .and_then(|t| t.parse::<u64>().ok())
                {
                    let micros = base.elapsed().as_micros() as u64 - sent;
                    latencies.lock().await.push(micros as f64 / 1000.0);
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let after = status_kib("self", "VmRSS:");
    let connected = state.hub.connection_count();

    let total = rate * seconds;
    let interval = Duration::from_micros(1_000_000 / rate);
    let mut ticker = tokio::time::interval(interval);
    let mut failures = 0;
    let mut sends = Vec::new();
    for i in 0..total as usize {
        ticker.tick().await;
        let sender = &tokens[clients + i % senders];
        let recipient = people[(i * 7919) % clients].user.id;
        let body = serde_json::json!({"recipientId": recipient, "body": format!("t:{}", base.elapsed().as_micros())});
        let request = Request::post("/api/chat")
            .header("authorization", format!("Bearer {sender}"))
            .header("content-type", "application/json")
            .body(Body::from(body.to_string()))
            .unwrap();
        let router = router.clone();
        sends.push(tokio::spawn(async move {
            router.oneshot(request).await.map(|r| r.status().as_u16()).unwrap_or(0)
        }));
    }
    for s in sends {
        if s.await.unwrap_or(0) != 201 {
            failures += 1;
        }
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mut got = latencies.lock().await.clone();
    got.sort_by(f64::total_cmp);
    println!("\n#### {label}: {connected} connected clients, {rate} messages/s for {seconds} s\n");
    println!("| sent | failed | delivered | p50 ms | p99 ms | max ms | RSS per connection |");
    println!("|---|---|---|---|---|---|---|");
    println!(
        "| {total} | {failures} | {} | {:.2} | {:.2} | {:.2} | {:.1} KiB |",
        got.len(),
        percentile(&got, 0.5),
        percentile(&got, 0.99),
        got.last().copied().unwrap_or(f64::NAN),
        (after.saturating_sub(before)) as f64 / clients.max(1) as f64
    );
    for r in readers {
        r.abort();
    }
    let _ = stop.send(());
    let _ = server.await;
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    common::on_each_database("chat", |label, url| async move { run(label, &url).await }).await;
}
