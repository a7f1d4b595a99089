//! A few emails in the demo's queue: the running demo composes them and,
//! with no SMTP server configured, holds them in the outbox that the demo
//! admin sees at /admin/outbox. Dedup keys keep a second load from adding more.

use chrono::Utc;
use mentorhub_store::{NewJob, Store};
use serde_json::json;

use super::people::{mentor_email, MENTEES};

pub async fn load_emails(store: &Store) -> anyhow::Result<()> {
    let now = Utc::now();
    let Some((mentor, _)) = store.user_credentials(&mentor_email(0)).await? else { return Ok(()) };
    let Some((mentee, _)) = store.user_credentials(MENTEES[0].1).await? else { return Ok(()) };
    let emails = [
        (mentor.id, "mentorship_requested", format!("{} asked you for mentorship", mentee.name), "I would love your help with system design interviews.", "/mentorship?tab=requests"),
        (mentee.id, "mentorship_accepted", format!("{} accepted your request", mentor.name), "", "/mentorship"),
    ];
    for (i, (to, event, title, body, link)) in emails.into_iter().enumerate() {
        let payload = json!({"event": event, "userId": to, "title": title, "body": body, "link": link});
        let job = NewJob {
            kind: "email".into(),
            payload: payload.to_string(),
            dedup_key: Some(format!("demo:email:{i}")),
            run_at: now,
        };
        store.enqueue(&job, now).await?;
    }
    Ok(())
}
