//! The stale-request emails: the mentor's two reminders, the mentee's
//! "expired", each once, through the job queue and a real SMTP server.

use chrono::Duration;
use mentorhub_server::services::trust::stale;
use serde_json::json;

use super::{app_with, mails, run_jobs};
use crate::harness::smtp::SmtpSink;

#[tokio::test]
async fn reminders_and_expiry_are_mailed_once_each() {
    let Some(sink) = SmtpSink::start().await else { return };
    let app = app_with(&sink).await;
    let (_, mentor_id) = app.mentor("m@example.com", "Mona Mentor", json!({})).await;
    let (mentee, _) = app.register("e@example.com", &["mentee"]).await;
    app.ask(&mentee, &mentor_id).await;
    run_jobs(&app).await;
    let asked = sink.raw_messages().len();
    for days in [3, 4, 7] {
        app.advance(Duration::days(days) + Duration::minutes(1));
        stale::sweep(&app.state).await.unwrap();
        stale::sweep(&app.state).await.unwrap();
        run_jobs(&app).await;
    }
    let got = mails(&sink);
    let new: Vec<_> = got[asked..]
        .iter()
        .map(|m| (m.to.as_str(), m.subject.as_str()))
        .collect();
    assert_eq!(
        new,
        vec![
            ("m@example.com", "Test Person is waiting for your answer"),
            ("m@example.com", "Test Person is waiting for your answer"),
            ("e@example.com", "Your request to Mona Mentor expired"),
        ],
        "two reminders and the expiry, once each"
    );
    assert!(
        got[asked].text.contains("/mentorship?tab=requests"),
        "{}",
        got[asked].text
    );
}
