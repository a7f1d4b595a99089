//! Expanding a recurring event with `rrule`, within a step budget.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use mentorhub_domain::availability::to_utc;
use rrule::{RRule, RRuleSet, Unvalidated};

use super::values::{instant, Event, Length, When};

/// The most starts one event may give.
const MAX_STARTS: usize = 5000;

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
pub(super) fn occurrences(
    e: &Event,
    owner: Tz,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    budget: &mut usize,
) -> Vec<When> {
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
        if *budget == 0 || out.len() >= MAX_STARTS {
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
