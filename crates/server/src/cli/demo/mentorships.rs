//! Demo mentorships in every state, made through the real rules (so their
//! notifications exist too).

use mentorhub_domain::mentorship::Action;
use mentorhub_store::{MentorshipSide, Store, UserRecord};

use super::people::{mentor_email, user_by_email, LEARNING};
use crate::config::Config;
use crate::services::mentorships;
use crate::state::AppState;

/// Demo mentorships in every state: (mentee index, mentor index, final state).
const MENTORSHIPS: [(usize, usize, &str); 7] = [
    (0, 0, "accepted"),
    (0, 1, "pending"),
    (1, 0, "pending"),
    (2, 0, "rejected"),
    (3, 0, "ended"),
    (1, 2, "cancelled"),
    (3, 1, "accepted"),
];

/// Runs through the real rules (and so writes the notifications too).
pub async fn load_mentorships(store: &Store, mentees: &[UserRecord]) -> anyhow::Result<()> {
    let state = AppState::new(store.clone(), Config::for_database("sqlite::memory:"));
    for (mentee_index, mentor_index, final_state) in MENTORSHIPS {
        let mentee = &mentees[mentee_index];
        let mentor = user_by_email(store, &mentor_email(mentor_index)).await?;
        let existing = store
            .list_mentorships(mentee.id, Some(MentorshipSide::AsMentee), None, 100, 0)
            .await?;
        if existing.iter().any(|m| m.mentor_id == mentor.id) {
            continue;
        }
        let message = format!(
            "Hi {}, I am {} and I would love your guidance. {}",
            mentor.name.split(' ').next().unwrap_or_default(),
            mentee.name,
            LEARNING[mentee_index].1
        );
        let record = mentorships::request(&state, mentee, Some(mentor.id), Some(&message))
            .await
            .map_err(|e| anyhow::anyhow!("demo request: {e}"))?;
        let steps: &[(Action, bool)] = match final_state {
            "accepted" => &[(Action::Accept, true)],
            "rejected" => &[(Action::Reject, true)],
            "cancelled" => &[(Action::Cancel, false)],
            "ended" => &[(Action::Accept, true), (Action::End, false)],
            _ => &[],
        };
        for (action, by_mentor) in steps {
            let actor = if *by_mentor { &mentor } else { mentee };
            let reason =
                (*action == Action::Reject).then_some("My calendar is full this quarter; please ask again in spring.");
            mentorships::act(&state, actor, record.id, *action, reason)
                .await
                .map_err(|e| anyhow::anyhow!("demo {}: {e}", action.as_str()))?;
        }
    }
    Ok(())
}
