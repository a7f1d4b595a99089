//! A mentor's availability (weekly hours, date overrides, booking limits,
//! their own meeting link) and the free slots it leaves. The JSON API and
//! the settings page both publish through `publish`.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use mentorhub_domain::availability::{Availability, AvailabilityInput, MAX_HORIZON_DAYS};
use mentorhub_domain::FieldErrors;
use mentorhub_store::UserRecord;
use uuid::Uuid;

use crate::services::conflict::Conflict;
use crate::services::error::{Error, Result};
use crate::state::AppState;

/// The longest stretch of days one slots query may cover.
pub const MAX_SLOT_DAYS: i64 = 62;

/// A personal meeting link as given: `None` leaves it, `Some(None)`
/// removes it. It must be an http(s) URL of at most 500 characters.
pub fn parse_meeting_url(value: Option<&str>) -> std::result::Result<Option<Option<String>>, String> {
    match value.map(str::trim) {
        None => Ok(None),
        Some("") => Ok(Some(None)),
        Some(url)
            if (url.starts_with("https://") || url.starts_with("http://"))
                && url.len() <= 500
                && !url.contains(char::is_whitespace) =>
        {
            Ok(Some(Some(url.to_owned())))
        }
        Some(_) => Err("The meeting link must be an http(s) URL.".into()),
    }
}

/// What a mentor publishes, as it arrives. `errors` carries problems the
/// form found before (a day with only one time), so every problem is
/// reported at once.
pub struct Publication {
    pub input: AvailabilityInput,
    pub meeting_url: Option<String>,
    pub errors: FieldErrors,
}

/// Checks everything, then saves hours and meeting link in one transaction.
/// Answers what is now published and the meeting link in use.
pub async fn publish(
    state: &AppState,
    me: &UserRecord,
    publication: Publication,
) -> Result<(Availability, Option<String>)> {
    if !me.is_mentor {
        return Err(Error::forbidden("Only mentors publish availability."));
    }
    if state.store.mentor_profile(me.id).await?.is_none() {
        return Err(Conflict::NoMentorProfile.into());
    }
    let mut errors = publication.errors;
    let meeting_url = errors.take("meetingUrl", parse_meeting_url(publication.meeting_url.as_deref()));
    let availability = match Availability::parse(publication.input) {
        Ok(a) => Some(a),
        Err(more) => {
            errors.extend(more);
            None
        }
    };
    let (Some(availability), Some(meeting_url), true) = (availability, meeting_url, errors.is_empty()) else {
        return Err(Error::Invalid(errors));
    };
    state
        .store
        .save_availability(
            me.id,
            &availability,
            meeting_url.as_ref().map(|u| u.as_deref()),
            state.clock.now(),
        )
        .await?;
    let url = match meeting_url {
        Some(given) => given,
        None => state.store.mentor_meeting_url(me.id).await?,
    };
    Ok((availability, url))
}

/// The caller's availability and own meeting link (`None` before any).
pub async fn of(state: &AppState, me: &UserRecord) -> Result<(Option<Availability>, Option<String>)> {
    let availability = state.store.availability(me.id).await?;
    let url = state.store.mentor_meeting_url(me.id).await?;
    Ok((availability, url))
}

/// Which free slots to show, parsed from text.
pub struct SlotQuery {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub duration: i64,
}

impl SlotQuery {
    /// Dates default to a week from `today`; duration to 60 minutes.
    pub fn parse(from: Option<&str>, to: Option<&str>, duration: Option<i64>, today: NaiveDate) -> Result<Self> {
        let mut errors = FieldErrors::new();
        let parse = |v: &str| NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").ok();
        let from = match from {
            None => Some(today),
            Some(v) => parse(v).or_else(|| {
                errors.add("from", "from must be a date like 2026-11-24.");
                None
            }),
        };
        let to = match to {
            None => from.map(|f| f + Duration::days(6)),
            Some(v) => parse(v).or_else(|| {
                errors.add("to", "to must be a date like 2026-11-30.");
                None
            }),
        };
        let duration = duration.unwrap_or(60);
        if !(15..=240).contains(&duration) {
            errors.add("duration", "duration must be between 15 and 240 minutes.");
        }
        // Slots exist only between today and the furthest horizon a mentor
        // may set; far dates would only make the server count empty days.
        let (earliest, latest) = (today - Duration::days(1), today + Duration::days(MAX_HORIZON_DAYS));
        for (field, date) in [("from", from), ("to", to)] {
            if date.is_some_and(|d| d < earliest || d > latest) {
                errors.add(
                    field,
                    format!("{field} must be within {MAX_HORIZON_DAYS} days from today."),
                );
            }
        }
        if let (Some(f), Some(t)) = (from, to) {
            if t < f || (t - f).num_days() > MAX_SLOT_DAYS {
                errors.add(
                    "to",
                    format!("to must be on or after from, at most {MAX_SLOT_DAYS} days later."),
                );
            }
        }
        match (from, to, errors.is_empty()) {
            (Some(from), Some(to), true) => Ok(Self { from, to, duration }),
            _ => Err(Error::Invalid(errors)),
        }
    }
}

/// Free slots of a mentor between two dates of the mentor's zone, minus the
/// mentor's (and the asking person's) scheduled sessions. None without
/// published availability.
pub async fn slots(
    state: &AppState,
    mentor_id: Uuid,
    viewer: Option<&UserRecord>,
    query: &SlotQuery,
) -> Result<Vec<(DateTime<Utc>, DateTime<Utc>)>> {
    match state.store.availability(mentor_id).await? {
        Some(availability) => free_slots(state, mentor_id, &availability, viewer, query).await,
        None => Ok(Vec::new()),
    }
}

/// `slots` for a caller that has already read the mentor's availability.
pub async fn free_slots(
    state: &AppState,
    mentor_id: Uuid,
    availability: &Availability,
    viewer: Option<&UserRecord>,
    query: &SlotQuery,
) -> Result<Vec<(DateTime<Utc>, DateTime<Utc>)>> {
    // Sessions that can touch the asked dates in any zone (±1 day).
    let from_utc = query.from.and_time(NaiveTime::MIN).and_utc() - Duration::days(1);
    let to_utc = query.to.and_time(NaiveTime::MIN).and_utc() + Duration::days(2);
    let mut people = vec![mentor_id];
    if let Some(viewer) = viewer {
        people.push(viewer.id);
    }
    let mut busy = state.store.busy_intervals(&people, from_utc, to_utc).await?;
    // The mentor's own calendars are busy time too.
    busy.extend(state.store.external_busy(mentor_id, from_utc, to_utc).await?);
    Ok(availability.free_slots(query.from, query.to, query.duration, &busy, state.clock.now()))
}

/// For each slot, whether it clashes with the viewer's own connected
/// calendars (shown, not removed: the viewer decides).
pub async fn conflicts(
    state: &AppState,
    viewer: Option<&UserRecord>,
    slots: &[(DateTime<Utc>, DateTime<Utc>)],
) -> Result<Vec<bool>> {
    let (Some(viewer), Some(first), Some(last)) = (viewer, slots.first(), slots.last()) else {
        return Ok(vec![false; slots.len()]);
    };
    let theirs = state.store.external_busy(viewer.id, first.0, last.1).await?;
    Ok(slots
        .iter()
        .map(|(start, end)| theirs.iter().any(|(b, e)| b < end && e > start))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeting_links_must_be_web_addresses() {
        assert_eq!(parse_meeting_url(None), Ok(None));
        assert_eq!(parse_meeting_url(Some(" ")), Ok(Some(None)));
        assert_eq!(
            parse_meeting_url(Some("https://meet.example/me")),
            Ok(Some(Some("https://meet.example/me".into())))
        );
        assert!(parse_meeting_url(Some("javascript:alert(1)")).is_err());
        assert!(parse_meeting_url(Some("https://a b")).is_err());
    }

    #[test]
    fn slot_queries_default_and_are_bounded() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let q = SlotQuery::parse(None, None, None, today).unwrap();
        assert_eq!((q.from, q.to, q.duration), (today, today + Duration::days(6), 60));
        assert!(SlotQuery::parse(Some("2026-11-23"), Some("2027-03-01"), None, today).is_err());
        assert!(SlotQuery::parse(Some("soon"), None, Some(5), today).is_err());
    }
}
