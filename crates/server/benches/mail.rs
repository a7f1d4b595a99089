//! Mail throughput and job claiming at scale:
//!
//! 1. 10,000 emails due at once (as when many reminders fall due together)
//!    are drained by the job runner into a local SMTP sink (aiosmtpd's Sink
//!    handler from target/test-venv, installed by scripts/test.sh):
//!    mails/s and the time to drain, with one runner and with two.
//! 2. Claiming a batch of due jobs with 0 and with 1,000,000 finished rows
//!    in the table: the partial index keeps it flat.
//!
//!     cargo bench -p mentorhub-server --bench mail
//!
//! MENTORHUB_BENCH_MAILS (default 10000), MENTORHUB_BENCH_FINISHED (default
//! 1000000), MENTORHUB_BENCH_DATABASE_URL for PostgreSQL as well. Loopback only.

use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use mentorhub_domain::SystemClock;
use mentorhub_server::services::limits::Limits;
use mentorhub_server::{jobs, AppState, Config};
use mentorhub_store::{NewJob, NewUser, Store};
use serde_json::json;
use uuid::Uuid;

mod common;
use common::{env, on_each_database, percentile};

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::main]
async fn main() {
    let python = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/test-venv/bin/python");
    assert!(
        python.exists(),
        "run scripts/test.sh once: it installs aiosmtpd into target/test-venv"
    );
    let port = free_port();
    let mut sink = tokio::process::Command::new(&python)
        .args([
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            &format!("127.0.0.1:{port}"),
            "-c",
            "aiosmtpd.handlers.Sink",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("aiosmtpd");
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mails = env("MENTORHUB_BENCH_MAILS", 10_000) as usize;
    let finished = env("MENTORHUB_BENCH_FINISHED", 1_000_000) as usize;
    on_each_database("mail", |label, url| async move {
        let store = Store::connect(&url).await.expect("connect");
        store.migrate().await.expect("migrate");
        let mut config = Config::for_database(&url);
        config.smtp_url = Some(format!("smtp://127.0.0.1:{port}"));
        let state = AppState::with_parts(store.clone(), config, Arc::new(SystemClock), Limits::default());
        let users = people(&store, 100).await;
        for runners in [1usize, 2] {
            enqueue_mails(&store, &users, mails).await;
            let started = Instant::now();
            let handles: Vec<_> = (0..runners)
                .map(|_| {
                    let state = state.clone();
                    tokio::spawn(async move { jobs::run_due(&state).await })
                })
                .collect();
            let mut ran = 0;
            for h in handles {
                ran += h.await.unwrap();
            }
            let secs = started.elapsed().as_secs_f64();
            println!(
                "{label}: {ran} emails drained by {runners} runner(s) in {secs:.1} s = {:.0} mails/s",
                ran as f64 / secs
            );
        }
        println!("{label}: claim latency, {}", claim_latency(&store, "empty table").await);
        fill_finished(&store, finished).await;
        println!(
            "{label}: claim latency, {}",
            claim_latency(&store, &format!("{finished} finished rows")).await
        );
        store.close().await;
    })
    .await;
    let _ = sink.start_kill();
}

async fn people(store: &Store, count: usize) -> Vec<Uuid> {
    let now = Utc::now();
    let mut ids = Vec::new();
    for i in 0..count {
        let id = Uuid::new_v4();
        let email = format!("bench{i}@example.com");
        store
            .create_user(&NewUser {
                id,
                email: email.clone(),
                email_normalized: email,
                password_hash: "unused".into(),
                name: format!("Bench {i}"),
                is_mentee: true,
                is_mentor: false,
                is_admin: false,
                timezone: "Europe/Berlin".into(),
                now,
            })
            .await
            .expect("user");
        ids.push(id);
    }
    ids
}

async fn enqueue_mails(store: &Store, users: &[Uuid], count: usize) {
    let now = Utc::now();
    for i in 0..count {
        let payload = json!({"event": "mini_request_claimed", "userId": users[i % users.len()],
            "title": format!("Mona claimed your request {i}"), "body": "They will pick a time.", "link": "/mini"});
        let job = NewJob {
            kind: "email".into(),
            payload: payload.to_string(),
            dedup_key: Some(format!("bench:{}", Uuid::new_v4())),
            run_at: now,
        };
        store.enqueue(&job, now).await.expect("enqueue");
    }
}

/// p50/p99 of claiming (and finishing) a batch of 20 due jobs, over 50 batches.
async fn claim_latency(store: &Store, what: &str) -> String {
    let now = Utc::now();
    for i in 0..1000 {
        let job = NewJob {
            kind: "cleanup".into(),
            payload: "{}".into(),
            dedup_key: Some(format!("claim:{what}:{i}")),
            run_at: now,
        };
        store.enqueue(&job, now).await.expect("enqueue");
    }
    let mut samples = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        let jobs = store
            .claim_jobs(Utc::now(), Utc::now() + chrono::Duration::minutes(5), 20)
            .await
            .unwrap();
        samples.push(t.elapsed().as_secs_f64() * 1000.0);
        for j in &jobs {
            store.finish_job(j, Utc::now()).await.unwrap();
        }
    }
    samples.sort_by(f64::total_cmp);
    format!(
        "{what}: p50 {:.2} ms, p99 {:.2} ms",
        percentile(&samples, 0.5),
        percentile(&samples, 0.99)
    )
}

/// `count` done jobs, written in bulk.
async fn fill_finished(store: &Store, count: usize) {
    let started = Instant::now();
    let batch = 5000;
    let now = Utc::now();
    let mut written = 0;
    while written < count {
        let n = batch.min(count - written);
        let jobs: Vec<NewJob> = (0..n)
            .map(|i| NewJob {
                kind: "email".into(),
                payload: "{}".into(),
                dedup_key: Some(format!("done:{}", written + i)),
                run_at: now,
            })
            .collect();
        store.seed_finished_jobs(&jobs, now).await.expect("seed");
        written += n;
    }
    println!(
        "  ({count} finished rows written in {:.0} s)",
        started.elapsed().as_secs_f64()
    );
}
