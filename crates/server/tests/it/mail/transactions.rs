//! Email jobs are written in the transaction of the change that causes
//! them: a change that rolls back (a lost race, a broken rule) leaves no
//! job, and each committed change leaves exactly its own.

use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use futures_util::future::join_all;
use mentorhub_store::JobStatus;
use serde_json::json;

use super::pair;
use crate::harness::TestApp;

fn iso(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

async fn email_jobs(app: &TestApp) -> Vec<mentorhub_store::JobRecord> {
    let mut jobs = app.state.store.jobs_in(JobStatus::Pending, 1000).await.unwrap();
    jobs.retain(|j| j.kind == "email");
    jobs
}

#[tokio::test]
async fn of_concurrent_bookings_only_the_winner_leaves_email_jobs() {
    let app = TestApp::spawn().await;
    let (_mentor, mentee, mentorship) = pair(&app).await;
    mentorhub_server::jobs::run_due(&app.state).await;
    let before = email_jobs(&app).await.len();
    let start = app.now() + Duration::days(4);
    let tries = (0..8).map(|i| {
        let body = json!({"mentorshipId": mentorship, "scheduledAt": iso(start + Duration::minutes(i)), "duration": 60, "topic": format!("Try {i}")});
        let token = mentee.clone();
        let app = &app;
        async move { app.post("/api/mentorship/sessions", body, Some(&token)).await }
    });
    let results = join_all(tries).await;
    let won: Vec<_> = results.iter().filter(|r| r.status == StatusCode::CREATED).collect();
    assert_eq!(won.len(), 1, "one booking wins the overlapping slot");
    assert!(results
        .iter()
        .filter(|r| r.status != StatusCode::CREATED)
        .all(|r| r.status == StatusCode::CONFLICT));
    let session = won[0].json()["id"].as_str().unwrap().to_owned();
    let jobs = email_jobs(&app).await;
    // Two booking emails now, and two reminders (24h, 1h) for each person.
    assert_eq!(jobs.len() - before, 6, "only the winner's jobs");
    assert!(jobs
        .iter()
        .all(|j| j.payload.contains(&session) || !j.payload.contains("sessionId")));
}

#[tokio::test]
async fn a_refused_request_leaves_no_email_job() {
    let app = TestApp::spawn().await;
    let (mentee, _) = app.register("e@example.com", &["mentee"]).await;
    let mut mentors = Vec::new();
    for i in 0..6 {
        mentors.push(app.mentor(&format!("m{i}@example.com"), "Mona", json!({})).await.1);
    }
    for mentor in &mentors[..5] {
        assert_eq!(app.ask(&mentee, mentor).await.status, StatusCode::CREATED);
    }
    let before = email_jobs(&app).await.len();
    assert_eq!(before, 5, "one email job per request");
    let refused = app.ask(&mentee, &mentors[5]).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "a sixth pending request");
    assert_eq!(email_jobs(&app).await.len(), before, "no phantom email");
}
