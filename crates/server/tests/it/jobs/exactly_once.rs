//! Two real server instances on one database and a restart in the middle:
//! every job runs exactly once.

use std::time::Duration;

use chrono::Utc;
use mentorhub_store::{JobStatus, NewJob, Store};
use serde_json::json;

use crate::harness::TestDb;
use crate::process::Server;

const JOBS: usize = 1000;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_job_runs_exactly_once_across_two_instances_and_a_restart() {
    let (_db, url) = TestDb::create().await;
    let store = Store::connect(&url).await.expect("connect");
    store.migrate().await.expect("migrate");
    let fast = [("MENTORHUB_JOB_POLL", "20ms")];
    let a = Server::start_with(&url, &[], &fast).await;
    let b = Server::start_with(&url, &[], &fast).await;

    // Someone to notify, then many notification jobs due now.
    let http = crate::process::Http::new(&a.base);
    let body =
        json!({"email": "n@example.com", "password": "correct horse battery", "name": "Nia", "roles": ["mentee"]});
    let (_, user) = http
        .call(axum::http::Method::POST, "/api/auth/register", None, Some(&body))
        .await
        .unwrap();
    let user_id = user["user"]["id"].as_str().unwrap().to_owned();
    let enqueue = |range: std::ops::Range<usize>| {
        let (store, user_id) = (store.clone(), user_id.clone());
        async move {
            let now = Utc::now();
            for i in range {
                let payload =
                    json!({"userId": user_id, "kind": "test", "title": format!("job {i}"), "body": "", "link": null});
                let job = NewJob {
                    kind: "notify".into(),
                    payload: payload.to_string(),
                    dedup_key: Some(format!("exactly-once:{i}")),
                    run_at: now,
                };
                assert!(store.enqueue(&job, now).await.unwrap());
            }
        }
    };
    // Half the jobs; restart instance a while they drain; the other half
    // arrives while it is down, so both instances work on both sides of the
    // restart.
    enqueue(0..JOBS / 2).await;
    wait_until(&url, JOBS / 20).await;
    a.terminate().await;
    enqueue(JOBS / 2..JOBS).await;
    let a = Server::start_with(&url, &[], &fast).await;
    wait_until(&url, JOBS).await;

    let titles: Vec<String> = titles(&url).await;
    assert_eq!(titles.len(), JOBS, "one notification per job");
    let mut unique = titles.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), JOBS, "none twice");
    // Room for the periodic jobs (expiry, calendar sync) that may also
    // have run once a minute boundary passed during the test.
    let done = store.jobs_in(JobStatus::Done, 2 * JOBS as i64).await.unwrap();
    let notify: Vec<_> = done.iter().filter(|j| j.kind == "notify").collect();
    assert_eq!(notify.len(), JOBS);
    assert!(notify.iter().all(|j| j.attempts == 1), "each claimed once");
    a.kill9().await;
    b.kill9().await;
    store.close().await;
}

async fn titles(url: &str) -> Vec<String> {
    use sqlx::Connection;
    let sql = "SELECT title FROM notifications WHERE kind = 'test'";
    if url.starts_with("postgres") {
        let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
        sqlx::query_scalar(sql).fetch_all(&mut conn).await.unwrap()
    } else {
        let mut conn = sqlx::SqliteConnection::connect(url).await.unwrap();
        sqlx::query_scalar(sql).fetch_all(&mut conn).await.unwrap()
    }
}

/// Waits (at most a minute) until `count` notifications were written.
async fn wait_until(url: &str, count: usize) {
    for _ in 0..600 {
        if titles(url).await.len() >= count {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the jobs did not run: {} of {count}", titles(url).await.len());
}
