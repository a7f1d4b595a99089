//! Which events send email, and when: each becomes an `email` job with a
//! dedup key, so an event never mails twice. The services pass these jobs
//! to the store call that makes the change, which writes them in the same
//! transaction. Session changes mail both
//! people with a calendar file; reminders are jobs at each
//! `MENTORHUB_REMINDERS` offset, moved with the session and dropped when it
//! is cancelled; unread chat mails after `MENTORHUB_CHAT_EMAIL_DELAY`, at
//! most once per conversation and hour.

use chrono::{DateTime, DurationRound, Utc};
use mentorhub_store::{JobChanges, NewJob, NewSession, SessionRecord};
use uuid::Uuid;

use super::compose::MailJob;
use crate::services::queue;
use crate::state::AppState;

/// The email job of `mail` at `run_at`; `None` only if it cannot be encoded.
fn job(mail: &MailJob, run_at: DateTime<Utc>, dedup_key: String) -> Option<NewJob> {
    match serde_json::to_string(mail) {
        Ok(payload) => Some(NewJob {
            kind: "email".into(),
            payload,
            dedup_key: Some(dedup_key),
            run_at,
        }),
        Err(err) => {
            tracing::error!(error = %err, "could not encode an email job");
            None
        }
    }
}

/// After a change committed its jobs: wake this instance's runner if one
/// of them is due now.
pub fn committed(state: &AppState, jobs: &JobChanges) {
    if jobs.due_by(state.clock.now()) {
        state.jobs_wake.notify_one();
    }
}

/// The email twin of an in-app notification (`title`, `body`, `link`),
/// sent now; `about` makes the dedup key (the event happens once per thing).
pub fn notification(
    state: &AppState,
    user: Uuid,
    event: &str,
    (title, body, link): (&str, &str, Option<&str>),
    about: impl std::fmt::Display,
) -> Option<NewJob> {
    let mail = MailJob {
        event: event.to_owned(),
        user_id: user,
        title: title.to_owned(),
        body: body.to_owned(),
        link: link.map(str::to_owned),
        ..MailJob::default()
    };
    job(&mail, state.clock.now(), format!("email:{event}:{about}:{user}"))
}

/// What a session is at the moment of a change (after it).
#[derive(Debug, Clone, Copy)]
pub struct SessionAt {
    pub id: Uuid,
    pub mentor_id: Uuid,
    pub mentee_id: Uuid,
    pub scheduled_at: DateTime<Utc>,
    /// The SEQUENCE the change leaves.
    pub sequence: i32,
}

impl SessionAt {
    /// A session about to be booked (SEQUENCE starts at 0).
    pub fn booked(new: &NewSession) -> Self {
        Self {
            id: new.id,
            mentor_id: new.mentor_id,
            mentee_id: new.mentee_id,
            scheduled_at: new.scheduled_at,
            sequence: 0,
        }
    }

    pub fn of(s: &SessionRecord) -> Self {
        Self {
            id: s.id,
            mentor_id: s.mentor_id,
            mentee_id: s.mentee_id,
            scheduled_at: s.scheduled_at,
            sequence: s.sequence,
        }
    }
}

/// A session was booked, moved or cancelled: both people get an email with
/// the calendar file; earlier reminders are cancelled and, unless the
/// session was cancelled, new ones made for its new time.
pub fn session_changed(state: &AppState, s: SessionAt, event: &str) -> JobChanges {
    let now = state.clock.now();
    let mut create = Vec::new();
    for user in [s.mentor_id, s.mentee_id] {
        let mail = MailJob {
            event: event.to_owned(),
            user_id: user,
            session_id: Some(s.id),
            ..MailJob::default()
        };
        create.extend(job(&mail, now, format!("email:{event}:{}:{}:{user}", s.id, s.sequence)));
    }
    if event != "session_cancelled" {
        create.extend(reminders(state, s));
    }
    JobChanges {
        create,
        cancel_prefix: Some(format!("reminder:{}:", s.id)),
    }
}

/// One reminder job per offset and person; an offset already past is skipped.
fn reminders(state: &AppState, s: SessionAt) -> Vec<NewJob> {
    let now = state.clock.now();
    let mut out = Vec::new();
    for offset in &state.config.reminders.0 {
        let Ok(lead) = chrono::Duration::from_std(*offset) else {
            continue;
        };
        let run_at = s.scheduled_at - lead;
        if run_at <= now {
            continue;
        }
        for user in [s.mentor_id, s.mentee_id] {
            let mail = MailJob {
                event: "session_reminder".into(),
                user_id: user,
                session_id: Some(s.id),
                reminder_minutes: Some(lead.num_minutes()),
                sequence: Some(s.sequence),
                ..MailJob::default()
            };
            let key = format!("reminder:{}:{}:{}:{user}", s.id, s.sequence, offset.as_secs());
            out.extend(job(&mail, run_at, key));
        }
    }
    out
}

/// A message arrived: unless read in time, the recipient hears of it by
/// email once, covering every message still unread then.
pub fn chat_message(state: &AppState, conversation: Uuid, recipient: Uuid) -> Option<NewJob> {
    let delay = chrono::Duration::from_std(state.config.chat_email_delay).unwrap_or(chrono::Duration::minutes(10));
    let run_at = state.clock.now() + delay;
    let hour = run_at.duration_trunc(chrono::Duration::hours(1)).unwrap_or(run_at);
    let mail = MailJob {
        event: "chat_unread".into(),
        user_id: recipient,
        conversation_id: Some(conversation),
        ..MailJob::default()
    };
    job(
        &mail,
        run_at,
        format!("chat:{conversation}:{recipient}:{}", hour.to_rfc3339()),
    )
}

/// An email decided outside a transaction (the expiry sweep's notices).
pub async fn enqueue_now(state: &AppState, job: Option<NewJob>) {
    let Some(job) = job else { return };
    if let Err(err) = queue::enqueue(state, job).await {
        tracing::error!(error = %err, "could not enqueue an email");
    }
}
