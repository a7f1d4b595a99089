//! Mentor search over 100,000 profiles, on SQLite and on PostgreSQL.
//!
//!     cargo bench -p mentorhub-server --bench search
//!
//! PostgreSQL is used when MENTORHUB_BENCH_DATABASE_URL is set (a fresh
//! schema is created in it and dropped afterwards). Requests go through the
//! real router in-process (all middleware, no network). MENTORHUB_BENCH_MENTORS
//! changes the number of profiles. Results are printed as a Markdown table.

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use mentorhub_domain::{Clock, MentorProfile, SystemClock};
use mentorhub_server::{AppState, Config};
use mentorhub_store::seed::SeedMentor;
use mentorhub_store::{NewUser, Store};
use sqlx::Connection;
use tower::ServiceExt;
use uuid::Uuid;

const FIRST: [&str; 40] = [
    "Amara",
    "Benjamin",
    "Chen",
    "Diego",
    "Elena",
    "Farah",
    "Gabriel",
    "Hana",
    "Ibrahim",
    "Julia",
    "Kwame",
    "Lena",
    "Mateo",
    "Nadia",
    "Oliver",
    "Priya",
    "Quentin",
    "Rosa",
    "Samuel",
    "Tomoko",
    "Usman",
    "Valentina",
    "William",
    "Xin",
    "Yusuf",
    "Zara",
    "Aisha",
    "Bruno",
    "Carmen",
    "Dmitri",
    "Esther",
    "Felix",
    "Grace",
    "Hugo",
    "Ines",
    "Jonas",
    "Keiko",
    "Luca",
    "Maria",
    "Noah",
];
const LAST: [&str; 40] = [
    "Okafor",
    "Schmidt",
    "Wei",
    "Hernandez",
    "Petrova",
    "Haddad",
    "Silva",
    "Kim",
    "Rahman",
    "Novak",
    "Mensah",
    "Fischer",
    "Garcia",
    "Ali",
    "Brown",
    "Sharma",
    "Dubois",
    "Martinez",
    "Cohen",
    "Tanaka",
    "Qureshi",
    "Rossi",
    "Johnson",
    "Liu",
    "Demir",
    "Ahmed",
    "Bello",
    "Costa",
    "Lopez",
    "Ivanov",
    "Levi",
    "Wagner",
    "Achebe",
    "Moreau",
    "Ferreira",
    "Berg",
    "Sato",
    "Romano",
    "Nguyen",
    "Andersen",
];
const COMPANIES: [&str; 30] = [
    "Stripe",
    "Shopify",
    "Spotify",
    "Datadog",
    "GitLab",
    "Cloudflare",
    "Atlassian",
    "Mozilla",
    "Figma",
    "Canva",
    "Zalando",
    "Booking",
    "Klarna",
    "Notion",
    "Twilio",
    "Red Hat",
    "Grafana Labs",
    "Wise",
    "Monzo",
    "Adyen",
    "Elastic",
    "HashiCorp",
    "MongoDB",
    "Snowflake",
    "Databricks",
    "Airbnb",
    "Netflix",
    "Uber",
    "Lyft",
    "Independent",
];
const EXPERTISE: [&str; 40] = [
    "Rust",
    "Go",
    "Python",
    "Java",
    "Kotlin",
    "Swift",
    "TypeScript",
    "React",
    "Vue",
    "CSS",
    "Accessibility",
    "Distributed systems",
    "PostgreSQL",
    "Kubernetes",
    "Terraform",
    "Observability",
    "Linux",
    "Machine learning",
    "Statistics",
    "SQL",
    "Data engineering",
    "Product management",
    "Roadmapping",
    "User research",
    "UX design",
    "Figma",
    "Design systems",
    "Application security",
    "Threat modeling",
    "Cryptography",
    "Engineering management",
    "Hiring",
    "Mobile architecture",
    "Compilers",
    "Embedded systems",
    "Game development",
    "Cloud architecture",
    "DevOps",
    "Technical writing",
    "Open source",
];
const SPECIALIZATIONS: [&str; 10] = [
    "Career growth",
    "Career change",
    "Interview preparation",
    "System design interviews",
    "Résumé review",
    "Portfolio review",
    "Leadership",
    "Promotion to senior",
    "Technical skills",
    "Startups",
];
const ZONES: [&str; 8] = [
    "America/New_York",
    "Europe/Berlin",
    "Asia/Kolkata",
    "Europe/London",
    "America/Los_Angeles",
    "Asia/Tokyo",
    "Africa/Lagos",
    "Australia/Sydney",
];

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
            let name = format!("{} {}", FIRST[rng.next(40)], LAST[rng.next(40)]);
            let company = COMPANIES[rng.next(30)];
            let mut expertise: Vec<String> = Vec::new();
            for _ in 0..(2 + rng.next(4)) {
                let tag = EXPERTISE[rng.next(40)].to_owned();
                if !expertise.contains(&tag) {
                    expertise.push(tag);
                }
            }
            let mut specializations: Vec<String> = Vec::new();
            for _ in 0..(1 + rng.next(3)) {
                let tag = SPECIALIZATIONS[rng.next(10)].to_owned();
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
                    timezone: ZONES[rng.next(8)].into(),
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
    ("name", "/api/mentors?q=maria%20garcia"),
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

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1000.0
}

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
    let router = mentorhub_server::router(AppState::new(store.clone(), Config::for_database(url)));
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
        times.sort();
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
    let path = std::env::temp_dir().join(format!("mentorhub-bench-{}.db", Uuid::new_v4().simple()));
    run("SQLite", &format!("sqlite://{}", path.display()), count, rounds).await;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    if let Ok(url) = std::env::var("MENTORHUB_BENCH_DATABASE_URL") {
        let schema = format!("bench_{}", Uuid::new_v4().simple());
        let mut admin = sqlx::PgConnection::connect(&url).await.expect("PostgreSQL");
        sqlx::query(&format!("CREATE SCHEMA {schema}"))
            .execute(&mut admin)
            .await
            .expect("schema");
        let separator = if url.contains('?') { '&' } else { '?' };
        run(
            "PostgreSQL",
            &format!("{url}{separator}options=-c%20search_path%3D{schema}"),
            count,
            rounds,
        )
        .await;
        sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
            .execute(&mut admin)
            .await
            .expect("drop");
    }
}
