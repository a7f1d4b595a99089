//! Connected calendars: a person pastes a feed's secret address, we read
//! it now and then every `MENTORHUB_CALENDAR_SYNC` on the job queue
//! (`jobs/calendar_sync.rs`), and keep its busy intervals for the next 90
//! days. A feed that fails keeps its last good busy time and shows the
//! error; nothing else depends on it.

pub mod fetch;
pub mod parse;
#[cfg(test)]
mod parse_tests;
mod recur;
mod values;
pub mod zones;

use chrono::Duration;
use mentorhub_store::{ExternalCalendarRecord, UserRecord};
use uuid::Uuid;

use crate::services::error::{Error, Result};
use crate::state::AppState;
use fetch::Fetched;

/// Calendars one person may connect.
pub const MAX_CALENDARS: usize = 10;
/// How far ahead busy time is kept.
pub const WINDOW_DAYS: i64 = 90;

/// The address with its secret parts hidden: scheme and host, then each
/// long path segment cut to its first characters, no query.
pub fn masked(url: &str) -> String {
    let Ok(parsed) = reqwest::Url::parse(url) else {
        return "…".into();
    };
    let segments: Vec<&str> = parsed
        .path_segments()
        .map(|s| s.filter(|p| !p.is_empty()).collect())
        .unwrap_or_default();
    let last = segments.len().saturating_sub(1);
    let shown: Vec<String> = segments
        .iter()
        .enumerate()
        .map(|(i, p)| {
            // Only a short, plain file name at the end stays (basic.ics).
            let plain_file =
                i == last && p.ends_with(".ics") && p.len() <= 16 && !p.chars().any(|c| c.is_ascii_digit());
            if plain_file {
                (*p).to_owned()
            } else {
                format!("{}…", p.chars().take(2).collect::<String>())
            }
        })
        .collect();
    let query = if parsed.query().is_some() { "?…" } else { "" };
    let port = parsed.port().map(|p| format!(":{p}")).unwrap_or_default();
    format!(
        "{}://{}{port}/{}{query}",
        parsed.scheme(),
        parsed.host_str().unwrap_or(""),
        shown.join("/")
    )
}

/// Connects a calendar and reads it at once; a feed that cannot be read
/// is kept with its error (and retried), an address we may not fetch is
/// refused.
pub async fn connect(
    state: &AppState,
    me: &UserRecord,
    url: Option<&str>,
    name: Option<&str>,
) -> Result<ExternalCalendarRecord> {
    let given = url
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .ok_or_else(|| Error::field("url", "Paste the calendar's address."))?;
    if given.chars().count() > 2000 {
        return Err(Error::field("url", "The address is over 2,000 characters."));
    }
    let parsed = fetch::normalize(given).map_err(|m| Error::field("url", m))?;
    fetch::check(&parsed, state.feeds.allow_private())
        .await
        .map_err(|m| Error::field("url", m))?;
    let name = match name.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => mentorhub_domain::validation::bounded_text(n, "Name", 1, 80).map_err(|m| Error::field("name", m))?,
        None => parsed.host_str().unwrap_or("Calendar").to_owned(),
    };
    if state.store.external_calendars_of(me.id).await?.len() >= MAX_CALENDARS {
        return Err(Error::field(
            "url",
            format!("You can connect at most {MAX_CALENDARS} calendars."),
        ));
    }
    let now = state.clock.now();
    let calendar = state
        .store
        .add_external_calendar(Uuid::new_v4(), me.id, &name, parsed.as_str(), now)
        .await?;
    sync(state, &calendar).await?;
    Ok(state.store.external_calendar(calendar.id).await?.unwrap_or(calendar))
}

pub async fn list(state: &AppState, me: &UserRecord) -> Result<Vec<ExternalCalendarRecord>> {
    Ok(state.store.external_calendars_of(me.id).await?)
}

/// One of the caller's calendars; 404 for anyone else's.
async fn own(state: &AppState, me: &UserRecord, id: Uuid) -> Result<ExternalCalendarRecord> {
    match state.store.external_calendar(id).await? {
        Some(c) if c.user_id == me.id => Ok(c),
        _ => Err(Error::NotFound),
    }
}

pub async fn remove(state: &AppState, me: &UserRecord, id: Uuid) -> Result<()> {
    own(state, me, id).await?;
    state.store.delete_external_calendar(id, me.id).await?;
    Ok(())
}

/// Reads the caller's calendar now.
pub async fn sync_now(state: &AppState, me: &UserRecord, id: Uuid) -> Result<ExternalCalendarRecord> {
    let calendar = own(state, me, id).await?;
    // Read at most every half minute, however often the button is pressed.
    let recent = calendar
        .last_attempt_at
        .is_some_and(|t| state.clock.now() - t < Duration::seconds(MANUAL_GAP_SECONDS));
    if !recent {
        sync(state, &calendar).await?;
    }
    own(state, me, id).await
}

/// Reads one calendar and stores what it says (or why it could not be
/// read). Only the store failing is an error.
pub async fn sync(state: &AppState, calendar: &ExternalCalendarRecord) -> Result<()> {
    let now = state.clock.now();
    let owner = state.store.user_by_id(calendar.user_id).await?;
    let zone: chrono_tz::Tz = owner.timezone.parse().unwrap_or(chrono_tz::UTC);
    let url = match fetch::normalize(&calendar.url) {
        Ok(url) => url,
        Err(message) => return Ok(state.store.mark_calendar_failed(calendar.id, &message, now).await?),
    };
    let fetched = state
        .feeds
        .fetch(&url, calendar.etag.as_deref(), calendar.last_modified.as_deref())
        .await;
    match fetched {
        Ok(Fetched::NotModified) => state.store.mark_calendar_unchanged(calendar.id, now).await?,
        Ok(Fetched::Body {
            text,
            etag,
            last_modified,
        }) => match read_busy(text, zone, now).await {
            Ok(busy) => {
                let pairs: Vec<_> = busy.iter().map(|b| (b.start, b.end)).collect();
                let validators = (etag.as_deref(), last_modified.as_deref());
                state
                    .store
                    .save_calendar_sync(calendar, &pairs, validators, now)
                    .await?;
                tracing::info!(calendar.id = %calendar.id, busy = pairs.len(), "calendar read");
            }
            Err(message) => state.store.mark_calendar_failed(calendar.id, &message, now).await?,
        },
        Err(message) => {
            tracing::info!(calendar.id = %calendar.id, error = %message, "calendar could not be read");
            state.store.mark_calendar_failed(calendar.id, &message, now).await?
        }
    }
    Ok(())
}

/// Parses a feed off the async threads (it is CPU work).
async fn read_busy(
    text: String,
    zone: chrono_tz::Tz,
    now: chrono::DateTime<chrono::Utc>,
) -> std::result::Result<Vec<parse::Busy>, String> {
    let to = now + Duration::days(WINDOW_DAYS);
    tokio::task::spawn_blocking(move || parse::busy_intervals(&text, zone, now, to))
        .await
        .unwrap_or_else(|_| Err("The feed could not be read.".to_owned()))
}

/// Reads every calendar not read for `MENTORHUB_CALENDAR_SYNC` (a batch at
/// a time); returns how many were read.
pub async fn sync_due(state: &AppState) -> Result<usize> {
    let every = Duration::from_std(state.config.calendar_sync).unwrap_or(Duration::minutes(15));
    let due = state
        .store
        .external_calendars_due(state.clock.now() - every, BATCH)
        .await?;
    // A few at a time, and never longer than a run may hold its job (the
    // rest are still due next minute).
    let deadline = tokio::time::Instant::now() + RUN_BUDGET;
    let mut read = 0;
    for chunk in due.chunks(AT_ONCE) {
        if tokio::time::Instant::now() >= deadline {
            break;
        }
        let results = futures_util::future::join_all(chunk.iter().map(|c| sync(state, c))).await;
        for r in results {
            r?;
            read += 1;
        }
    }
    Ok(read)
}

/// Calendars one run looks at, how many it reads at once, and how long it may take.
const BATCH: i64 = 24;
const AT_ONCE: usize = 4;
/// Well under the job's one-minute period, so the runner's other jobs wait little.
const RUN_BUDGET: std::time::Duration = std::time::Duration::from_secs(40);
/// How soon "read now" may read a calendar again.
pub const MANUAL_GAP_SECONDS: i64 = 30;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_parts_of_an_address_are_hidden() {
        assert_eq!(
            masked("https://calendar.google.com/calendar/ical/maya%40example.com/private-0123456789abcdef/basic.ics"),
            "https://calendar.google.com/ca…/ic…/ma…/pr…/basic.ics"
        );
        assert_eq!(
            masked("https://p01-caldav.icloud.com/published/2/MTIzNDU2Nzg5MDEy?x=1"),
            "https://p01-caldav.icloud.com/pu…/2…/MT…?…"
        );
        assert_eq!(
            masked("https://outlook.office365.com/owa/calendar/abc/9f8e7d.ics"),
            "https://outlook.office365.com/ow…/ca…/ab…/9f…"
        );
    }
}
