//! Upgrades keep everything: a database built with the migrations of the
//! first release (0001-0005, as commit 41757c6 shipped them) and filled in
//! that schema is migrated to the current one and read back through today's
//! API. Released migrations must never change, or databases in the field
//! would refuse to start: their checksums are pinned here.

use axum::http::{Method, StatusCode};
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use mentorhub_server::services::accounts::password;
use mentorhub_server::services::accounts::tokens::hash_token;
use mentorhub_store::Store;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::harness::{execute_sql_on, TestApp, TestDb};

/// The last migration of the first release.
const RELEASE_1: i64 = 5;

const RELEASED: [(&str, &str); 10] = [
    (
        "sqlite/0001_accounts.sql",
        "e79c88ea49b5ceb86245f08652095e10dc29cf85e16d27a47ffc1992f4edc1f4",
    ),
    (
        "sqlite/0002_mentorships.sql",
        "17b738b765b0a74adf36455897eed483eccecbfc1bf00c174c324b9e8a66f483",
    ),
    (
        "sqlite/0003_sessions.sql",
        "cabd093b4bbb6700784ace37298b19e44b78412211ec90513c01e56053430167",
    ),
    (
        "sqlite/0004_mini.sql",
        "83ac2b397232296624c54217d606d79e0f81ba6d2b4b04c8fded644d9acdd373",
    ),
    (
        "sqlite/0005_chat.sql",
        "d9e8933f4a2fb8719b9100732a837f041d6551ba23e2b086d4d300661e3eae89",
    ),
    (
        "postgres/0001_accounts.sql",
        "e877f1bc6044bc3b85b1e6d969e5a6fc12588ef4a5eaa2f27054d4cb7155c9e7",
    ),
    (
        "postgres/0002_mentorships.sql",
        "f217f9ce8b8def0cbb42b97ef2aaefe2b56182a730a8b77ca597f40151c185ff",
    ),
    (
        "postgres/0003_sessions.sql",
        "300af440149c53606a551f8aae5e1a8e2d05ba202dee492588e5d65e90a8ad3e",
    ),
    (
        "postgres/0004_mini.sql",
        "e9daee0ea116e3b83474c17d7ca577fe15b36a61080487db8bd53c3e1ca0e434",
    ),
    (
        "postgres/0005_chat.sql",
        "10236ee73749ac2bedb2870bc49d3ffb6a6cd3c80a8d560889138d5aa71dbec7",
    ),
];

#[test]
fn released_migrations_never_change() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../store/migrations");
    for (file, pinned) in RELEASED {
        let text = std::fs::read(root.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let digest: String = Sha256::digest(&text).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            digest, pinned,
            "{file} was released and must not change; add a new migration instead"
        );
    }
}

/// Literals in the two dialects of the first release's schema.
struct Dialect {
    postgres: bool,
}

impl Dialect {
    fn id(&self, n: u8) -> String {
        let hex = format!("00000000000040008000{:012x}", n);
        if self.postgres {
            format!(
                "'{}-{}-{}-{}-{}'",
                &hex[..8],
                &hex[8..12],
                &hex[12..16],
                &hex[16..20],
                &hex[20..]
            )
        } else {
            format!("X'{hex}'")
        }
    }

    fn flag(&self, on: bool) -> &'static str {
        match (self.postgres, on) {
            (true, true) => "TRUE",
            (true, false) => "FALSE",
            (false, true) => "1",
            (false, false) => "0",
        }
    }

    fn at(&self, t: DateTime<Utc>) -> String {
        format!("'{}'", t.to_rfc3339_opts(SecondsFormat::AutoSi, false))
    }
}

/// The first release's rows, written as that release wrote them.
fn release_1_rows(d: &Dialect, hash: &str, token_hash: &str, now: DateTime<Utc>) -> Vec<String> {
    let (mentor, mentee, mentorship) = (d.id(1), d.id(2), d.id(3));
    let (past, future) = (d.id(4), d.id(5));
    let (conversation, mini) = (d.id(6), d.id(7));
    let t = |days: i64| d.at(now + Duration::days(days));
    let (yes, no) = (d.flag(true), d.flag(false));
    vec![
        format!("INSERT INTO users (id, email, email_normalized, password_hash, name, is_mentee, is_mentor, is_admin, timezone, created_at, updated_at, interests, goals) VALUES \
            ({mentor}, 'Uma@Example.com', 'uma@example.com', '{hash}', 'Uma Upgrade', {no}, {yes}, {no}, 'Europe/Berlin', {c}, {c}, '[]', ''), \
            ({mentee}, 'ed@example.com', 'ed@example.com', '{hash}', 'Ed Early', {yes}, {no}, {no}, 'Asia/Tokyo', {c}, {c}, '[\"Rust\"]', 'Lead a team')", c = t(-60)),
        format!("INSERT INTO auth_tokens (token_hash, user_id, kind, created_at, expires_at) VALUES ('{token_hash}', {mentee}, 'api', {}, {})", t(-1), t(60)),
        format!("INSERT INTO mentor_profiles (user_id, headline, bio, company, job_title, expertise, specializations, years_experience, languages, accepting_mentees, max_mentees, created_at, updated_at, display_name, active_mentees, rating_sum, rating_count, meeting_url) VALUES \
            ({mentor}, 'Staff engineer who upgrades things', 'Twenty years of migrations.', 'Upgradeco', 'Staff Engineer', '[\"Rust\",\"Databases\"]', '[\"Career growth\"]', 20, '[\"English\",\"German\"]', {yes}, 3, {c}, {c}, 'Uma Upgrade', 1, 5, 1, NULL)", c = t(-59)),
        format!("INSERT INTO mentorships (id, mentor_id, mentee_id, status, message, reject_reason, start_date, end_date, created_at, updated_at) VALUES \
            ({mentorship}, {mentor}, {mentee}, 'accepted', 'Please teach me migrations.', NULL, {s}, NULL, {c}, {s})", c = t(-50), s = t(-49)),
        format!("INSERT INTO sessions (id, mentorship_id, mentor_id, mentee_id, scheduled_at, ends_at, duration, topic, notes, status, meeting_url, cancel_reason, sequence, created_at, updated_at, mini_request_id) VALUES \
            ({past}, {mentorship}, {mentor}, {mentee}, {p}, {pe}, 60, 'First steps', 'We talked about indexes.', 'completed', 'https://meet.example/a', NULL, 1, {c}, {p}, NULL), \
            ({future}, {mentorship}, {mentor}, {mentee}, {f}, {fe}, 45, 'Next steps', NULL, 'scheduled', 'https://meet.example/b', NULL, 0, {c}, {c}, NULL)",
            p = t(-10), pe = d.at(now - Duration::days(10) + Duration::minutes(60)), f = t(10), fe = d.at(now + Duration::days(10) + Duration::minutes(45)), c = t(-20)),
        format!("INSERT INTO session_feedback (session_id, mentee_id, rating, comment, created_at) VALUES ({past}, {mentee}, 5, 'Very clear.', {})", t(-9)),
        format!("INSERT INTO conversations (id, user_a, user_b, a_read_at, b_read_at, last_message_at, created_at) VALUES ({conversation}, {mentor}, {mentee}, {r}, NULL, {l}, {c})", r = t(-3), l = t(-2), c = t(-5)),
        format!("INSERT INTO messages (id, conversation_id, sender_id, body, created_at) VALUES \
            ({}, {conversation}, {mentee}, 'Hello from the first release', {}), ({}, {conversation}, {mentor}, 'Hello back', {})", d.id(8), t(-5), d.id(9), t(-2)),
        format!("INSERT INTO notifications (id, user_id, kind, title, body, link, read_at, created_at) VALUES ({}, {mentee}, 'session_scheduled', 'Session booked', 'Next steps', '/mentorship', NULL, {})", d.id(10), t(-20)),
        format!("INSERT INTO mini_requests (id, mentee_id, title, session_type, description, duration, urgency, urgency_rank, preferred_dates, status, claimed_by, claimed_at, outcome, expires_at, created_at, updated_at) VALUES \
            ({mini}, {mentee}, 'Review my migration plan', 'technical_help', 'I would like a second pair of eyes on a schema change.', 30, 'high', 2, '[\"{pd}\"]', 'open', NULL, NULL, NULL, {e}, {c}, {c})",
            pd = (now + Duration::days(3)).to_rfc3339_opts(SecondsFormat::Secs, true), e = t(5), c = t(-1)),
    ]
}

#[tokio::test]
async fn a_first_release_database_upgrades_and_keeps_everything() {
    let (db, url) = TestDb::create().await;
    let store = Store::connect(&url).await.expect("connect");
    store
        .migrate_up_to(RELEASE_1)
        .await
        .expect("the first release's migrations");
    store.close().await;
    let hash = password::hash_blocking("correct horse battery").expect("hash");
    let token = "upgrade-test-token";
    let d = Dialect {
        postgres: url.starts_with("postgres"),
    };
    let now = Utc::now();
    let rows = release_1_rows(&d, &hash, &hash_token(token), now);
    // Filled behind any app, in the old schema; then today's app starts on it.
    for statement in &rows {
        execute_sql_on(&url, statement).await;
    }
    let app = TestApp::over(db, &url, TestApp::test_limits(), |_| {}).await;

    let me = app.get("/api/me", Some(token)).await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.text());
    assert_eq!(me.json()["timezone"], "Asia/Tokyo");
    let login = app
        .post(
            "/api/auth/login",
            json!({"email": "UMA@example.com", "password": "correct horse battery"}),
            None,
        )
        .await;
    assert_eq!(login.status, StatusCode::OK, "{}", login.text());
    let mentor_token = login.json()["token"].as_str().unwrap().to_owned();

    let found = app.get("/api/mentors?q=upgradeco", Some(token)).await.json();
    assert_eq!(
        found["items"][0]["name"], "Uma Upgrade",
        "the search index survived: {found}"
    );
    assert_eq!(found["items"][0]["rating"]["average"], 5.0);

    let mentorships = app.get("/api/mentorship", Some(token)).await.json();
    assert_eq!(mentorships["items"][0]["status"], "accepted", "{mentorships}");
    let sessions = app.get("/api/mentorship/sessions?scope=all", Some(token)).await.json();
    assert_eq!(sessions["items"].as_array().unwrap().len(), 2, "{sessions}");
    let chat = app.get("/api/chat", Some(token)).await.json();
    let conversation = chat["items"][0]["id"].as_str().unwrap().to_owned();
    let messages = app
        .get(&format!("/api/chat/{conversation}/messages"), Some(token))
        .await
        .json();
    assert_eq!(messages["items"][1]["body"], "Hello from the first release");
    let inbox = app.get("/api/notifications", Some(token)).await.json();
    assert_eq!(inbox["items"][0]["title"], "Session booked");
    let mini = app.get("/api/mini/requests", Some(token)).await.json();
    assert_eq!(mini[0]["status"], "open");
    assert_eq!(mini[0]["title"], "Review my migration plan");

    // And new writes work on the upgraded schema.
    let reply = app
        .post(
            "/api/chat",
            json!({"conversationId": conversation, "body": "Still here after the upgrade"}),
            Some(&mentor_token),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let read = app
        .json(Method::POST, "/api/notifications/read-all", None, Some(token))
        .await;
    assert_eq!(read.status, StatusCode::NO_CONTENT);
}
