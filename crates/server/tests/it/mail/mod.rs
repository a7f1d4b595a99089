//! Email through a real SMTP server (aiosmtpd): every event's email once,
//! to the right person, with times in their zone and parseable calendar
//! files; reminders under a moved clock; SMTP down and back; unsubscribe
//! and preferences; the admins' outbox.

mod events;
mod groups;
mod preferences;
mod transactions;
mod trust;

use axum::http::{Method, StatusCode};
use mail_parser::MimeHeaders;
use serde_json::json;

use crate::harness::smtp::SmtpSink;
use crate::harness::TestApp;

/// One received email, parsed by an independent MIME parser.
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub ics: Option<String>,
    pub unsubscribe: Option<String>,
    pub unsubscribe_post: Option<String>,
    pub has_message_id: bool,
    pub has_date: bool,
}

pub fn parse(raw: &[u8]) -> Mail {
    let m = mail_parser::MessageParser::default()
        .parse(raw)
        .expect("a MIME message");
    let to = m
        .to()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .unwrap_or_default()
        .to_owned();
    let ics = m
        .attachments()
        .find(|a| a.attachment_name() == Some("invite.ics"))
        .map(|a| String::from_utf8_lossy(a.contents()).into_owned());
    Mail {
        to,
        subject: m.subject().unwrap_or_default().to_owned(),
        text: m.body_text(0).map(|t| t.into_owned()).unwrap_or_default(),
        html: m.body_html(0).map(|t| t.into_owned()).unwrap_or_default(),
        ics,
        unsubscribe: m.header_raw("List-Unsubscribe").map(|v| v.trim().to_owned()),
        unsubscribe_post: m.header_raw("List-Unsubscribe-Post").map(|v| v.trim().to_owned()),
        has_message_id: m.message_id().is_some(),
        has_date: m.date().is_some(),
    }
}

pub fn mails(sink: &SmtpSink) -> Vec<Mail> {
    sink.raw_messages().iter().map(|m| parse(m)).collect()
}

/// An app that mails to `sink`, with links to http://mentorhub.test.
pub async fn app_with(sink: &SmtpSink) -> TestApp {
    let url = sink.url();
    TestApp::spawn_configured(TestApp::test_limits(), move |c| {
        c.smtp_url = Some(url);
        c.base_url = Some("http://mentorhub.test".into());
    })
    .await
}

/// A mentor and a mentee in Tokyo with an accepted mentorship:
/// (mentor token, mentee token, mentorship id).
pub async fn pair(app: &TestApp) -> (String, String, String) {
    let (mentor, mentee, mentorship, _) = app.accepted_pair("mentor@example.com", "mentee@example.com").await;
    let moved = app
        .put("/api/me", json!({"timezone": "Asia/Tokyo"}), Some(&mentee))
        .await;
    assert_eq!(moved.status, StatusCode::OK);
    (mentor, mentee, mentorship)
}

pub async fn run_jobs(app: &TestApp) -> usize {
    mentorhub_server::jobs::run_due(&app.state).await
}

pub async fn post(app: &TestApp, path: &str, token: &str) -> crate::harness::TestResponse {
    app.json(Method::POST, path, None, Some(token)).await
}
