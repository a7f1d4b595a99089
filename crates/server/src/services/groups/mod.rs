//! Group sessions: one mentor hosts, many mentees take a seat or wait for
//! one. Shared by the API and the pages. Seats and the waitlist are kept
//! by the store under a lock (`store::group_seats`); here are who may see
//! and do what, and who hears of it.

pub mod host;
pub mod notices;
pub mod seats;

use chrono::{DateTime, NaiveDate, Utc};
use mentorhub_domain::availability::to_utc;
use mentorhub_domain::group::{GroupInput, NewGroup};
use mentorhub_store::{GroupQuery, GroupRecord, GroupScope, SeatRecord, UserRecord};
use uuid::Uuid;

use crate::services::error::Error;
use crate::services::mail;
use crate::services::sessions::meeting_url;
use crate::state::AppState;

/// A group session the viewer may see; 404 for everyone else (a
/// mentees-only session does not exist for other people).
pub async fn visible(state: &AppState, viewer: Uuid, id: Uuid) -> Result<GroupRecord, Error> {
    state.store.group_session(id, viewer).await?.ok_or(Error::NotFound)
}

/// Hosts a group session (mentors only).
pub async fn create(state: &AppState, me: &UserRecord, input: GroupInput<'_>) -> Result<GroupRecord, Error> {
    if !me.is_mentor {
        return Err(Error::forbidden("Only mentors host group sessions."));
    }
    let group = NewGroup::parse(input, state.horizon())?;
    let id = Uuid::new_v4();
    let url = meeting_url(state, me.id).await?;
    let jobs = notices::reminders(state, id, me.id, group.scheduled_at);
    let now = state.clock.now();
    state
        .store
        .create_group_session(id, me.id, &group, &url, &jobs, now)
        .await?;
    mail::events::committed(state, &jobs);
    tracing::info!(group.id = %id, host.id = %me.id, "group session created");
    visible(state, me.id, id).await
}

/// What a list asks for, as it arrives.
#[derive(Debug, Clone, Default)]
pub struct ListInput<'a> {
    pub scope: Option<&'a str>,
    pub host_id: Option<&'a str>,
    pub q: Option<&'a str>,
    /// `YYYY-MM-DD`, a day in the viewer's zone.
    pub date: Option<&'a str>,
    pub joined: bool,
    pub limit: i64,
    pub offset: i64,
}

/// The group sessions the viewer may see (`Uuid::nil()` for visitors).
pub async fn list(state: &AppState, viewer: Uuid, zone: &str, input: ListInput<'_>) -> Result<Vec<GroupRecord>, Error> {
    let scope = match input.scope.map(str::trim) {
        None | Some("") | Some("upcoming") => GroupScope::Upcoming,
        Some("past") => GroupScope::Past,
        Some(_) => return Err(Error::field("scope", "scope must be upcoming or past.")),
    };
    let host_id = match input.host_id.map(str::trim).filter(|t| !t.is_empty()) {
        None => None,
        Some(text) => Some(Uuid::parse_str(text).map_err(|_| Error::field("hostId", "hostId must be a UUID."))?),
    };
    let between = match input.date.map(str::trim).filter(|t| !t.is_empty()) {
        None => None,
        Some(text) => {
            Some(day_bounds(text, zone).ok_or_else(|| Error::field("date", "date must be like 2026-12-24."))?)
        }
    };
    let text = input.q.map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned);
    if text.as_ref().is_some_and(|t| t.chars().count() > 200) {
        return Err(Error::field("q", "Search with at most 200 characters."));
    }
    let query = GroupQuery {
        viewer,
        scope,
        host_id,
        text,
        between,
        joined: input.joined,
        now: state.clock.now(),
        limit: input.limit,
        offset: input.offset,
    };
    Ok(state.store.list_group_sessions(&query).await?)
}

/// The start and end of a calendar day in a zone, as instants.
fn day_bounds(text: &str, zone: &str) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    let tz: chrono_tz::Tz = zone.parse().unwrap_or(chrono_tz::UTC);
    // A midnight that does not exist (a DST gap) is the first instant after it.
    let start = to_utc(tz, day.and_hms_opt(0, 0, 0)?);
    let end = to_utc(tz, day.succ_opt()?.and_hms_opt(0, 0, 0)?);
    Some((start, end))
}

/// Attendees and the waitlist, in order: for the host only.
pub async fn attendees(state: &AppState, me: &UserRecord, id: Uuid) -> Result<Vec<SeatRecord>, Error> {
    host::hosted(state, me, id).await?;
    Ok(state.store.group_seats(id).await?)
}

/// The room of a group session for its host and attendees; 404 for people
/// who cannot see the session, 403 for those who see it but are not in.
pub async fn room(state: &AppState, me: &UserRecord, id: Uuid) -> Result<GroupRecord, Error> {
    let g = visible(state, me.id, id).await?;
    if !g.status_of(me.id).is_inside() {
        return Err(Error::forbidden(
            "The group chat is for the host and the people with a seat.",
        ));
    }
    Ok(g)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_is_bounded_in_the_viewers_zone() {
        let (from, to) = day_bounds("2026-12-24", "Asia/Tokyo").unwrap();
        assert_eq!(from.to_rfc3339(), "2026-12-23T15:00:00+00:00");
        assert_eq!((to - from).num_hours(), 24);
        assert!(day_bounds("24.12.2026", "UTC").is_none());
    }
}
