//! The mentors' board: open requests, claiming (one claim wins) and
//! releasing.

use mentorhub_domain::mini::{MiniStatus, SessionType, Urgency};
use mentorhub_domain::FieldErrors;
use mentorhub_store::{BoardCursor, BoardFilter, JobChanges, UserRecord};
use uuid::Uuid;

use super::requests::get;
use super::view::{conflict, load, mentor_only, view, views, MiniView};
use crate::services::conflict::Conflict;
use crate::services::error::Error;
use crate::services::mail;
use crate::services::notifications;
use crate::state::AppState;

/// One page of the board and where the next one starts (`None`: last page).
pub async fn open(
    state: &AppState,
    me: &UserRecord,
    filter: &BoardFilter,
    after: Option<BoardCursor>,
    limit: i64,
) -> Result<(Vec<MiniView>, Option<BoardCursor>), Error> {
    mentor_only(me)?;
    let mut rows = state
        .store
        .open_mini_requests(me.id, filter, state.clock.now(), after, limit + 1)
        .await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit.max(0) as usize);
    let next = if more {
        rows.last().map(BoardCursor::after)
    } else {
        None
    };
    Ok((views(state, rows).await?, next))
}

/// Board filters as text (API query, tRPC input, page form).
pub fn parse_filter(
    session_type: Option<&str>,
    urgency: Option<&str>,
    max_duration: Option<i64>,
) -> Result<BoardFilter, Error> {
    let mut errors = FieldErrors::new();
    let session_type = match session_type.map(str::trim).filter(|v| !v.is_empty()) {
        None => None,
        Some(v) => SessionType::parse(v).or_else(|| {
            errors.add("sessionType", "Unknown session type.");
            None
        }),
    };
    let urgency = match urgency.map(str::trim).filter(|v| !v.is_empty()) {
        None => None,
        Some(v) => Urgency::parse(v).or_else(|| {
            errors.add("urgency", "Urgency is low, medium or high.");
            None
        }),
    };
    if max_duration.is_some_and(|d| !(1..=600).contains(&d)) {
        errors.add("maxDuration", "maxDuration must be between 1 and 600 minutes.");
    }
    errors.into_result()?;
    Ok(BoardFilter {
        session_type,
        urgency,
        max_duration,
    })
}

pub async fn claim(state: &AppState, me: &UserRecord, id: Uuid) -> Result<MiniView, Error> {
    mentor_only(me)?;
    let r = load(state, id).await?;
    if r.mentee_id == me.id {
        return Err(Conflict::OwnMiniRequest.into());
    }
    let now = state.clock.now();
    let title = format!("{} claimed your request: {}", me.name, r.title);
    let body = "They will pick one of your preferred times.";
    let link = "/mentorship/dashboard";
    // A request may be claimed again after a release: each claim mails.
    let claim = Uuid::new_v4();
    let email = mail::events::notification(
        state,
        r.mentee_id,
        "mini_request_claimed",
        (&title, body, Some(link)),
        claim,
    );
    let jobs = JobChanges::create(email.into_iter().collect());
    if !state.store.claim_mini_request(id, me.id, &jobs, now).await? {
        // Someone else was first, or it is no longer open.
        let status = load(state, id).await?.status.effective(r.expires_at, now);
        return Err(Conflict::MiniNotOpen(status).into());
    }
    mail::events::committed(state, &jobs);
    notifications::send(
        state,
        r.mentee_id,
        "mini_request_claimed",
        title,
        body.into(),
        Some(link.into()),
    )
    .await;
    get(state, me, id).await
}

pub async fn claimed(state: &AppState, me: &UserRecord) -> Result<Vec<MiniView>, Error> {
    mentor_only(me)?;
    views(state, state.store.mini_requests_claimed_by(me.id).await?).await
}

pub async fn release(state: &AppState, me: &UserRecord, id: Uuid) -> Result<MiniView, Error> {
    let v = get(state, me, id).await?;
    if v.request.claimed_by != Some(me.id) {
        return Err(Error::forbidden(
            "Only the mentor who claimed a request can release it.",
        ));
    }
    if v.status != MiniStatus::Claimed {
        return Err(conflict(v.status));
    }
    if !state.store.release_mini_request(id, me.id, state.clock.now()).await? {
        return Err(conflict(v.status));
    }
    notifications::send(
        state,
        v.request.mentee_id,
        "mini_request_released",
        format!("{} released your request: {}", me.name, v.request.title),
        "It is open for other mentors again.".into(),
        Some("/mentorship/dashboard".into()),
    )
    .await;
    let r = load(state, id).await?;
    view(state, r).await
}
