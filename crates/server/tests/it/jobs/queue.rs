use chrono::{Duration, DurationRound};
use futures_util::future::join;
use mentorhub_server::jobs::kinds::Kind;
use mentorhub_server::jobs::{self, periodic};
use mentorhub_server::services::queue;
use mentorhub_store::{JobStatus, NewJob};
use serde_json::json;

use crate::harness::TestApp;

fn job(kind: &str, key: Option<&str>, app: &TestApp) -> NewJob {
    NewJob {
        kind: kind.into(),
        payload: "{}".into(),
        dedup_key: key.map(str::to_owned),
        run_at: app.now(),
    }
}

#[tokio::test]
async fn a_dedup_key_makes_enqueueing_idempotent() {
    let app = TestApp::spawn().await;
    assert!(queue::enqueue(&app.state, job("cleanup", Some("once"), &app))
        .await
        .unwrap());
    assert!(!queue::enqueue(&app.state, job("cleanup", Some("once"), &app))
        .await
        .unwrap());
    assert!(queue::enqueue(&app.state, job("cleanup", None, &app)).await.unwrap());
    assert_eq!(app.count_rows("jobs").await, 2);
    assert_eq!(jobs::run_due(&app.state).await, 2);
    assert_eq!(jobs::run_due(&app.state).await, 0, "done jobs do not run again");
}

#[tokio::test]
async fn a_failing_job_is_retried_with_backoff_then_kept_as_failed() {
    let app = TestApp::spawn().await;
    queue::enqueue(&app.state, job("no_such_kind", Some("doomed"), &app))
        .await
        .unwrap();
    let mut waits = Vec::new();
    for attempt in 1..=jobs::MAX_ATTEMPTS {
        assert_eq!(jobs::run_due(&app.state).await, 1, "attempt {attempt} runs when due");
        assert_eq!(jobs::run_due(&app.state).await, 0, "not again before its backoff");
        let wait = jobs::backoff(attempt);
        waits.push(wait.as_secs());
        app.advance(Duration::from_std(wait).unwrap() + Duration::seconds(1));
    }
    assert_eq!(waits, vec![30, 60, 120, 240, 480]);
    let failed = app.state.store.jobs_in(JobStatus::Failed, 10).await.unwrap();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].attempts, jobs::MAX_ATTEMPTS);
    assert!(failed[0].last_error.as_deref().unwrap().contains("unknown job kind"));
    assert_eq!(jobs::run_due(&app.state).await, 0, "a failed job stays failed");

    // An admin's retry starts it over.
    assert!(app.state.store.retry_failed_job(failed[0].id, app.now()).await.unwrap());
    assert_eq!(jobs::run_due(&app.state).await, 1);
}

#[tokio::test]
async fn a_job_whose_runner_died_runs_again_after_its_lease() {
    let app = TestApp::spawn().await;
    let (_, user) = app.register("n@example.com", &["mentee"]).await;
    let payload = json!({"userId": user["id"], "kind": "test", "title": "Once", "body": "", "link": null});
    let mut notify = job("notify", Some("lease"), &app);
    notify.payload = payload.to_string();
    queue::enqueue(&app.state, notify).await.unwrap();
    // A runner claims it and dies before finishing.
    let now = app.now();
    let claimed = app
        .state
        .store
        .claim_jobs(now, now + Duration::minutes(5), 10)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    assert_eq!(jobs::run_due(&app.state).await, 0, "leased to the dead runner");
    app.advance(Duration::minutes(6));
    assert_eq!(jobs::run_due(&app.state).await, 1);
    // The dead runner's late word changes nothing.
    assert!(!app.state.store.finish_job(&claimed[0], app.now()).await.unwrap());
    assert_eq!(app.count_rows("notifications").await, 1, "written once");
}

#[tokio::test]
async fn periodic_work_runs_once_per_slot_across_instances() {
    let app = TestApp::spawn().await;
    // Start ten minutes past an hour, so the hourly clean-up is not due
    // within the minute this test moves forward.
    let now = app.now();
    let hour = now.duration_trunc(Duration::hours(1)).unwrap();
    app.advance(hour + Duration::hours(1) + Duration::minutes(10) - now);
    let second = app.second_instance(TestApp::test_limits()).await;
    join(
        periodic::schedule_all(&app.state),
        periodic::schedule_all(&second.state),
    )
    .await;
    let kinds = Kind::PERIODIC.len();
    assert_eq!(
        app.count_rows("jobs").await,
        kinds as i64,
        "one row per periodic kind, however many instances"
    );
    let every_minute = Kind::PERIODIC
        .iter()
        .filter(|k| k.period() == Some(std::time::Duration::from_secs(60)))
        .count();
    app.advance(Duration::seconds(61));
    let (a, b) = join(jobs::run_due(&app.state), jobs::run_due(&second.state)).await;
    assert_eq!(a + b, every_minute, "each minute's work ran once (cleanup is hourly)");
    assert_eq!(
        app.state.store.jobs_in(JobStatus::Done, 10).await.unwrap().len(),
        every_minute
    );
    assert_eq!(
        app.state.store.jobs_in(JobStatus::Pending, 10).await.unwrap().len(),
        kinds,
        "the next minute is scheduled, once"
    );
}

#[tokio::test]
async fn metrics_show_the_queue() {
    let app = TestApp::spawn_configured(TestApp::test_limits(), |c| {
        c.metrics_token = Some("metrics-token-for-tests".into())
    })
    .await;
    queue::enqueue(&app.state, job("no_such_kind", None, &app))
        .await
        .unwrap();
    queue::enqueue(&app.state, job("cleanup", None, &app)).await.unwrap();
    jobs::run_due(&app.state).await;
    let text = app.get("/metrics", Some("metrics-token-for-tests")).await.text();
    assert!(
        text.contains("mentorhub_jobs{kind=\"no_such_kind\",status=\"pending\"} 1"),
        "{text}"
    );
    assert!(
        text.contains("mentorhub_jobs_run_total{kind=\"cleanup\",outcome=\"done\"} 1"),
        "{text}"
    );
    assert!(
        text.contains("mentorhub_jobs_run_total{kind=\"no_such_kind\",outcome=\"error\"} 1"),
        "{text}"
    );
}
