//! Fans a group session's notice out to the people in it at run time:
//! reminders go to the host and attendees, a cancellation to everyone who
//! had a seat or a waitlist place. Each person's email and notification is
//! its own job with a dedup key, so a retry tells nobody twice.

use mentorhub_domain::session::SessionStatus;

use crate::services::groups::notices::{tell, Notice};
use crate::services::mail::compose::MailJob;
use crate::services::{self, queue};
use crate::state::AppState;
use mentorhub_store::NewJob;

pub async fn run(state: &AppState, payload: &str) -> services::Result<()> {
    let notice: Notice =
        serde_json::from_str(payload).map_err(|e| services::Error::Internal(format!("bad group notice: {e}")))?;
    // The host always sees their own session.
    let Some(g) = state.store.group_session(notice.group_id, notice.host_id).await? else {
        return Ok(());
    };
    match notice.event.as_str() {
        "group_reminder" => {
            if g.status != SessionStatus::Scheduled || g.sequence != notice.sequence {
                return Ok(());
            }
            for user in state.store.group_room_members(g.id).await? {
                let mail = MailJob {
                    event: "group_reminder".into(),
                    user_id: user,
                    group_id: Some(g.id),
                    reminder_minutes: notice.minutes,
                    sequence: Some(g.sequence),
                    ..MailJob::default()
                };
                let job = NewJob {
                    kind: "email".into(),
                    payload: serde_json::to_string(&mail).map_err(services::Error::internal)?,
                    dedup_key: Some(format!(
                        "email:group_reminder:{}:{}:{}:{user}",
                        g.id,
                        g.sequence,
                        notice.minutes.unwrap_or(0)
                    )),
                    run_at: state.clock.now(),
                };
                queue::enqueue(state, job).await?;
            }
        }
        "group_cancelled" => {
            let about = g.id.to_string();
            for seat in state.store.group_seats(g.id).await? {
                tell(state, &g, seat.user_id, "group_cancelled", &about).await?;
            }
        }
        other => return Err(services::Error::Internal(format!("unknown group notice {other:?}"))),
    }
    Ok(())
}
