//! What group session emails say (reminders; other group events use the
//! notification's own words).

use mentorhub_domain::local_time::local;
use mentorhub_domain::session::SessionStatus;
use mentorhub_store::UserRecord;

use uuid::Uuid;

use crate::services::error::Result;
use crate::state::AppState;

/// A reminder's words: subject, lines, facts and the action button.
pub(super) struct Reminder {
    pub subject: String,
    pub lines: Vec<String>,
    pub facts: Vec<(String, String)>,
    pub action: (String, String),
}

/// The reminder `lead` (e.g. "1 hour") before group session `id` as it was
/// at `sequence`, unless it changed or the person left it since.
pub(super) async fn reminder(
    state: &AppState,
    id: Option<Uuid>,
    sequence: Option<i32>,
    lead: String,
    to: &UserRecord,
) -> Result<Option<Reminder>> {
    let Some(id) = id else {
        return Ok(None);
    };
    let Some(g) = state.store.group_session(id, to.id).await? else {
        return Ok(None);
    };
    let inside = g.status_of(to.id).is_inside();
    if g.status != SessionStatus::Scheduled || Some(g.sequence) != sequence || !inside {
        return Ok(None);
    }
    let base = state.config.public_url();
    Ok(Some(Reminder {
        subject: format!("Reminder: {} starts in {lead}", g.title),
        lines: vec![format!("Your group session starts in {lead}.")],
        facts: vec![
            ("When".into(), local(g.scheduled_at, &to.timezone)),
            ("Length".into(), format!("{} minutes", g.duration)),
            ("Host".into(), g.host_name.clone()),
            ("Seats".into(), format!("{} of {} taken", g.seats_taken, g.capacity)),
            ("Join".into(), g.meeting_url.clone()),
        ],
        action: ("Open the session".into(), format!("{base}/groups/{}", g.id)),
    }))
}
