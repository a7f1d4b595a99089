//! Demo trust data: requests answered after a few hours (so cards say how
//! quickly mentors respond), requests left to expire (one mentor is paused
//! for it), reports waiting in the admin queue, a no-show, and a few weeks
//! of what mentees searched for. Past moments go through the real rules
//! with a clock set back; the expiry is the real sweep.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use mentorhub_domain::mentorship::{Action, Side};
use mentorhub_domain::trust::week_start;
use mentorhub_domain::{Clock, SystemClock};
use mentorhub_store::{MentorshipSide, SessionScope, Store, UserRecord};

use super::people::{mentor_email, user_by_email, MENTOR_COUNT};
use crate::config::Config;
use crate::services::limits::Limits;
use crate::services::mentorships;
use crate::services::trust::{reports, responsiveness, stale};
use crate::state::AppState;

/// A clock fixed at one moment of the past.
struct At(DateTime<Utc>);

impl Clock for At {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

fn state_at(store: &Store, at: DateTime<Utc>) -> AppState {
    AppState::with_parts(
        store.clone(),
        Config::for_database("sqlite::memory:"),
        Arc::new(At(at)),
        Limits::default(),
    )
}

/// (mentee, mentor, asked days ago, answered hours later or never, accept?)
const ANSWERS: [(usize, usize, i64, Option<i64>, bool); 6] = [
    (1, 4, 20, Some(3), true),
    (2, 5, 12, Some(30), false),
    (3, 6, 8, Some(1), true),
    (0, 7, 16, None, false),
    (1, 7, 16, None, false),
    (2, 7, 16, None, false),
];

pub async fn load_trust(store: &Store, mentees: &[UserRecord]) -> anyhow::Result<()> {
    let now = SystemClock.now();
    let marker = user_by_email(store, &mentor_email(7)).await?;
    let done = store
        .list_mentorships(marker.id, Some(MentorshipSide::AsMentor), None, 5, 0)
        .await?
        .iter()
        .any(|m| m.mentee_id == mentees[0].id);
    if done {
        return Ok(());
    }
    for (mentee, mentor, days, answered, accept) in ANSWERS {
        let mentor = user_by_email(store, &mentor_email(mentor)).await?;
        let asked = now - Duration::days(days);
        let message = "Hi! I would love an hour of your time each month on my next career step.";
        let record = mentorships::request(
            &state_at(store, asked),
            &mentees[mentee],
            Some(mentor.id),
            Some(message),
        )
        .await
        .map_err(|e| anyhow::anyhow!("demo request: {e}"))?;
        if let Some(hours) = answered {
            let (action, reason) = if accept {
                (Action::Accept, None)
            } else {
                (
                    Action::Reject,
                    Some("I am mentoring four people already; try again next quarter."),
                )
            };
            mentorships::act(
                &state_at(store, asked + Duration::hours(hours)),
                &mentor,
                record.id,
                action,
                reason,
            )
            .await
            .map_err(|e| anyhow::anyhow!("demo answer: {e}"))?;
        }
    }
    let state = AppState::new(store.clone(), Config::for_database("sqlite::memory:"));
    stale::sweep(&state)
        .await
        .map_err(|e| anyhow::anyhow!("demo sweep: {e}"))?;
    for (reporter, mentor, reason, details) in [
        (1, 9, "spam", "Sent me a link to a paid course in the first message."),
        (2, 10, "inappropriate", "The profile photo is not of a person."),
    ] {
        let subject = user_by_email(store, &mentor_email(mentor)).await?.id.to_string();
        let input = reports::ReportInput {
            subject_type: Some("user"),
            subject_id: Some(&subject),
            reason: Some(reason),
            details: Some(details),
        };
        reports::file(&state, &mentees[reporter], input)
            .await
            .map_err(|e| anyhow::anyhow!("demo report: {e}"))?;
    }
    let past = store
        .list_sessions(mentees[0].id, SessionScope::Past, None, now, 10, 0)
        .await?;
    if let Some(s) = past.iter().filter(|s| s.status.as_str() == "completed").nth(1) {
        store
            .mark_no_show(s.id, Side::Mentee, s.ends_at + Duration::hours(1))
            .await?;
    }
    // "Public speaking" has no mentor: demand without supply.
    let searched = [
        (0, "Career growth", 9),
        (1, "Career growth", 6),
        (0, "Leadership", 4),
        (2, "Interview preparation", 7),
        (0, "Interview preparation", 12),
        (1, "Public speaking", 5),
    ];
    for (weeks, tag, searches) in searched {
        let week = week_start((now - Duration::weeks(weeks)).date_naive()).to_string();
        for _ in 0..searches {
            store.count_demand(tag, &week, false).await?;
        }
    }
    for i in 0..MENTOR_COUNT {
        let mentor = user_by_email(store, &mentor_email(i)).await?;
        responsiveness::refresh(&state, mentor.id)
            .await
            .map_err(|e| anyhow::anyhow!("demo figures: {e}"))?;
    }
    Ok(())
}
