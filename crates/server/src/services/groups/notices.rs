//! Who hears of a group session, and when. Everything goes through the
//! job queue with dedup keys, so each person is told once even with many
//! instances: reminders and the cancellation notice are one `group_notice`
//! job each (written with the change), which at run time writes one
//! notification and one email job per person then in the session.

use chrono::{DateTime, Utc};
use mentorhub_store::{GroupRecord, JobChanges, NewJob};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::services::mail;
use crate::services::notifications::Payload;
use crate::services::preferences::{self, Channel};
use crate::services::{queue, Result};
use crate::state::AppState;
use mentorhub_domain::local_time::local;

/// The payload of a `group_notice` job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Notice {
    pub group_id: Uuid,
    pub host_id: Uuid,
    /// `group_reminder` or `group_cancelled`.
    pub event: String,
    /// The session's SEQUENCE when the notice was decided.
    pub sequence: i32,
    pub minutes: Option<i64>,
}

fn notice_job(notice: &Notice, run_at: DateTime<Utc>, key: String) -> Option<NewJob> {
    let payload = serde_json::to_string(notice).ok()?;
    Some(NewJob {
        kind: "group_notice".into(),
        payload,
        dedup_key: Some(key),
        run_at,
    })
}

/// One reminder notice per `MENTORHUB_REMINDERS` offset still ahead of a
/// new session (its SEQUENCE is 0).
pub fn reminders(state: &AppState, id: Uuid, host: Uuid, start: DateTime<Utc>) -> JobChanges {
    let sequence = 0;
    let now = state.clock.now();
    let mut create = Vec::new();
    for offset in &state.config.reminders.0 {
        let Ok(lead) = chrono::Duration::from_std(*offset) else {
            continue;
        };
        if start - lead <= now {
            continue;
        }
        let notice = Notice {
            group_id: id,
            host_id: host,
            event: "group_reminder".into(),
            sequence,
            minutes: Some(lead.num_minutes()),
        };
        let key = format!("greminder:{id}:{sequence}:{}", offset.as_secs());
        create.extend(notice_job(&notice, start - lead, key));
    }
    JobChanges::create(create)
}

/// The cancellation notice, now; pending reminders are dropped.
pub fn cancelled(state: &AppState, g: &GroupRecord) -> JobChanges {
    let notice = Notice {
        group_id: g.id,
        host_id: g.host_id,
        event: "group_cancelled".into(),
        sequence: g.sequence + 1,
        minutes: None,
    };
    JobChanges {
        create: notice_job(&notice, state.clock.now(), format!("gcancel:{}", g.id))
            .into_iter()
            .collect(),
        cancel_prefix: Some(format!("greminder:{}:", g.id)),
    }
}

/// A person took a freed seat: they hear of it in the app and by email.
pub async fn promoted(state: &AppState, g: &GroupRecord, user: Uuid) {
    let stamp = state.clock.now().timestamp_micros();
    let about = format!("{}:{stamp}", g.id);
    if let Err(err) = tell(state, g, user, "group_promoted", &about).await {
        tracing::error!(group.id = %g.id, user.id = %user, error = %err, "could not tell a promoted person");
    }
}

/// Enqueues the in-app notification and the email of `event` for `user`,
/// each once per `about`.
pub async fn tell(state: &AppState, g: &GroupRecord, user: Uuid, event: &'static str, about: &str) -> Result<()> {
    let person = state.store.user_by_id(user).await?;
    let when = local(g.scheduled_at, &person.timezone);
    let (title, body) = match event {
        "group_promoted" => (
            format!("A seat freed up: you are in {}", g.title),
            format!("{when}. The meeting link is on the session's page."),
        ),
        "group_cancelled" => (
            format!("{} cancelled {}", g.host_name, g.title),
            match g.cancel_reason.as_deref().filter(|r| !r.is_empty()) {
                Some(reason) => format!("It was planned for {when}. Reason given: {reason}"),
                None => format!("It was planned for {when}."),
            },
        ),
        _ => (g.title.clone(), when),
    };
    let link = format!("/groups/{}", g.id);
    let now = state.clock.now();
    if preferences::allows(state, user, event, Channel::InApp).await? {
        let payload = Payload {
            user_id: user,
            kind: event.to_owned(),
            title: title.clone(),
            body: body.clone(),
            link: Some(link.clone()),
        };
        let job = NewJob {
            kind: "notify".into(),
            payload: serde_json::to_string(&payload).map_err(crate::services::Error::internal)?,
            dedup_key: Some(format!("notify:{event}:{about}:{user}")),
            run_at: now,
        };
        queue::enqueue(state, job).await?;
    }
    if let Some(job) = mail::events::notification(state, user, event, (&title, &body, Some(&link)), about) {
        queue::enqueue(state, job).await?;
    }
    Ok(())
}
