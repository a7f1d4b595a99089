//! What group session emails say (reminders; other group events use the
//! notification's own words).

use mentorhub_domain::group::SeatStatus;
use mentorhub_domain::local_time::local;
use mentorhub_domain::session::SessionStatus;
use mentorhub_store::UserRecord;

use super::compose::{lead_time, Content, MailJob};
use crate::services::error::Result;
use crate::state::AppState;

/// The reminder, unless the session changed, or the person left it since.
pub(super) async fn reminder(state: &AppState, job: &MailJob, to: &UserRecord) -> Result<Option<Content>> {
    let Some(id) = job.group_id else {
        return Ok(None);
    };
    let Some(g) = state.store.group_session(id, to.id).await? else {
        return Ok(None);
    };
    let inside = g.host_id == to.id || g.my_seat == Some(SeatStatus::Attending);
    if g.status != SessionStatus::Scheduled || Some(g.sequence) != job.sequence || !inside {
        return Ok(None);
    }
    let lead = lead_time(job);
    let base = state.config.public_url();
    Ok(Some(Content {
        subject: format!("Reminder: {} starts in {lead}", g.title),
        lines: vec![format!("Your group session starts in {lead}.")],
        facts: vec![
            ("When".into(), local(g.scheduled_at, &to.timezone)),
            ("Length".into(), format!("{} minutes", g.duration)),
            ("Host".into(), g.host_name.clone()),
            ("Seats".into(), format!("{} of {} taken", g.seats_taken, g.capacity)),
            ("Join".into(), g.meeting_url.clone()),
        ],
        action: Some(("Open the session".into(), format!("{base}/groups/{}", g.id))),
        ics: None,
        reply_to: None,
    }))
}
