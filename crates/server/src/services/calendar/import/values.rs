//! Reading an event's properties: instants, days, zones, durations.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use icalendar::parser::{Component, Property};
use mentorhub_domain::availability::to_utc;

use super::zones::Zones;

/// A start or end as written: a wall-clock time in a zone, an instant, or a day.
#[derive(Debug, Clone, Copy)]
pub(super) enum When {
    At(NaiveDateTime, Tz),
    Utc(DateTime<Utc>),
    Day(NaiveDate),
}

/// How long each occurrence lasts.
#[derive(Debug, Clone, Copy)]
pub(super) enum Length {
    Exact(Duration),
    Days(i64),
}

pub(super) struct Event {
    pub(super) uid: String,
    pub(super) start: When,
    pub(super) length: Length,
    pub(super) rules: Vec<String>,
    pub(super) rdates: Vec<When>,
    pub(super) exdates: Vec<When>,
    pub(super) recurrence_id: Option<When>,
    pub(super) busy: bool,
}

pub(super) fn param<'a>(p: &'a Property<'_>, key: &str) -> Option<&'a str> {
    p.params
        .iter()
        .find(|x| x.key.as_str().eq_ignore_ascii_case(key))
        .and_then(|x| x.val.as_ref())
        .map(|v| v.as_str())
}

pub(super) fn props<'a>(c: &'a Component<'_>, name: &'a str) -> impl Iterator<Item = &'a Property<'a>> + 'a {
    c.properties
        .iter()
        .filter(move |p| p.name.as_str().eq_ignore_ascii_case(name))
}

/// Every value of a (possibly comma-separated) date property.
pub(super) fn whens(p: &Property<'_>, zones: &Zones, owner: Tz) -> Vec<When> {
    p.val
        .as_str()
        .split(',')
        .filter_map(|v| when(v, param(p, "VALUE"), param(p, "TZID"), zones, owner))
        .collect()
}

pub(super) fn when(value: &str, kind: Option<&str>, tzid: Option<&str>, zones: &Zones, owner: Tz) -> Option<When> {
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

pub(super) fn first<'a>(c: &'a Component<'a>, name: &'a str) -> Option<&'a Property<'a>> {
    props(c, name).next()
}

/// An ISO 8601 duration as iCalendar writes it (`PT1H30M`, `P1D`, `P2W`).
pub(super) fn duration(text: &str) -> Option<Duration> {
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
pub(super) fn instant(w: When, owner: Tz) -> DateTime<Utc> {
    match w {
        When::At(local, tz) => to_utc(tz, local),
        When::Utc(t) => t,
        When::Day(d) => to_utc(owner, d.and_time(chrono::NaiveTime::MIN)),
    }
}

pub(super) fn end_of(start: When, length: Length, owner: Tz) -> Option<DateTime<Utc>> {
    match (start, length) {
        (When::Day(d), Length::Days(n)) => {
            Some(instant(When::Day(d.checked_add_signed(Duration::try_days(n)?)?), owner))
        }
        (w, Length::Days(n)) => instant(w, owner).checked_add_signed(Duration::try_days(n)?),
        (w, Length::Exact(d)) => instant(w, owner).checked_add_signed(d),
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
}
