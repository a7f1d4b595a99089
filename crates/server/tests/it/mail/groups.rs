//! Group session email over real SMTP: reminders reach the host and the
//! attendees (not the waitlist), a freed seat and a cancellation are told
//! once each.

use chrono::Duration;
use serde_json::json;

use super::{app_with, mails, run_jobs};
use crate::harness::smtp::SmtpSink;

#[tokio::test]
async fn reminders_promotions_and_cancellations_reach_the_right_people() {
    let Some(sink) = SmtpSink::start().await else { return };
    let app = app_with(&sink).await;
    let (host, _) = app.mentor("host@example.com", "Hana Host", json!({})).await;
    let (a, _) = app.register("a@example.com", &["mentee"]).await;
    let (b, _) = app.register("b@example.com", &["mentee"]).await;
    let (c, _) = app.register("c@example.com", &["mentee"]).await;
    let start = (app.now() + Duration::days(3))
        .date_naive()
        .and_hms_opt(9, 0, 0)
        .unwrap()
        .and_utc();
    let g = app
        .post(
            "/api/group-sessions",
            json!({"title": "Mock interview circle", "scheduledAt": start.to_rfc3339(), "duration": 60, "capacity": 2}),
            Some(&host),
        )
        .await
        .json();
    let one = format!("/api/group-sessions/{}", g["id"].as_str().unwrap());
    for t in [&a, &b, &c] {
        app.post(&format!("{one}/join"), json!({}), Some(t)).await;
    }
    run_jobs(&app).await;
    let before = sink.raw_messages().len();

    // b leaves: c, first on the waitlist, takes the seat and hears of it.
    app.post(&format!("{one}/leave"), json!({}), Some(&b)).await;
    run_jobs(&app).await;
    let got = mails(&sink).split_off(before);
    assert_eq!(got.len(), 1, "{:?}", got.iter().map(|m| &m.subject).collect::<Vec<_>>());
    assert_eq!(got[0].to, "c@example.com");
    assert!(got[0].subject.starts_with("A seat freed up"), "{}", got[0].subject);

    // The 24-hour reminder: host and the two attendees, once each.
    app.advance(start - app.now() - Duration::hours(24) + Duration::minutes(1));
    run_jobs(&app).await;
    run_jobs(&app).await;
    let reminders: Vec<_> = mails(&sink)
        .into_iter()
        .filter(|m| m.subject.starts_with("Reminder: Mock interview circle"))
        .collect();
    let mut to: Vec<_> = reminders.iter().map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(to, ["a@example.com", "c@example.com", "host@example.com"]);
    assert!(reminders[0].text.contains("Hana Host"), "{}", reminders[0].text);

    // Cancelled: both attendees are told, with the reason; no more reminders.
    let before = sink.raw_messages().len();
    app.post(
        &format!("{one}/cancel"),
        json!({"reason": "Room unavailable"}),
        Some(&host),
    )
    .await;
    run_jobs(&app).await;
    run_jobs(&app).await;
    let got = mails(&sink).split_off(before);
    let mut to: Vec<_> = got.iter().map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(to, ["a@example.com", "c@example.com"]);
    assert!(got.iter().all(|m| m.text.contains("Room unavailable")));
    app.advance(Duration::hours(23));
    run_jobs(&app).await;
    assert_eq!(sink.raw_messages().len(), before + 2, "the 1-hour reminder never comes");
}
