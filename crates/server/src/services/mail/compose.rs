//! What each email says, composed when it is sent (so it shows the data as
//! it is then), in the recipient's zone with the zone named, with absolute
//! links to `MENTORHUB_BASE_URL`. People's text is escaped by the HTML
//! template.

use askama::Template;
use mentorhub_domain::local_time::local;
use mentorhub_domain::session::SessionStatus;
use mentorhub_store::{SessionRecord, UserRecord};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{unsubscribe, Email};
use crate::services::calendar::ics::{self, Method};
use crate::services::error::{Error, Result};
use crate::services::preferences;
use crate::state::AppState;

/// The payload of an `email` job: which event, for whom, about what.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MailJob {
    /// The event, named like its in-app notification (`session_scheduled`).
    pub event: String,
    pub user_id: Uuid,
    /// The in-app title and text of the event, as written when it happened.
    pub title: String,
    pub body: String,
    pub link: Option<String>,
    pub session_id: Option<Uuid>,
    pub group_id: Option<Uuid>,
    pub conversation_id: Option<Uuid>,
    /// For reminders: how long before the start.
    pub reminder_minutes: Option<i64>,
    /// For reminders: the session's SEQUENCE when it was scheduled.
    pub sequence: Option<i32>,
}

#[derive(Template)]
#[template(path = "email/message.html")]
struct Html<'a> {
    subject: &'a str,
    heading: &'a str,
    name: &'a str,
    lines: &'a [String],
    facts: &'a [(String, String)],
    action: Option<(String, String)>,
    settings_url: String,
    unsubscribe: Option<String>,
}

#[derive(Template)]
#[template(path = "email/message.txt")]
struct Text<'a> {
    heading: &'a str,
    name: &'a str,
    lines: &'a [String],
    facts: &'a [(String, String)],
    action: Option<(String, String)>,
    settings_url: String,
    unsubscribe: Option<String>,
}

/// The parts of a message before rendering.
struct Content {
    subject: String,
    lines: Vec<String>,
    facts: Vec<(String, String)>,
    action: Option<(String, String)>,
    ics: Option<(Method, String)>,
    reply_to: Option<(String, String)>,
}

/// The email for `job`, or `None` when it no longer applies (a reminder of
/// a session that was moved or cancelled, a chat message read meanwhile).
pub async fn compose(state: &AppState, job: &MailJob, to: &UserRecord) -> Result<Option<Email>> {
    let base = state.config.public_url();
    let content = match job.event.as_str() {
        "session_scheduled" | "session_rescheduled" | "session_cancelled" | "mini_session_scheduled" => {
            let Some(session) = session(state, job).await? else {
                return Ok(None);
            };
            session_content(state, job, to, &session).await?
        }
        "session_reminder" => {
            let Some(session) = session(state, job).await? else {
                return Ok(None);
            };
            if session.status != SessionStatus::Scheduled || Some(session.sequence) != job.sequence {
                return Ok(None);
            }
            reminder_content(job, to, &session)
        }
        "group_reminder" => {
            match super::group::reminder(state, job.group_id, job.sequence, lead_time(job), to).await? {
                Some(r) => Content {
                    subject: r.subject,
                    lines: r.lines,
                    facts: r.facts,
                    action: Some(r.action),
                    ics: None,
                    reply_to: None,
                },
                None => return Ok(None),
            }
        }
        "chat_unread" => match chat_content(state, job, to, &base).await? {
            Some(content) => content,
            None => return Ok(None),
        },
        _ => Content {
            subject: job.title.clone(),
            lines: [job.body.clone()].into_iter().filter(|l| !l.is_empty()).collect(),
            facts: Vec::new(),
            action: job
                .link
                .as_ref()
                .map(|l| ("Open Mentorhub".to_owned(), format!("{base}{l}"))),
            ics: None,
            reply_to: None,
        },
    };
    let unsubscribe = match preferences::kind_of(&job.event) {
        Some(kind) => Some(format!(
            "{base}/unsubscribe/{}",
            unsubscribe::token(state, to.id, kind).await?
        )),
        None => None,
    };
    let settings_url = format!("{base}/settings#notifications");
    let heading = content.subject.clone();
    let html = Html {
        subject: &content.subject,
        heading: &heading,
        name: &to.name,
        lines: &content.lines,
        facts: &content.facts,
        action: content.action.clone(),
        settings_url: settings_url.clone(),
        unsubscribe: unsubscribe.clone(),
    }
    .render()
    .map_err(Error::internal)?;
    let text = Text {
        heading: &heading,
        name: &to.name,
        lines: &content.lines,
        facts: &content.facts,
        action: content.action.clone(),
        settings_url,
        unsubscribe: unsubscribe.clone(),
    }
    .render()
    .map_err(Error::internal)?;
    Ok(Some(Email {
        to_name: to.name.clone(),
        to_address: to.email.clone(),
        subject: content.subject,
        text,
        html,
        ics: content.ics,
        unsubscribe,
        reply_to: content.reply_to,
    }))
}

async fn session(state: &AppState, job: &MailJob) -> Result<Option<SessionRecord>> {
    match job.session_id {
        Some(id) => Ok(state.store.session(id).await?),
        None => Ok(None),
    }
}

fn session_facts(to: &UserRecord, s: &SessionRecord) -> Vec<(String, String)> {
    let other = if s.mentor_id == to.id {
        &s.mentee_name
    } else {
        &s.mentor_name
    };
    vec![
        ("When".into(), local(s.scheduled_at, &to.timezone)),
        ("Length".into(), format!("{} minutes", s.duration)),
        ("With".into(), other.clone()),
        ("Join".into(), s.meeting_url.clone()),
    ]
}

async fn session_content(state: &AppState, job: &MailJob, to: &UserRecord, s: &SessionRecord) -> Result<Content> {
    let base = state.config.public_url();
    let when = local(s.scheduled_at, &to.timezone);
    let (subject, method, line) = match job.event.as_str() {
        "session_rescheduled" => (
            format!("Session moved: {} is now {when}", s.topic),
            Method::Request,
            "The session has a new time. Your calendar moves it when you open the attached invitation.",
        ),
        "session_cancelled" => (
            format!("Session cancelled: {} on {when}", s.topic),
            Method::Cancel,
            "The session will not take place. The attached file removes it from your calendar.",
        ),
        _ => (
            format!("Session booked: {} on {when}", s.topic),
            Method::Request,
            "Add it to your calendar with the attached invitation. The meeting link is below.",
        ),
    };
    // The recipient is one of the two; only the other is read.
    let other_id = if s.mentor_id == to.id { s.mentee_id } else { s.mentor_id };
    let other = state.store.user_by_id(other_id).await?;
    let (mentor, mentee) = if s.mentor_id == to.id {
        (to, &other)
    } else {
        (&other, to)
    };
    let organizer = state.mailer.from_address();
    let attendees = [
        (mentor.name.as_str(), mentor.email.as_str()),
        (mentee.name.as_str(), mentee.email.as_str()),
    ];
    let calendar = ics::invitation(s, method, &base, &organizer, &attendees);
    let mut lines = vec![line.to_owned()];
    if let Some(reason) = s.cancel_reason.as_deref().filter(|r| !r.is_empty()) {
        lines.push(format!("Reason given: {reason}"));
    }
    Ok(Content {
        subject,
        lines,
        facts: session_facts(to, s),
        action: Some(("See your sessions".into(), format!("{base}/mentorship?tab=sessions"))),
        ics: Some((method, calendar)),
        reply_to: Some((other.name, other.email)),
    })
}

/// "2 hours", "1 hour", "30 minutes" before the start.
fn lead_time(job: &MailJob) -> String {
    let minutes = job.reminder_minutes.unwrap_or(60);
    if minutes >= 120 && minutes % 60 == 0 {
        format!("{} hours", minutes / 60)
    } else if minutes == 60 {
        "1 hour".to_owned()
    } else {
        format!("{minutes} minutes")
    }
}

fn reminder_content(job: &MailJob, to: &UserRecord, s: &SessionRecord) -> Content {
    let lead = lead_time(job);
    Content {
        subject: format!("Reminder: {} starts in {lead}", s.topic),
        lines: vec![format!("Your session starts in {lead}.")],
        facts: session_facts(to, s),
        action: Some(("Join the meeting".into(), s.meeting_url.clone())),
        ics: None,
        reply_to: None,
    }
}

async fn chat_content(state: &AppState, job: &MailJob, to: &UserRecord, base: &str) -> Result<Option<Content>> {
    let Some(conversation_id) = job.conversation_id else {
        return Ok(None);
    };
    let Some(conversation) = state.store.conversation(conversation_id).await? else {
        return Ok(None);
    };
    let unread = state.store.unread_in_conversation(conversation_id, to.id).await?;
    if unread.is_empty() {
        return Ok(None);
    }
    let other_id = if conversation.user_a == to.id {
        conversation.user_b
    } else {
        conversation.user_a
    };
    let other = state.store.user_by_id(other_id).await?;
    let mut lines = vec![format!("{} wrote to you and you have not read it yet:", other.name)];
    lines.extend(
        unread
            .iter()
            .rev()
            .take(5)
            .rev()
            .map(|m| format!("“{}”", excerpt(&m.body))),
    );
    if unread.len() > 5 {
        lines.push(format!("and {} more.", unread.len() - 5));
    }
    Ok(Some(Content {
        subject: format!(
            "{} unread message{} from {}",
            unread.len(),
            if unread.len() == 1 { "" } else { "s" },
            other.name
        ),
        lines,
        facts: Vec::new(),
        action: Some(("Reply".into(), format!("{base}/chat/{conversation_id}"))),
        ics: None,
        reply_to: None,
    }))
}

fn excerpt(text: &str) -> String {
    let mut out: String = text.chars().take(280).collect();
    if text.chars().count() > 280 {
        out.push('…');
    }
    out
}
