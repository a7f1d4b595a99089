//! Which events send email, and when: each becomes an `email` job with a
//! dedup key, so an event never mails twice. Session changes mail both
//! people with a calendar file; reminders are jobs at each
//! `MENTORHUB_REMINDERS` offset, moved with the session and dropped when it
//! is cancelled; unread chat mails after `MENTORHUB_CHAT_EMAIL_DELAY`, at
//! most once per conversation and hour.

use chrono::{DateTime, DurationRound, Utc};
use mentorhub_store::{NewJob, SessionRecord};
use uuid::Uuid;

use super::compose::MailJob;
use crate::services::queue;
use crate::state::AppState;

/// Events whose in-app notification also comes by email.
pub const EMAILED: [&str; 6] = [
    "mentorship_requested",
    "mentorship_accepted",
    "mentorship_rejected",
    "mini_request_created",
    "mini_request_claimed",
    "mini_request_expired",
];

/// Enqueues the email of `job` at `run_at`; a failure is logged (the
/// change it reports stands).
pub async fn enqueue(state: &AppState, job: MailJob, run_at: DateTime<Utc>, dedup_key: String) {
    let payload = match serde_json::to_string(&job) {
        Ok(payload) => payload,
        Err(err) => {
            tracing::error!(error = %err, "could not encode an email job");
            return;
        }
    };
    let new = NewJob {
        kind: "email".into(),
        payload,
        dedup_key: Some(dedup_key),
        run_at,
    };
    if let Err(err) = queue::enqueue(state, new).await {
        tracing::error!(mail.event = %job.event, error = %err, "could not enqueue an email");
    }
}

/// The email twin of an in-app notification, for the events in `EMAILED`.
pub async fn notification(state: &AppState, user: Uuid, event: &str, title: &str, body: &str, link: Option<&str>) {
    if !EMAILED.contains(&event) {
        return;
    }
    let now = state.clock.now();
    let key = format!("email:{event}:{user}:{}", Uuid::new_v4());
    let job = MailJob {
        event: event.to_owned(),
        user_id: user,
        title: title.to_owned(),
        body: body.to_owned(),
        link: link.map(str::to_owned),
        ..MailJob::default()
    };
    enqueue(state, job, now, key).await;
}

/// A session was booked, moved or cancelled: both people get an email with
/// the calendar file, and its reminders follow.
pub async fn session_changed(state: &AppState, s: &SessionRecord, event: &str) {
    let now = state.clock.now();
    for user in [s.mentor_id, s.mentee_id] {
        let job = MailJob {
            event: event.to_owned(),
            user_id: user,
            session_id: Some(s.id),
            ..MailJob::default()
        };
        enqueue(state, job, now, format!("email:{event}:{}:{}:{user}", s.id, s.sequence)).await;
    }
    let prefix = format!("reminder:{}:", s.id);
    if let Err(err) = state.store.cancel_jobs(&prefix, now).await {
        tracing::error!(session.id = %s.id, error = %err, "could not drop old reminders");
    }
    if event != "session_cancelled" {
        schedule_reminders(state, s).await;
    }
}

/// One reminder job per offset and person; an offset already past is skipped.
async fn schedule_reminders(state: &AppState, s: &SessionRecord) {
    let now = state.clock.now();
    for offset in &state.config.reminders.0 {
        let Ok(lead) = chrono::Duration::from_std(*offset) else {
            continue;
        };
        let run_at = s.scheduled_at - lead;
        if run_at <= now {
            continue;
        }
        for user in [s.mentor_id, s.mentee_id] {
            let job = MailJob {
                event: "session_reminder".into(),
                user_id: user,
                session_id: Some(s.id),
                reminder_minutes: Some(lead.num_minutes()),
                sequence: Some(s.sequence),
                ..MailJob::default()
            };
            let key = format!("reminder:{}:{}:{}:{user}", s.id, s.sequence, offset.as_secs());
            enqueue(state, job, run_at, key).await;
        }
    }
}

/// A message arrived: unless read in time, the recipient hears of it by
/// email once, covering every message still unread then.
pub async fn chat_message(state: &AppState, conversation: Uuid, recipient: Uuid) {
    let delay = chrono::Duration::from_std(state.config.chat_email_delay).unwrap_or(chrono::Duration::minutes(10));
    let run_at = state.clock.now() + delay;
    let hour = run_at.duration_trunc(chrono::Duration::hours(1)).unwrap_or(run_at);
    let job = MailJob {
        event: "chat_unread".into(),
        user_id: recipient,
        conversation_id: Some(conversation),
        ..MailJob::default()
    };
    let key = format!("chat:{conversation}:{recipient}:{}", hour.to_rfc3339());
    enqueue(state, job, run_at, key).await;
}
