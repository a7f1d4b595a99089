//! Demo group sessions: office hours with seats left, a full mock
//! interview circle with a waitlist, and a workshop for one mentor's
//! mentees only. Through the real rules, like everything in the demo.

use mentorhub_domain::group::GroupInput;
use mentorhub_domain::{Clock, SystemClock};
use mentorhub_store::{GroupQuery, GroupScope, Store, UserRecord};
use uuid::Uuid;

use super::people::{mentor_email, user_by_email};
use crate::config::Config;
use crate::services::groups::{self, seats};
use crate::state::AppState;

/// Host (mentor index), title, description, days ahead, hour (UTC),
/// seats, audience, how many demo mentees join.
type Plan = (usize, &'static str, &'static str, i64, u32, i64, &'static str, usize);

pub async fn load_groups(store: &Store, mentees: &[UserRecord]) -> anyhow::Result<()> {
    let state = AppState::new(store.clone(), Config::for_database("sqlite::memory:"));
    let now = SystemClock.now();
    let host = user_by_email(store, &mentor_email(0)).await?;
    let query = GroupQuery {
        viewer: host.id,
        scope: GroupScope::Upcoming,
        host_id: Some(host.id),
        text: None,
        between: None,
        joined: false,
        now,
        limit: 1,
        offset: 0,
    };
    if !store.list_group_sessions(&query).await?.is_empty() {
        return Ok(());
    }
    // Evenings a few days out, clear of the demo's 1:1 sessions.
    let at = |days: i64, hour: u32| {
        (now + chrono::Duration::days(days))
            .date_naive()
            .and_hms_opt(hour, 30, 0)
            .map(|t| t.and_utc().to_rfc3339())
            .unwrap_or_default()
    };
    let plan: [Plan; 3] = [
        (
            0,
            "System design office hours",
            "Bring a design you are working on, or a question from an interview. We go round the table.",
            4,
            18,
            12,
            "everyone",
            3,
        ),
        (
            1,
            "Mock interview circle: behavioural questions",
            "Four people answer, everyone gives feedback. Practise the STAR format on real questions.",
            6,
            19,
            2,
            "everyone",
            4,
        ),
        (
            0,
            "Career planning workshop for my mentees",
            "Where do you want to be in two years, and what gets you there? Bring your notes.",
            9,
            17,
            8,
            "my_mentees",
            1,
        ),
    ];
    for (mentor, title, description, days, hour, capacity, audience, joiners) in plan {
        let host = user_by_email(store, &mentor_email(mentor)).await?;
        let start = at(days, hour);
        let input = GroupInput {
            title: Some(title),
            description: Some(description),
            scheduled_at: Some(&start),
            duration: Some(60),
            capacity: Some(capacity),
            audience: Some(audience),
        };
        let g = groups::create(&state, &host, input).await?;
        for mentee in mentees.iter().take(joiners) {
            join_quietly(&state, mentee, g.id).await;
        }
    }
    Ok(())
}

/// A demo mentee who may not see or join a session is simply skipped.
async fn join_quietly(state: &AppState, mentee: &UserRecord, id: Uuid) {
    if let Err(err) = seats::join(state, mentee, id).await {
        tracing::debug!(error = %err, "a demo mentee did not join a group session");
    }
}
