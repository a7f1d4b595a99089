//! The admin dashboard's figures: weekly series between two dates (at most
//! a year), and demand against supply per specialization.

use chrono::{Datelike, Duration, NaiveDate, TimeZone, Utc};
use mentorhub_domain::trust::{median, week_start, weeks};
use mentorhub_store::{DemandRecord, StatsRows, UserRecord};

use super::moderation::require_admin;
use crate::services::error::Error;
use crate::state::AppState;

const MAX_WEEKS: usize = 53;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct WeekStats {
    pub week: NaiveDate,
    pub signups: i64,
    pub requests_accepted: i64,
    pub requests_rejected: i64,
    pub requests_expired: i64,
    pub requests_cancelled: i64,
    pub requests_pending: i64,
    pub median_response_hours: Option<f64>,
    pub sessions: i64,
    pub hours: f64,
    pub mini_created: i64,
    pub mini_claimed: i64,
    pub mini_expired: i64,
    pub seats_filled: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub weeks: Vec<WeekStats>,
    pub demand: Vec<DemandRecord>,
}

fn parse_day(field: &str, value: Option<&str>) -> Result<Option<NaiveDate>, Error> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .ok()
            .filter(|d| (2000..=2100).contains(&d.year()))
            .map(Some)
            .ok_or_else(|| Error::field(field, format!("{field} must be a date like 2026-12-01."))),
    }
}

pub async fn weekly(state: &AppState, me: &UserRecord, from: Option<&str>, to: Option<&str>) -> Result<Stats, Error> {
    require_admin(me)?;
    let today = state.clock.now().date_naive();
    let to = parse_day("to", to)?.unwrap_or(today);
    let from = parse_day("from", from)?.unwrap_or(to - Duration::weeks(11));
    if from > to {
        return Err(Error::field("from", "from must not be after to."));
    }
    if (to - week_start(from)).num_days() >= MAX_WEEKS as i64 * 7 {
        return Err(Error::field("from", "Ask for at most a year at a time."));
    }
    let start = Utc.from_utc_datetime(&week_start(from).and_hms_opt(0, 0, 0).unwrap_or_default());
    let end = Utc.from_utc_datetime(&(to + Duration::days(1)).and_hms_opt(0, 0, 0).unwrap_or_default());
    let rows = state.store.stats_rows(start, end).await?;
    let series = bucket(&rows, &weeks(from, to, MAX_WEEKS));
    let demand = state
        .store
        .demand_and_supply(&week_start(from).to_string(), &to.to_string())
        .await?;
    Ok(Stats {
        from,
        to,
        weeks: series,
        demand,
    })
}

/// Sorts the rows into their weeks.
pub fn bucket(rows: &StatsRows, weeks: &[NaiveDate]) -> Vec<WeekStats> {
    let mut out: Vec<WeekStats> = weeks
        .iter()
        .map(|w| WeekStats {
            week: *w,
            ..WeekStats::default()
        })
        .collect();
    // Weeks are consecutive Mondays, so a row's week is arithmetic.
    let index = |t: chrono::DateTime<Utc>| {
        let first = *weeks.first()?;
        let i = usize::try_from((week_start(t.date_naive()) - first).num_days() / 7).ok()?;
        (i < weeks.len()).then_some(i)
    };
    for t in &rows.signups {
        if let Some(i) = index(*t) {
            out[i].signups += 1;
        }
    }
    let mut waits: Vec<Vec<f64>> = vec![Vec::new(); weeks.len()];
    for (asked, status, answered) in &rows.requests {
        let Some(i) = index(*asked) else { continue };
        let w = &mut out[i];
        match status.as_str() {
            "accepted" | "ended" => w.requests_accepted += 1,
            "rejected" => w.requests_rejected += 1,
            "expired" => w.requests_expired += 1,
            "cancelled" => w.requests_cancelled += 1,
            _ => w.requests_pending += 1,
        }
        if let Some(at) = answered {
            waits[i].push((*at - *asked).num_seconds().max(0) as f64 / 3600.0);
        }
    }
    for (w, mut hours) in out.iter_mut().zip(waits) {
        w.median_response_hours = median(&mut hours);
    }
    for (at, minutes) in &rows.sessions {
        if let Some(i) = index(*at) {
            out[i].sessions += 1;
            out[i].hours += *minutes as f64 / 60.0;
        }
    }
    for (at, status, claimed) in &rows.minis {
        if let Some(i) = index(*at) {
            out[i].mini_created += 1;
            out[i].mini_claimed += i64::from(claimed.is_some());
            out[i].mini_expired += i64::from(status == "expired");
        }
    }
    for (at, seats) in &rows.seats {
        if let Some(i) = index(*at) {
            out[i].seats_filled += seats;
        }
    }
    out
}
