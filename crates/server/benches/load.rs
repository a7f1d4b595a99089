//! The load tool: seeds a database through the store, starts the real
//! `mentorhub` binary on it as a separate process, drives each scenario with
//! 16 concurrent keep-alive clients, and prints req/s, p50, p99, errors, the
//! server's peak RSS and the ratio to `/healthz` measured in the same run.
//!
//!     cargo bench -p mentorhub-server --bench load
//!     MENTORHUB_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test cargo bench -p mentorhub-server --bench load
//!
//! MENTORHUB_LOAD_SECONDS (per scenario, default 5), MENTORHUB_LOAD_CONCURRENCY
//! (default 16), MENTORHUB_LOAD_SIGN_INS (default 1000), MENTORHUB_LOAD_CHAT_SENDERS
//! (default 160; each sends 20 messages, the per-person limit), MENTORHUB_LOAD_ONLY
//! (comma-separated words: only the scenarios named with one of them). Extra environment
//! for the server (e.g. MALLOC_ARENA_MAX, or MENTORHUB_RESPONSE_CACHE=false to
//! measure the reads without kept answers) is passed through. On PostgreSQL
//! it also starts a second instance and Debian's nginx in front of both and
//! measures reads through the proxy.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Method, Request};
use http_body_util::BodyExt;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use mentorhub_domain::{Clock, MentorProfile, SystemClock};
use mentorhub_server::services::accounts::password;
use mentorhub_server::services::accounts::tokens::{hash_token, new_token};
use mentorhub_store::seed::SeedMentor;
use mentorhub_store::{NewUser, Store, TokenKind};
use uuid::Uuid;

mod common;
use common::server::{start, Server};
use common::{env, on_each_database, percentile, status_kib};

// The test suite's nginx runner, shared rather than copied.
#[path = "../tests/it/harness/nginx.rs"]
mod nginx;

const PASSWORD: &str = "load test password 42";

struct Seeded {
    mentor_ids: Vec<Uuid>,
    mentor_tokens: Vec<String>,
    mentee_tokens: Vec<String>,
    sign_in_emails: Vec<String>,
}

fn person(
    email: String,
    mentor: bool,
    password_hash: &str,
    now: chrono::DateTime<chrono::Utc>,
    i: usize,
) -> SeedMentor {
    SeedMentor {
        user: NewUser {
            id: Uuid::new_v4(),
            email: email.clone(),
            email_normalized: email,
            password_hash: password_hash.to_owned(),
            name: format!("Load Person {i}"),
            is_mentee: !mentor,
            is_mentor: mentor,
            is_admin: false,
            timezone: "Europe/Berlin".into(),
            now,
        },
        profile: MentorProfile {
            headline: format!("Staff engineer {i}"),
            bio: "Ten years of distributed systems.".into(),
            company: ["Stripe", "Acme", "Globex"][i % 3].into(),
            job_title: "Staff engineer".into(),
            expertise: vec!["Rust".into(), "Distributed systems".into()],
            specializations: vec!["Career growth".into()],
            years_experience: 5 + (i % 20) as i32,
            languages: vec!["English".into()],
            accepting_mentees: true,
            max_mentees: 50,
        },
        active_mentees: 0,
        rating_sum: 0,
        rating_count: 0,
    }
}

async fn seed(url: &str, mentee_count: usize) -> Seeded {
    let store = Store::connect(url).await.expect("connect");
    store.migrate().await.expect("migrate");
    let now = SystemClock.now();
    let hash = password::hash_blocking(PASSWORD).expect("hash");
    // 50 mentors; mentees are seeded the same way and keep only the user.
    let mentors: Vec<SeedMentor> = (0..50)
        .map(|i| person(format!("mentor{i}@load.example"), true, &hash, now, i))
        .collect();
    let mentees: Vec<SeedMentor> = (0..mentee_count)
        .map(|i| person(format!("mentee{i}@load.example"), false, &hash, now, i))
        .collect();
    store.insert_mentors_bulk(&mentors, now).await.expect("mentors");
    let mut mentee_tokens = Vec::new();
    let mut mentor_tokens = Vec::new();
    for m in &mentees {
        store.create_user(&m.user).await.expect("mentee");
    }
    for (people, tokens) in [(&mentors, &mut mentor_tokens), (&mentees, &mut mentee_tokens)] {
        for p in people.iter() {
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
    }
    Seeded {
        mentor_ids: mentors.iter().map(|m| m.user.id).collect(),
        mentor_tokens,
        mentee_tokens,
        sign_in_emails: mentees.iter().map(|m| m.user.email.clone()).collect(),
    }
}

type Http = Client<hyper_util::client::legacy::connect::HttpConnector, Body>;

/// One request of a scenario; `i` counts requests so far.
type MakeRequest = Arc<dyn Fn(usize, usize) -> Request<Body> + Send + Sync>;

struct Outcome {
    requests: u64,
    errors: u64,
    seconds: f64,
    latencies_ms: Vec<f64>,
    peak_rss_kib: u64,
}

/// Runs `make` from `concurrency` workers until `deadline` passes or
/// `total` requests were sent, sampling the server's memory meanwhile.
async fn drive(
    http: &Http,
    pid: &str,
    concurrency: usize,
    seconds: u64,
    total: Option<u64>,
    make: MakeRequest,
) -> Outcome {
    let sent = Arc::new(AtomicU64::new(0));
    let errors = Arc::new(AtomicU64::new(0));
    let peak = Arc::new(AtomicU64::new(status_kib(pid, "VmRSS:")));
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let sampler = {
        let (peak, done, pid) = (peak.clone(), done.clone(), pid.to_owned());
        tokio::spawn(async move {
            while !done.load(Ordering::Relaxed) {
                peak.fetch_max(status_kib(&pid, "VmRSS:"), Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        })
    };
    let start = Instant::now();
    let deadline = start + Duration::from_secs(seconds);
    let mut workers = Vec::new();
    for worker in 0..concurrency {
        let (http, make, sent, errors) = (http.clone(), make.clone(), sent.clone(), errors.clone());
        workers.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            loop {
                let n = sent.fetch_add(1, Ordering::Relaxed);
                if Instant::now() >= deadline || total.is_some_and(|t| n >= t) {
                    break;
                }
                let began = Instant::now();
                let ok = match http.request(make(worker, n as usize)).await {
                    Ok(response) => {
                        let status = response.status();
                        let _ = response.into_body().collect().await;
                        status.is_success()
                    }
                    Err(_) => false,
                };
                latencies.push(began.elapsed().as_secs_f64() * 1000.0);
                if !ok {
                    errors.fetch_add(1, Ordering::Relaxed);
                }
            }
            latencies
        }));
    }
    let mut latencies_ms = Vec::new();
    for w in workers {
        latencies_ms.extend(w.await.expect("worker"));
    }
    let seconds = start.elapsed().as_secs_f64();
    done.store(true, Ordering::Relaxed);
    let _ = sampler.await;
    latencies_ms.sort_by(|a, b| a.partial_cmp(b).unwrap());
    Outcome {
        requests: latencies_ms.len() as u64,
        errors: errors.load(Ordering::Relaxed),
        seconds,
        latencies_ms,
        peak_rss_kib: peak.load(Ordering::Relaxed),
    }
}

fn get(base: &str, path: &str, token: Option<&str>) -> Request<Body> {
    let mut b = Request::builder().method(Method::GET).uri(format!("{base}{path}"));
    if let Some(t) = token {
        b = b.header("authorization", format!("Bearer {t}"));
    }
    b.body(Body::empty()).unwrap()
}

fn post(base: &str, path: &str, token: Option<&str>, body: serde_json::Value) -> Request<Body> {
    let mut b = Request::builder()
        .method(Method::POST)
        .uri(format!("{base}{path}"))
        .header("content-type", "application/json");
    if let Some(t) = token {
        b = b.header("authorization", format!("Bearer {t}"));
    }
    b.body(Body::from(body.to_string())).unwrap()
}

async fn run(label: &'static str, url: String) {
    let seconds = env("MENTORHUB_LOAD_SECONDS", 5);
    let concurrency = env("MENTORHUB_LOAD_CONCURRENCY", 16) as usize;
    // Each sender may send 20 messages in 10 s: more senders, a longer run.
    let senders = (env("MENTORHUB_LOAD_CHAT_SENDERS", 160) as usize).max(concurrency);
    let sign_ins = env("MENTORHUB_LOAD_SIGN_INS", 1000);
    let seeded = seed(&url, senders).await;
    let server = start(&url).await;
    let pid = server.pid();
    let base = server.base.clone();
    let http: Http = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(64)
        .build_http();
    // Ten accepted mentorships for the first mentee, through the API.
    let mentee = seeded.mentee_tokens[0].clone();
    for (i, mentor) in seeded.mentor_ids.iter().take(10).enumerate() {
        let asked = http
            .request(post(
                &base,
                "/api/mentorship",
                Some(&mentee),
                serde_json::json!({"mentorId": mentor, "message": "Please mentor me on Rust."}),
            ))
            .await
            .expect("ask");
        let body = asked.into_body().collect().await.unwrap().to_bytes();
        let id = serde_json::from_slice::<serde_json::Value>(&body).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let accepted = http
            .request(post(
                &base,
                &format!("/api/mentorship/{id}/accept"),
                Some(&seeded.mentor_tokens[i]),
                serde_json::json!({}),
            ))
            .await
            .expect("accept");
        assert!(accepted.status().is_success(), "accept");
    }
    println!(
        "\n## {label}: {concurrency} concurrent clients, {seconds} s per scenario, {senders} chat senders, server pid {pid}"
    );
    println!("idle RSS {:.1} MiB", status_kib(&pid, "VmRSS:") as f64 / 1024.0);
    println!("| scenario | req/s | p50 ms | p99 ms | errors | peak RSS MiB | of /healthz |");
    println!("|---|---|---|---|---|---|---|");
    let mentor = seeded.mentor_ids[3];
    let scenarios: Vec<(&str, Option<u64>, MakeRequest)> = {
        let b = base.clone();
        let t = mentee.clone();
        let emails = seeded.sign_in_emails.clone();
        let writers = seeded.mentee_tokens.clone();
        let recipients = seeded.mentor_ids.clone();
        vec![
            (
                "healthz",
                None,
                Arc::new({
                    let b = b.clone();
                    move |_, _| get(&b, "/healthz", None)
                }),
            ),
            (
                "list my mentorships",
                None,
                Arc::new({
                    let (b, t) = (b.clone(), t.clone());
                    move |_, _| get(&b, "/api/mentorship", Some(&t))
                }),
            ),
            (
                "dashboard",
                None,
                Arc::new({
                    let (b, t) = (b.clone(), t.clone());
                    move |_, _| get(&b, "/api/dashboard", Some(&t))
                }),
            ),
            (
                "mentor profile",
                None,
                Arc::new({
                    let b = b.clone();
                    move |_, _| get(&b, &format!("/api/mentors/{mentor}"), None)
                }),
            ),
            (
                "search 50 mentors",
                None,
                Arc::new({
                    let b = b.clone();
                    move |_, _| get(&b, "/api/mentors?q=staff%20rust", None)
                }),
            ),
            (
                "sign-in",
                Some(sign_ins),
                Arc::new({
                    let b = b.clone();
                    move |w, _| {
                        post(
                            &b,
                            "/api/auth/login",
                            None,
                            serde_json::json!({"email": emails[w % emails.len()], "password": PASSWORD}),
                        )
                    }
                }),
            ),
            // 20 messages per sender: the per-person send limit (20 in 10 s).
            (
                "chat write",
                Some(20 * senders as u64),
                Arc::new({
                    let b = b.clone();
                    // Request n comes from sender n mod senders: each sends exactly 20.
                    move |_, n| {
                        post(
                            &b,
                            "/api/chat",
                            Some(&writers[n % writers.len()]),
                            serde_json::json!({"recipientId": recipients[n % recipients.len()], "body": format!("load message {n}")}),
                        )
                    }
                }),
            ),
        ]
    };
    let mut ceiling = None;
    // MENTORHUB_LOAD_ONLY=chat,search: only the scenarios whose names contain
    // one of these words (and /healthz, the ceiling), e.g. under a profiler.
    let only = std::env::var("MENTORHUB_LOAD_ONLY").unwrap_or_default();
    let wanted = |name: &str| name == "healthz" || only.is_empty() || only.split(',').any(|w| name.contains(w.trim()));
    for (name, total, make) in scenarios.into_iter().filter(|s| wanted(s.0)) {
        let outcome = drive(
            &http,
            &pid,
            concurrency,
            if total.is_some() { 600 } else { seconds },
            total,
            make,
        )
        .await;
        print_row(name, &outcome, &mut ceiling);
    }
    println!(
        "peak RSS over the whole run (VmHWM) {:.1} MiB",
        status_kib(&pid, "VmHWM:") as f64 / 1024.0
    );
    if url.starts_with("postgres") && wanted("nginx") {
        through_nginx(&http, &url, &server, &mentee, seconds, concurrency).await;
    }
    drop(server);
}

/// One table row; the first row's rate is the ceiling the others compare to.
fn print_row(name: &str, outcome: &Outcome, ceiling: &mut Option<f64>) {
    let rate = outcome.requests as f64 / outcome.seconds;
    let ceiling = *ceiling.get_or_insert(rate);
    println!(
        "| {name} | {rate:.0} | {:.2} | {:.2} | {} | {:.1} | {:.1} % |",
        percentile(&outcome.latencies_ms, 0.5),
        percentile(&outcome.latencies_ms, 0.99),
        outcome.errors,
        outcome.peak_rss_kib as f64 / 1024.0,
        rate / ceiling * 100.0
    );
}

/// A second instance on the same database and nginx in front of both
/// (round robin): the same reads through the proxy.
async fn through_nginx(http: &Http, url: &str, first: &Server, mentee: &str, seconds: u64, concurrency: usize) {
    let second = start(url).await;
    let upstreams: Vec<String> = [&first.base, &second.base]
        .iter()
        .map(|b| b.trim_start_matches("http://").to_owned())
        .collect();
    let Some(proxy) = nginx::Nginx::start(&upstreams).await else {
        return;
    };
    println!("\nthrough nginx, two instances on one database (peak RSS: the first instance)");
    println!("| scenario | req/s | p50 ms | p99 ms | errors | peak RSS MiB | of /healthz |");
    println!("|---|---|---|---|---|---|---|");
    let pid = first.child.id().to_string();
    let mut ceiling = None;
    for (name, path, token) in [
        ("healthz via nginx", "/healthz", None),
        (
            "list my mentorships via nginx",
            "/api/mentorship",
            Some(mentee.to_owned()),
        ),
    ] {
        let base = proxy.base.clone();
        let make: MakeRequest = Arc::new(move |_, _| get(&base, path, token.as_deref()));
        let outcome = drive(http, &pid, concurrency, seconds, None, make).await;
        print_row(name, &outcome, &mut ceiling);
    }
    drop(proxy);
    drop(second);
}

#[tokio::main]
async fn main() {
    on_each_database("load", run).await;
}
