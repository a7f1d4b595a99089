//! What a person's dashboard counts: mentorships on both sides, requests
//! waiting, upcoming sessions, hours of completed sessions; and the next
//! session, for those who show it.

use mentorhub_store::{MentorshipCounts, SessionRecord, SessionScope, UserRecord};

use crate::services::error::Result;
use crate::state::AppState;

pub struct Summary {
    pub counts: MentorshipCounts,
    pub upcoming_sessions: i64,
    /// Completed sessions only, to one decimal.
    pub total_hours: f64,
}

pub async fn summary(state: &AppState, me: &UserRecord) -> Result<Summary> {
    let now = state.clock.now();
    let (counts, totals) = state.store.dashboard_totals(me.id, now).await?;
    Ok(Summary {
        counts,
        upcoming_sessions: totals.upcoming,
        total_hours: hours(totals.completed_minutes),
    })
}

/// The caller's next scheduled session, if any.
pub async fn next_session(state: &AppState, me: &UserRecord) -> Result<Option<SessionRecord>> {
    let next = state
        .store
        .list_sessions(me.id, SessionScope::Upcoming, None, state.clock.now(), 1, 0)
        .await?;
    Ok(next.into_iter().next())
}

/// Minutes as hours, to one decimal.
pub fn hours(minutes: i64) -> f64 {
    (minutes as f64 / 60.0 * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    #[test]
    fn hours_have_one_decimal() {
        assert_eq!(super::hours(0), 0.0);
        assert_eq!(super::hours(90), 1.5);
        assert_eq!(super::hours(100), 1.7);
    }
}
