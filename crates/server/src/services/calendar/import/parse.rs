//! Busy time from an iCalendar feed (RFC 5545), as Google, Outlook and
//! Apple write them: `icalendar` parses, `rrule` expands RRULE with RDATE
//! and EXDATE in the event's own zone (so a weekly 09:00 stays 09:00 across
//! a DST change), RECURRENCE-ID overrides replace or cancel one occurrence.
//! All-day events are busy for their whole days and floating times are read
//! in the owner's zone. Transparent ("free") and cancelled events are not
//! busy, nor are our own feed's events (UIDs ending `@mentorhub`). Only
//! start and end instants come out: never titles or descriptions.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use icalendar::parser::{read_calendar, unfold, Component};

use super::recur::occurrences;
use super::values::{duration, end_of, first, instant, props, whens, Event, Length, When};
use super::zones::Zones;

/// The most intervals one feed may give (a rule without end is cut by the window).
pub const MAX_INTERVALS: usize = 5000;
/// Recurrence steps one feed may take in all (a hostile rule cannot spin).
const STEP_BUDGET: usize = 200_000;
/// The longest event taken as busy; anything longer is not a real booking.
const MAX_LENGTH_DAYS: i64 = 400;
/// The deepest BEGIN/END nesting a feed may have (VCALENDAR > VEVENT > VALARM).
const MAX_DEPTH: usize = 8;

/// BEGIN and END pair up, no deeper than `MAX_DEPTH` (the parser recurses
/// once per level, so a deep feed could otherwise exhaust the stack).
fn well_nested(text: &str) -> Result<(), String> {
    let mut open: Vec<&str> = Vec::new();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if let Some(name) = line.strip_prefix("BEGIN:") {
            open.push(name.trim());
            if open.len() > MAX_DEPTH {
                return Err("The feed is nested too deeply to be a calendar.".into());
            }
        } else if let Some(name) = line.strip_prefix("END:") {
            if open.pop().is_none_or(|o| !o.eq_ignore_ascii_case(name.trim())) {
                return Err("The feed is not a well-formed iCalendar file.".into());
            }
        }
    }
    if open.is_empty() {
        Ok(())
    } else {
        Err("The feed is not a well-formed iCalendar file.".into())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Busy {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// The busy intervals of `ics` that overlap `[from, to)`, sorted, without
/// duplicates; floating and all-day times are in `owner`'s zone.
pub fn busy_intervals(ics: &str, owner: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<Busy>, String> {
    let unfolded = unfold(ics);
    well_nested(&unfolded)?;
    let calendar = read_calendar(&unfolded).map_err(|_| "The feed is not an iCalendar file.".to_owned())?;
    if calendar.components.is_empty() && !unfolded.contains("BEGIN:VCALENDAR") {
        return Err("The feed is not an iCalendar file.".into());
    }
    let zones = Zones::of(&calendar.components);
    let events: Vec<Event> = calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .filter_map(|c| event(c, &zones, owner))
        .filter(|e| !e.uid.to_ascii_lowercase().ends_with("@mentorhub"))
        .collect();
    // Occurrences that an override replaces or cancels, by UID.
    let mut replaced: HashMap<&str, HashSet<DateTime<Utc>>> = HashMap::new();
    for e in events.iter() {
        if let Some(id) = e.recurrence_id {
            replaced.entry(e.uid.as_str()).or_default().insert(instant(id, owner));
        }
    }
    let mut out = HashSet::new();
    let mut budget = STEP_BUDGET;
    for e in events.iter().filter(|e| e.busy) {
        let starts = if e.recurrence_id.is_some() {
            vec![e.start]
        } else {
            occurrences(e, owner, from, to, &mut budget)
        };
        let skip = replaced.get(e.uid.as_str());
        for start in starts {
            let begin = instant(start, owner);
            if e.recurrence_id.is_none() && skip.is_some_and(|s| s.contains(&begin)) {
                continue;
            }
            let Some(end) = end_of(start, e.length, owner) else {
                continue;
            };
            if end > begin && begin < to && end > from {
                out.insert(Busy { start: begin, end });
            }
            if out.len() >= MAX_INTERVALS {
                break;
            }
        }
        if out.len() >= MAX_INTERVALS {
            break;
        }
    }
    let mut sorted: Vec<Busy> = out.into_iter().collect();
    sorted.sort();
    Ok(sorted)
}

fn event(c: &Component<'_>, zones: &Zones, owner: Tz) -> Option<Event> {
    let first = |name: &'static str| first(c, name);
    let text = |name: &'static str| first(name).map(|p| p.val.as_str().trim().to_ascii_uppercase());
    let start = first("DTSTART").and_then(|p| whens(p, zones, owner).into_iter().next())?;
    let end = first("DTEND").and_then(|p| whens(p, zones, owner).into_iter().next());
    let length = match (start, end, first("DURATION").and_then(|p| duration(p.val.as_str()))) {
        (When::Day(a), Some(When::Day(b)), _) => Length::Days((b - a).num_days()),
        (_, Some(end), _) => Length::Exact(instant(end, owner) - instant(start, owner)),
        (When::Day(_), None, Some(d)) => Length::Days(d.num_days().max(1)),
        (_, None, Some(d)) => Length::Exact(d),
        (When::Day(_), None, None) => Length::Days(1),
        (_, None, None) => Length::Exact(Duration::zero()),
    };
    let too_long = match length {
        Length::Days(n) => !(0..=MAX_LENGTH_DAYS).contains(&n),
        Length::Exact(d) => d < Duration::zero() || d > Duration::days(MAX_LENGTH_DAYS),
    };
    let cancelled = text("STATUS").is_some_and(|s| s == "CANCELLED");
    let transparent = text("TRANSP").is_some_and(|s| s == "TRANSPARENT");
    Some(Event {
        uid: first("UID")
            .map(|p| p.val.as_str().trim().to_owned())
            .unwrap_or_default(),
        start,
        length,
        rules: props(c, "RRULE").map(|p| p.val.as_str().trim().to_owned()).collect(),
        rdates: props(c, "RDATE").flat_map(|p| whens(p, zones, owner)).collect(),
        exdates: props(c, "EXDATE").flat_map(|p| whens(p, zones, owner)).collect(),
        recurrence_id: first("RECURRENCE-ID").and_then(|p| whens(p, zones, owner).into_iter().next()),
        busy: !cancelled && !transparent && !too_long,
    })
}
