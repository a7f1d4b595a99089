//! Chat load: N idle WebSocket clients connected to the real `mentorhub`
//! binary (a separate process, so its memory is the server's alone), then
//! messages sent through `POST /api/chat` at a fixed rate while they stay
//! connected; delivery latency runs from "about to send" to "frame received
//! by the recipient's socket", both ends in this process.
//!
//!     ulimit -n 65536   # each client is one socket here and one there
//!     cargo bench -p mentorhub-server --bench chat_load
//!
//! MENTORHUB_BENCH_CLIENTS (default 10000), MENTORHUB_BENCH_RATE (messages
//! per second, default 100), MENTORHUB_BENCH_SECONDS (default 10), and
//! MENTORHUB_BENCH_DATABASE_URL for PostgreSQL (LISTEN/NOTIFY path) as well
//! as a temporary SQLite file. Everything runs on loopback and stops by itself.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::Request;
use futures_util::StreamExt;
use http_body_util::BodyExt;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use mentorhub_domain::{Clock, MentorProfile, SystemClock};
use mentorhub_server::services::accounts::tokens::{hash_token, new_token};
use mentorhub_store::seed::SeedMentor;
use mentorhub_store::{NewUser, Store, TokenKind};
use tokio::sync::Mutex;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message as Frame;
use uuid::Uuid;

mod common;
use common::server::start;
use common::{env, percentile, status_kib};

/// How many clients connect at once while the crowd builds up.
const CONNECTING_AT_ONCE: usize = 64;

fn person(i: usize, now: chrono::DateTime<chrono::Utc>) -> SeedMentor {
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
}

/// Seeds `count` people (all mentors, so anyone may write to them) with an
/// API token each, through the store.
async fn seed(url: &str, count: usize) -> (Vec<Uuid>, Vec<String>) {
    let store = Store::connect(url).await.expect("connect");
    store.migrate().await.expect("migrate");
    let now = SystemClock.now();
    let people: Vec<SeedMentor> = (0..count).map(|i| person(i, now)).collect();
    for chunk in people.chunks(1000) {
        store.insert_mentors_bulk(chunk, now).await.expect("seed");
    }
    let mut tokens = Vec::new();
    for p in &people {
        let token = new_token();
        let expires = now + chrono::Duration::days(1);
        store
            .insert_token(&hash_token(&token), p.user.id, TokenKind::Api, now, expires)
            .await
            .expect("token");
        tokens.push(token);
    }
    store.close().await;
    (people.iter().map(|p| p.user.id).collect(), tokens)
}

type Latencies = Arc<Mutex<Vec<f64>>>;

/// Opens one socket as `token` and records each message frame's latency
/// (its body carries the send time in µs since `base`).
async fn connect(addr: &str, token: &str, base: Instant, latencies: Latencies) -> tokio::task::JoinHandle<()> {
    let mut request = format!("ws://{addr}/api/ws").into_client_request().unwrap();
    request
        .headers_mut()
        .insert("authorization", format!("Bearer {token}").parse().unwrap());
    let (mut stream, _) = tokio_tungstenite::connect_async(request).await.expect("connect");
    tokio::spawn(async move {
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
    })
}

async fn run(label: &str, url: &str) {
    let clients = env("MENTORHUB_BENCH_CLIENTS", 10_000) as usize;
    let rate = env("MENTORHUB_BENCH_RATE", 100);
    let seconds = env("MENTORHUB_BENCH_SECONDS", 10);
    // One sender per message per second keeps each under the send limit.
    let senders = rate as usize;
    let (ids, tokens) = seed(url, clients + senders).await;
    let server = start(url).await;
    let pid = server.pid();
    let addr = server.base.trim_start_matches("http://").to_owned();
    let http: Client<_, Body> = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(senders)
        .build_http();
    // Warm the server (pools, caches, first allocations) before measuring.
    let warm = http
        .request(
            Request::get(format!("{}/healthz", server.base))
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .expect("healthz");
    assert!(warm.status().is_success());
    tokio::time::sleep(Duration::from_millis(500)).await;

    let base = Instant::now();
    let latencies: Latencies = Arc::default();
    let before = status_kib(&pid, "VmRSS:");
    let began = Instant::now();
    let next = Arc::new(AtomicUsize::new(0));
    let tokens = Arc::new(tokens);
    let mut connectors = Vec::new();
    for _ in 0..CONNECTING_AT_ONCE {
        let (next, tokens, addr, latencies) = (next.clone(), tokens.clone(), addr.clone(), latencies.clone());
        connectors.push(tokio::spawn(async move {
            let mut readers = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= clients {
                    return readers;
                }
                readers.push(connect(&addr, &tokens[i], base, latencies.clone()).await);
            }
        }));
    }
    let mut readers = Vec::new();
    for c in connectors {
        readers.extend(c.await.expect("connector"));
    }
    let connect_seconds = began.elapsed().as_secs_f64();
    tokio::time::sleep(Duration::from_secs(1)).await;
    let after = status_kib(&pid, "VmRSS:");

    let total = rate * seconds;
    let mut ticker = tokio::time::interval(Duration::from_micros(1_000_000 / rate));
    let mut sends = Vec::new();
    for i in 0..total as usize {
        ticker.tick().await;
        let sender = &tokens[clients + i % senders];
        let recipient = ids[(i * 7919) % clients];
        let body = serde_json::json!({"recipientId": recipient, "body": format!("t:{}", base.elapsed().as_micros())});
        let request = Request::post(format!("{}/api/chat", server.base))
            .header("authorization", format!("Bearer {sender}"))
            .header("content-type", "application/json")
            .body(Body::from(body.to_string()))
            .unwrap();
        let http = http.clone();
        sends.push(tokio::spawn(async move {
            match http.request(request).await {
                Ok(r) => {
                    let status = r.status().as_u16();
                    let _ = r.into_body().collect().await;
                    status
                }
                Err(_) => 0,
            }
        }));
    }
    let mut failures = 0;
    for s in sends {
        if s.await.unwrap_or(0) != 201 {
            failures += 1;
        }
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let during = status_kib(&pid, "VmHWM:");
    let mut got = latencies.lock().await.clone();
    got.sort_by(f64::total_cmp);
    let per_socket = after.saturating_sub(before) as f64 / clients.max(1) as f64;
    println!("\n#### {label}: {clients} idle clients (connected in {connect_seconds:.1} s), {rate} messages/s for {seconds} s\n");
    println!("| sent | failed | delivered | p50 ms | p99 ms | max ms | server RSS idle → connected | per socket | server peak |");
    println!("|---|---|---|---|---|---|---|---|---|");
    println!(
        "| {total} | {failures} | {} | {:.2} | {:.2} | {:.2} | {:.1} → {:.1} MiB | {per_socket:.1} KiB | {:.1} MiB |",
        got.len(),
        percentile(&got, 0.5),
        percentile(&got, 0.99),
        got.last().copied().unwrap_or(f64::NAN),
        before as f64 / 1024.0,
        after as f64 / 1024.0,
        during as f64 / 1024.0,
    );
    for r in readers {
        r.abort();
    }
    drop(server);
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    common::on_each_database("chat", |label, url| async move { run(label, &url).await }).await;
}
