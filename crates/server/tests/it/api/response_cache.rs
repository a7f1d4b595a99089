//! The answers kept for hot reads (`web/response_cache.rs`) never hide a
//! committed write: from the instance that wrote, at once, even while other
//! requests keep the answer warm; from another instance, as soon as
//! PostgreSQL has told it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use mentorhub_store::changes::Table;
use serde_json::{json, Value};
use tower::ServiceExt;

use crate::harness::{mentor_profile, TestApp};

/// GETs `path` through a clone of the router until `stop` is set.
fn keep_reading(router: axum::Router, path: String, stop: Arc<AtomicBool>) -> tokio::task::JoinHandle<u32> {
    tokio::spawn(async move {
        let mut reads = 0;
        while !stop.load(Ordering::Relaxed) {
            let request = Request::get(&path).body(Body::empty()).unwrap();
            let response = router.clone().oneshot(request).await.unwrap();
            assert_eq!(response.status(), StatusCode::OK);
            let _ = response.into_body().collect().await;
            reads += 1;
            tokio::task::yield_now().await;
        }
        reads
    })
}

/// Readers race every write for the same answer; after each write, the
/// writer reads it back, on both databases.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_is_read_back_at_once_while_others_keep_the_answer_warm() {
    let app = TestApp::spawn().await;
    let (token, id) = app.mentor("warm@example.com", "Wanda Warm", json!({})).await;
    let path = format!("/api/mentors/{id}");
    let search = "/api/mentors?q=wanda".to_owned();
    let stop = Arc::new(AtomicBool::new(false));
    let readers: Vec<_> = [&path, &path, &search]
        .into_iter()
        .map(|p| keep_reading(app.router.clone(), p.clone(), stop.clone()))
        .collect();
    for i in 0..40 {
        let headline = format!("Headline number {i}");
        let saved = app
            .put("/api/me/mentor-profile", mentor_profile(&headline), Some(&token))
            .await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.text());
        let shown = app.get(&path, None).await.json();
        assert_eq!(shown["headline"], headline.as_str(), "the profile after write {i}");
        let found = app.get(&search, None).await.json();
        assert_eq!(
            found["items"][0]["headline"],
            headline.as_str(),
            "the search after write {i}"
        );
    }
    stop.store(true, Ordering::Relaxed);
    let mut reads = 0;
    for reader in readers {
        reads += reader.await.expect("a reader");
    }
    assert!(reads > 0, "the readers ran");
}

/// One person's kept answers are theirs alone.
#[tokio::test]
async fn people_get_their_own_mentorships_and_dashboards() {
    let app = TestApp::spawn().await;
    let (_, mentee, _, _) = app.accepted_pair("m@example.com", "e@example.com").await;
    let (other, _) = app.register("other@example.com", &["mentee"]).await;
    for _ in 0..2 {
        let mine = app.get("/api/mentorship", Some(&mentee)).await.json();
        assert_eq!(mine["items"].as_array().unwrap().len(), 1);
        let theirs = app.get("/api/mentorship", Some(&other)).await.json();
        assert_eq!(theirs["items"].as_array().unwrap().len(), 0);
        assert_eq!(
            app.get("/api/dashboard", Some(&mentee)).await.json()["activeMentors"],
            1
        );
        assert_eq!(app.get("/api/dashboard", Some(&other)).await.json()["activeMentors"], 0);
    }
    assert_eq!(
        app.get("/api/mentorship", None).await.status,
        StatusCode::UNAUTHORIZED,
        "no answer without a person"
    );
}

/// A dashboard counts what is still ahead by the clock, not by when it was
/// last read.
#[tokio::test]
async fn a_kept_dashboard_follows_the_clock() {
    let app = TestApp::spawn().await;
    let (_, mentee, mentorship, _) = app.accepted_pair("m@example.com", "e@example.com").await;
    let booked = app.book(&mentee, &mentorship, app.day_at(3, 10), 60).await;
    assert_eq!(booked.status, StatusCode::CREATED, "{}", booked.text());
    let upcoming = |body: Value| body["upcomingSessions"].as_i64().unwrap();
    assert_eq!(upcoming(app.get("/api/dashboard", Some(&mentee)).await.json()), 1);
    app.advance(chrono::Duration::days(4));
    assert_eq!(
        upcoming(app.get("/api/dashboard", Some(&mentee)).await.json()),
        0,
        "the session is over"
    );
}

/// On PostgreSQL, another instance drops its kept answer when this one
/// changes what it was read from (the triggers' NOTIFY), well within the
/// second it would otherwise keep it.
#[tokio::test]
async fn another_instance_hears_of_a_change() {
    let app = TestApp::spawn().await;
    if app.state.store.kind() != mentorhub_store::BackendKind::Postgres {
        // SQLite is one process by design; nothing crosses instances there.
        return;
    }
    let (token, id) = app.mentor("far@example.com", "Farah Far", json!({})).await;
    let other = app.second_instance(TestApp::test_limits()).await;
    let tables = [Table::MentorProfiles];
    let started = other.state.store.changes().version(&tables);
    let listener = tokio::spawn(mentorhub_server::realtime::events::listen_forever(other.state.clone()));
    // Listening begins with "everything may have changed".
    wait_for_change(&other, &tables, started).await;
    let path = format!("/api/mentors/{id}");
    assert_eq!(other.get(&path, None).await.json()["headline"], "Farah Far, mentor");
    let kept = other.state.store.changes().version(&tables);
    let saved = app
        .put("/api/me/mentor-profile", mentor_profile("Moved on"), Some(&token))
        .await;
    assert_eq!(saved.status, StatusCode::OK);
    wait_for_change(&other, &tables, kept).await;
    assert_eq!(other.get(&path, None).await.json()["headline"], "Moved on");
    listener.abort();
}

async fn wait_for_change(app: &TestApp, tables: &[Table], from: u64) {
    tokio::time::timeout(Duration::from_secs(5), async {
        while app.state.store.changes().version(tables) == from {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await
    .expect("the other instance heard of the change");
}

/// With the cache off, answers are read every time.
#[tokio::test]
async fn the_cache_can_be_turned_off() {
    let app = TestApp::spawn_configured(TestApp::test_limits(), |c| c.response_cache = false).await;
    let (_, id) = app.mentor("off@example.com", "Otto Off", json!({})).await;
    assert_eq!(
        app.get(&format!("/api/mentors/{id}"), None).await.status,
        StatusCode::OK
    );
    assert_eq!(app.state.responses.size(), (0, 0));
}

/// Each table `Changes` follows has the trigger that names it to other
/// instances, and no other table has one (a table added to the list without
/// its trigger would be stale elsewhere for the whole second).
#[tokio::test]
async fn every_followed_table_tells_other_instances() {
    use sqlx::Connection;
    let app = TestApp::spawn().await;
    if app.state.store.kind() != mentorhub_store::BackendKind::Postgres {
        return;
    }
    let mut conn = sqlx::PgConnection::connect(&app.state.config.database_url)
        .await
        .expect("connect");
    let mut triggered: Vec<String> = sqlx::query_scalar(
        "SELECT c.relname::TEXT FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid \
         WHERE t.tgname = c.relname || '_changed' AND c.relnamespace = current_schema()::regnamespace",
    )
    .fetch_all(&mut conn)
    .await
    .expect("triggers");
    triggered.sort();
    let mut followed: Vec<String> = Table::ALL.iter().map(|t| t.name().to_owned()).collect();
    followed.sort();
    assert_eq!(triggered, followed);
}
