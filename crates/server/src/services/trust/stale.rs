//! Requests nobody answers: the mentor is reminded after 3 and 7 days, the
//! request expires after `MENTORHUB_MENTORSHIP_REQUEST_TTL` (freeing the
//! mentee's pending quota), and a mentor whose last three requests expired
//! is paused and told how to resume. Each step is a conditional statement
//! in the store, so every instance may sweep at once.

use chrono::Duration;
use mentorhub_domain::trust::{NUDGE_AFTER_DAYS, PAUSE_AFTER_EXPIRED};
use uuid::Uuid;

use super::responsiveness;
use crate::services::error::Error;
use crate::services::notifications;
use crate::state::AppState;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Swept {
    pub nudged: usize,
    pub expired: usize,
    pub paused: usize,
}

pub async fn sweep(state: &AppState) -> Result<Swept, Error> {
    let now = state.clock.now();
    let ttl = Duration::from_std(state.config.mentorship_request_ttl).unwrap_or(Duration::days(14));
    let mut swept = Swept::default();
    // Each row is the sweep's alone once taken; a failure telling one
    // person is logged and does not stop the others.
    for (id, mentor, mentee) in state.store.expire_requests(now - ttl, now).await? {
        swept.expired += 1;
        match expired(state, id, mentor, mentee).await {
            Ok(paused) => swept.paused += usize::from(paused),
            Err(err) => tracing::error!(mentorship.id = %id, error = %err, "could not finish an expiry"),
        }
    }
    // The later reminder first: a request that skipped the first one (the
    // server was down) gets one reminder, not two at once.
    for (number, days) in NUDGE_AFTER_DAYS.iter().enumerate().rev() {
        let nudge = number as i32 + 1;
        for (id, mentor, mentee) in state.store.take_nudges(nudge, now - Duration::days(*days)).await? {
            swept.nudged += 1;
            if let Err(err) = nudged(state, (id, mentor, mentee), nudge, *days).await {
                tracing::error!(mentorship.id = %id, error = %err, "could not send a reminder");
            }
        }
    }
    responsiveness::refresh_stale(state).await?;
    Ok(swept)
}

/// Tells the mentee, refreshes the mentor's figures, maybe pauses them.
async fn expired(state: &AppState, id: Uuid, mentor: Uuid, mentee: Uuid) -> Result<bool, Error> {
    let mentor_name = state.store.user_by_id(mentor).await?.name;
    let title = format!("Your request to {mentor_name} expired");
    let body = "They did not answer in time. Your place is free: ask another mentor.";
    notifications::send_and_mail(
        state,
        mentee,
        "mentorship_expired",
        (&title, body, "/mentorship/find"),
        id,
    )
    .await;
    responsiveness::refresh(state, mentor).await?;
    pause_if_silent(state, mentor).await
}

async fn nudged(
    state: &AppState,
    (id, mentor, mentee): (Uuid, Uuid, Uuid),
    nudge: i32,
    days: i64,
) -> Result<(), Error> {
    let mentee_name = state.store.user_by_id(mentee).await?.name;
    let title = format!("{mentee_name} is waiting for your answer");
    let body = format!("They asked you for mentorship {days} days ago. Accept or decline, so they can move on.");
    let about = format!("{id}:{nudge}");
    notifications::send_and_mail(
        state,
        mentor,
        "mentorship_nudge",
        (&title, &body, "/mentorship?tab=requests"),
        about,
    )
    .await;
    Ok(())
}

/// Pauses a mentor whose last requests all expired; true when paused now.
async fn pause_if_silent(state: &AppState, mentor: Uuid) -> Result<bool, Error> {
    let last = state.store.last_outcomes(mentor, PAUSE_AFTER_EXPIRED as i64).await?;
    if last.len() < PAUSE_AFTER_EXPIRED || last.iter().any(|s| s != "expired") {
        return Ok(false);
    }
    if !state.store.pause_mentor(mentor, state.clock.now()).await? {
        return Ok(false);
    }
    let title = "You are paused: new mentees cannot ask you for now";
    let body = "Your last three requests expired without an answer. When you have time again, turn on \
                \"Accepting mentees\" in your settings and answer waiting requests within two weeks.";
    let about = format!("{mentor}:{}", state.clock.now().date_naive());
    notifications::send_and_mail(state, mentor, "mentorship_paused", (title, body, "/settings"), about).await;
    Ok(true)
}
