//! Busy time from an iCalendar feed (RFC 5545), as Google, Outlook and
//! Apple write them: `icalendar` parses, `rrule` expands RRULE with RDATE
//! and EXDATE in the event's own zone (so a weekly 09:00 stays 09:00 across
//! a DST change), RECURRENCE-ID overrides replace or cancel one occurrence.
//! All-day events are busy for their whole days and floating times are read
//! in the owner's zone. Transparent ("free") and cancelled events are not
//! busy, nor are our own feed's events (UIDs ending `@mentorhub`). Only
//! start and end instants come out: never titles or descriptions.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use icalendar::parser::{read_calendar, unfold, Component, Property};
use mentorhub_domain::availability::to_utc;
use rrule::{RRule, RRuleSet, Unvalidated};

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

/// A start or end as written: a wall-clock time in a zone, an instant, or a day.
#[derive(Debug, Clone, Copy)]
enum When {
    At(NaiveDateTime, Tz),
    Utc(DateTime<Utc>),
    Day(NaiveDate),
}

/// How long each occurrence lasts.
#[derive(Debug, Clone, Copy)]
enum Length {
    Exact(Duration),
    Days(i64),
}

struct Event {
    uid: String,
    start: When,
    length: Length,
    rules: Vec<String>,
    rdates: Vec<When>,
    exdates: Vec<When>,
    recurrence_id: Option<When>,
    busy: bool,
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

fn param<'a>(p: &'a Property<'_>, key: &str) -> Option<&'a str> {
    p.params
        .iter()
        .find(|x| x.key.as_str().eq_ignore_ascii_case(key))
        .and_then(|x| x.val.as_ref())
        .map(|v| v.as_str())
}

fn props<'a>(c: &'a Component<'_>, name: &'a str) -> impl Iterator<Item = &'a Property<'a>> + 'a {
    c.properties
        .iter()
        .filter(move |p| p.name.as_str().eq_ignore_ascii_case(name))
}

/// Every value of a (possibly comma-separated) date property.
fn whens(p: &Property<'_>, zones: &Zones, owner: Tz) -> Vec<When> {
    p.val
        .as_str()
        .split(',')
        .filter_map(|v| when(v, param(p, "VALUE"), param(p, "TZID"), zones, owner))
        .collect()
}

fn when(value: &str, kind: Option<&str>, tzid: Option<&str>, zones: &Zones, owner: Tz) -> Option<When> {
    let value = value.trim();
    if kind.is_some_and(|k| k.eq_ignore_ascii_case("DATE")) || value.len() == 8 {
        return NaiveDate::parse_from_str(value, "%Y%m%d").ok().map(When::Day);
    }
    if let Some(utc) = value.strip_suffix('Z') {
        return NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S")
            .ok()
            .map(|t| When::Utc(t.and_utc()));
    }
    let local = NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").ok()?;
    let zone = tzid.and_then(|id| zones.get(id)).unwrap_or(owner);
    Some(When::At(local, zone))
}

fn first<'a>(c: &'a Component<'a>, name: &'a str) -> Option<&'a Property<'a>> {
    props(c, name).next()
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

/// An ISO 8601 duration as iCalendar writes it (`PT1H30M`, `P1D`, `P2W`).
fn duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    let (sign, rest) = match text.strip_prefix('-') {
        Some(r) => (-1, r),
        None => (1, text.strip_prefix('+').unwrap_or(text)),
    };
    let mut rest = rest.strip_prefix('P')?;
    let mut total = Duration::zero();
    let mut in_time = false;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('T') {
            in_time = true;
            rest = r;
            continue;
        }
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        // More than six digits of any unit is longer than any booking.
        let n: i64 = rest.get(..digits.min(7))?.parse().ok().filter(|n| *n < 1_000_000)?;
        let unit = rest.get(digits..digits + 1)?;
        let part = match (unit, in_time) {
            ("W", false) => Duration::try_weeks(n),
            ("D", false) => Duration::try_days(n),
            ("H", true) => Duration::try_hours(n),
            ("M", true) => Duration::try_minutes(n),
            ("S", true) => Duration::try_seconds(n),
            _ => None,
        }?;
        total = total.checked_add(&part)?;
        rest = &rest[digits + 1..];
    }
    Some(total * sign)
}

/// The instant a start names (floating and all-day in the owner's zone).
fn instant(w: When, owner: Tz) -> DateTime<Utc> {
    match w {
        When::At(local, tz) => to_utc(tz, local),
        When::Utc(t) => t,
        When::Day(d) => to_utc(owner, d.and_time(chrono::NaiveTime::MIN)),
    }
}

fn end_of(start: When, length: Length, owner: Tz) -> Option<DateTime<Utc>> {
    match (start, length) {
        (When::Day(d), Length::Days(n)) => {
            Some(instant(When::Day(d.checked_add_signed(Duration::try_days(n)?)?), owner))
        }
        (w, Length::Days(n)) => instant(w, owner).checked_add_signed(Duration::try_days(n)?),
        (w, Length::Exact(d)) => instant(w, owner).checked_add_signed(d),
    }
}

/// The zone recurrences are computed in, and the start as `rrule` wants it.
fn rrule_start(w: When, owner: Tz) -> (Tz, DateTime<rrule::Tz>) {
    let (tz, at) = match w {
        When::At(_, tz) => (tz, instant(w, owner)),
        When::Utc(t) => (chrono_tz::UTC, t),
        When::Day(_) => (owner, instant(w, owner)),
    };
    (tz, at.with_timezone(&rrule::Tz::from(tz)))
}

/// A start of the expansion back in the event's terms.
fn back(t: DateTime<rrule::Tz>, like: When, tz: Tz) -> When {
    match like {
        When::Day(_) => When::Day(t.with_timezone(&tz).date_naive()),
        _ => When::Utc(t.with_timezone(&Utc)),
    }
}

/// UNTIL in UTC, as `rrule` requires with a zoned start: a local UNTIL is
/// read in the event's zone, a date one as the end of that day.
fn normalize_rule(rule: &str, tz: Tz) -> String {
    rule.split(';')
        .map(|part| match part.split_once('=') {
            Some((key, value)) if key.eq_ignore_ascii_case("UNTIL") && !value.ends_with('Z') => {
                let local = NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").ok().or_else(|| {
                    NaiveDate::parse_from_str(value, "%Y%m%d")
                        .ok()
                        .and_then(|d| d.and_hms_opt(23, 59, 59))
                });
                match local {
                    Some(l) => format!("UNTIL={}", to_utc(tz, l).format("%Y%m%dT%H%M%SZ")),
                    None => part.to_owned(),
                }
            }
            _ => part.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// The starts of a master event within the window (a day earlier, so an
/// occurrence that began before `from` and still runs is kept).
fn occurrences(e: &Event, owner: Tz, from: DateTime<Utc>, to: DateTime<Utc>, budget: &mut usize) -> Vec<When> {
    if e.rules.is_empty() && e.rdates.is_empty() {
        return vec![e.start];
    }
    // Rules more often than daily are not calendars people keep; taking
    // them as one occurrence keeps a hostile feed from spinning.
    let upper = e.rules.iter().map(|r| r.to_ascii_uppercase()).collect::<Vec<_>>();
    if upper.iter().any(|r| {
        ["SECONDLY", "MINUTELY", "HOURLY"]
            .iter()
            .any(|f| r.contains(&format!("FREQ={f}")))
    }) {
        return vec![e.start];
    }
    let start = skip_ahead(e.start, &upper, from, owner);
    let (tz, dt_start) = rrule_start(start, owner);
    let mut set = RRuleSet::new(dt_start);
    for rule in &e.rules {
        let parsed = normalize_rule(rule, tz)
            .parse::<RRule<Unvalidated>>()
            .and_then(|r| r.validate(dt_start));
        match parsed {
            Ok(valid) => set = set.rrule(valid),
            // A rule we cannot read still leaves its first occurrence busy.
            Err(_) => return vec![e.start],
        }
    }
    let zoned = |w: When| instant(w, owner).with_timezone(&rrule::Tz::from(tz));
    for r in &e.rdates {
        set = set.rdate(zoned(*r));
    }
    for x in &e.exdates {
        set = set.exdate(zoned(*x));
    }
    let lead = match e.length {
        Length::Exact(d) => d.max(Duration::zero()),
        Length::Days(n) => Duration::days(n),
    } + Duration::days(1);
    let earliest = from - lead;
    let mut out = Vec::new();
    for t in set.into_iter() {
        if *budget == 0 || out.len() >= MAX_INTERVALS {
            break;
        }
        *budget -= 1;
        let at = t.with_timezone(&Utc);
        if at >= to {
            break;
        }
        if at >= earliest {
            out.push(back(t, e.start, tz));
        }
    }
    out
}

/// A DAILY or WEEKLY rule without COUNT that began long ago starts again
/// at its last occurrence-aligned day before the window (a whole number of
/// its periods later), so expanding it takes a few steps, not decades.
fn skip_ahead(start: When, rules: &[String], from: DateTime<Utc>, owner: Tz) -> When {
    let [rule] = rules else { return start };
    if rule.contains("COUNT=") || rule.contains("BYSETPOS") {
        return start;
    }
    let period_days = if rule.contains("FREQ=DAILY") {
        1
    } else if rule.contains("FREQ=WEEKLY") {
        7
    } else {
        return start;
    };
    let interval: i64 = rule
        .split(';')
        .find_map(|p| p.strip_prefix("INTERVAL="))
        .and_then(|n| n.parse().ok())
        .filter(|n| (1..=1000).contains(n))
        .unwrap_or(1);
    let step = period_days * interval;
    let behind = (from - instant(start, owner)).num_days() - 8;
    if behind <= step {
        return start;
    }
    let shift = Duration::days(behind / step * step);
    match start {
        When::At(local, tz) => When::At(local + shift, tz),
        When::Utc(t) => When::Utc(t + shift),
        When::Day(d) => When::Day(d + shift),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_written() {
        assert_eq!(duration("PT1H30M"), Some(Duration::minutes(90)));
        assert_eq!(duration("P1D"), Some(Duration::days(1)));
        assert_eq!(duration("P2W"), Some(Duration::weeks(2)));
        assert_eq!(duration("P1DT12H"), Some(Duration::hours(36)));
        assert_eq!(duration("PT"), Some(Duration::zero()));
        assert_eq!(duration("1H"), None);
        assert_eq!(duration("PT5X"), None);
    }

    #[test]
    fn until_becomes_utc_in_the_events_zone() {
        let berlin = chrono_tz::Europe::Berlin;
        assert_eq!(
            normalize_rule("FREQ=WEEKLY;UNTIL=20261231T090000;BYDAY=MO", berlin),
            "FREQ=WEEKLY;UNTIL=20261231T080000Z;BYDAY=MO"
        );
        assert_eq!(
            normalize_rule("FREQ=DAILY;UNTIL=20261231", berlin),
            "FREQ=DAILY;UNTIL=20261231T225959Z"
        );
        assert_eq!(
            normalize_rule("FREQ=DAILY;UNTIL=20261231T225959Z", berlin),
            "FREQ=DAILY;UNTIL=20261231T225959Z"
        );
    }
}
