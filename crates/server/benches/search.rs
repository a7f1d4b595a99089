//! Mentor search over 100,000 profiles, on SQLite and on PostgreSQL.
//!
//!     cargo bench -p mentorhub-server --bench search
//!
//! PostgreSQL is used when MENTORHUB_BENCH_DATABASE_URL is set (a fresh
//! schema is created in it and dropped afterwards). Requests go through the
//! real router in-process (all middleware, no network). MENTORHUB_BENCH_MENTORS
//! changes the number of profiles. Results are printed as a Markdown table.
//! The response cache is off: every request runs the search.

use std::time::Instant;

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use mentorhub_domain::{Clock, MentorProfile, SystemClock};
use mentorhub_server::fixtures::{COMPANIES, EXPERTISE, FIRST_NAMES, LAST_NAMES, SPECIALIZATIONS, ZONES};
use mentorhub_server::{AppState, Config};
use mentorhub_store::seed::SeedMentor;
use mentorhub_store::{NewUser, Store};
use tower::ServiceExt;
use uuid::Uuid;

mod common;
use common::percentile;

/// A deterministic pseudo-random sequence (no dependency needed).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn mentors(count: usize) -> Vec<SeedMentor> {
    let mut rng = Lcg(42);
    let now = SystemClock.now();
    (0..count)
        .map(|i| {
            let name = format!(
                "{} {}",
                FIRST_NAMES[rng.next(FIRST_NAMES.len())],
                LAST_NAMES[rng.next(LAST_NAMES.len())]
            );
            let company = COMPANIES[rng.next(COMPANIES.len())];
            let mut expertise: Vec<String> = Vec::new();
            for _ in 0..(2 + rng.next(4)) {
                let tag = EXPERTISE[rng.next(EXPERTISE.len())].to_owned();
                if !expertise.contains(&tag) {
                    expertise.push(tag);
                }
            }
            let mut specializations: Vec<String> = Vec::new();
            for _ in 0..(1 + rng.next(3)) {
                let tag = SPECIALIZATIONS[rng.next(SPECIALIZATIONS.len())].to_owned();
                if !specializations.contains(&tag) {
                    specializations.push(tag);
                }
            }
            let max = 1 + rng.next(6) as i32;
            let rating_count = rng.next(20) as i32;
            let email = format!("mentor{i}@bench.example");
            SeedMentor {
                user: NewUser {
                    id: Uuid::new_v4(),
                    email: email.clone(),
                    email_normalized: email,
                    password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$bench".into(),
                    name,
                    is_mentee: false,
                    is_mentor: true,
                    is_admin: false,
                    timezone: ZONES[rng.next(ZONES.len())].into(),
                    now,
                },
                profile: MentorProfile {
                    headline: format!("{} engineer at {company}", expertise[0]),
                    bio: "I help engineers grow.".into(),
                    company: company.into(),
                    job_title: "Senior Engineer".into(),
                    expertise,
                    specializations,
                    years_experience: rng.next(35) as i32,
                    languages: vec!["English".into()],
                    accepting_mentees: rng.next(100) < 85,
                    max_mentees: max,
                },
                active_mentees: rng.next(max as usize + 1) as i32,
                rating_sum: rating_count * (3 + rng.next(3) as i32),
                rating_count,
            }
        })
        .collect()
}

const QUERIES: [(&str, &str); 10] = [
    ("one word", "/api/mentors?q=rust"),
    ("two words", "/api/mentors?q=distributed%20systems"),
    ("prefix", "/api/mentors?q=kube"),
    ("company", "/api/mentors?q=stripe"),
    ("name", "/api/mentors?q=priya%20sato"),
    (
        "words + filter",
        "/api/mentors?q=python&specialization=interview%20preparation",
    ),
    ("by rating", "/api/mentors?q=react&sort=rating"),
    ("no query, by experience", "/api/mentors?sort=experience"),
    (
        "all mentors, 2nd page",
        "/api/mentors?q=go&acceptingOnly=false&cursor=bzoyMA",
    ),
    ("no match", "/api/mentors?q=zzzzzz"),
];

async fn run(label: &str, url: &str, count: usize, rounds: usize) {
    let store = Store::connect(url).await.expect("connect");
    store.migrate().await.expect("migrate");
    let started = Instant::now();
    let data = mentors(count);
    store.insert_mentors_bulk(&data, SystemClock.now()).await.expect("seed");
    eprintln!(
        "{label}: loaded {count} mentors in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    // Each query is sent again and again: kept answers (the response cache)
    // would measure themselves, not the search. Every request reads.
    let mut config = Config::for_database(url);
    config.response_cache = false;
    let router = mentorhub_server::router(AppState::new(store.clone(), config));
    println!("\n### {label}, {count} mentors, {rounds} requests per query\n");
    println!("| query | request | results | p50 ms | p95 ms |");
    println!("|---|---|---|---|---|");
    for (name, path) in QUERIES {
        let mut times = Vec::with_capacity(rounds);
        let mut results = 0;
        for round in 0..rounds + 10 {
            let request = Request::get(path).body(Body::empty()).expect("request");
            let t = Instant::now();
            let response = router.clone().oneshot(request).await.expect("response");
            let body = response.into_body().collect().await.expect("body").to_bytes();
            let elapsed = t.elapsed();
            if round >= 10 {
                times.push(elapsed);
            } else {
                let value: serde_json::Value = serde_json::from_slice(&body).expect("json");
                results = value["items"].as_array().map(Vec::len).unwrap_or(0);
            }
        }
        let mut times: Vec<f64> = times.iter().map(|t| t.as_secs_f64() * 1000.0).collect();
        times.sort_by(f64::total_cmp);
        println!(
            "| {name} | `{path}` | {results} | {:.2} | {:.2} |",
            percentile(&times, 0.5),
            percentile(&times, 0.95)
        );
    }
    store.close().await;
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let count: usize = std::env::var("MENTORHUB_BENCH_MENTORS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let rounds = 200;
    common::on_each_database(
        "search",
        |label, url| async move { run(label, &url, count, rounds).await },
    )
    .await;
}
