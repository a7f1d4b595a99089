//! The scheduler's month: free slots grouped by the *viewer's* local day,
//! a grid of weeks marking the days that have any, and the chosen day's
//! times as chips. Pure functions of the slots, so they are tested here.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use chrono_tz::Tz;

/// Free slot starts by the viewer's local date.
pub fn by_local_day(slots: &[DateTime<Utc>], viewer: Tz) -> BTreeMap<NaiveDate, Vec<DateTime<Utc>>> {
    let mut days: BTreeMap<NaiveDate, Vec<DateTime<Utc>>> = BTreeMap::new();
    for start in slots {
        days.entry(start.with_timezone(&viewer).date_naive())
            .or_default()
            .push(*start);
    }
    days
}

/// First day of `month` ("2026-12"), if it names one.
pub fn parse_month(month: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(&format!("{}-01", month.trim()), "%Y-%m-%d").ok()
}

pub fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

pub fn next_month(first: NaiveDate) -> NaiveDate {
    first_of_month(first + Duration::days(32))
}

pub fn last_of_month(first: NaiveDate) -> NaiveDate {
    next_month(first) - Duration::days(1)
}

pub struct DayCell {
    pub date: NaiveDate,
    pub in_month: bool,
    pub free: usize,
    pub selected: bool,
    pub today: bool,
}

impl DayCell {
    pub fn number(&self) -> u32 {
        self.date.day()
    }

    /// What a screen reader hears for the day.
    pub fn label(&self) -> String {
        let day = self.date.format("%A %-d %B");
        match self.free {
            0 => format!("{day}, no free times"),
            1 => format!("{day}, 1 free time"),
            n => format!("{day}, {n} free times"),
        }
    }

    pub fn iso(&self) -> String {
        self.date.to_string()
    }
}

/// Weeks (Monday first) covering the month of `first`.
pub fn weeks(
    first: NaiveDate,
    free: &BTreeMap<NaiveDate, Vec<DateTime<Utc>>>,
    selected: Option<NaiveDate>,
    today: NaiveDate,
) -> Vec<Vec<DayCell>> {
    let start = first - Duration::days(first.weekday().num_days_from_monday() as i64);
    let last = last_of_month(first);
    let mut weeks = Vec::new();
    let mut day = start;
    while day <= last {
        let week = (0..7)
            .map(|i| {
                let date = day + Duration::days(i);
                DayCell {
                    date,
                    in_month: date.month() == first.month(),
                    free: free.get(&date).map_or(0, Vec::len),
                    selected: Some(date) == selected,
                    today: date == today,
                }
            })
            .collect();
        weeks.push(week);
        day += Duration::days(7);
    }
    weeks
}

/// One time chip: the viewer's local time, and the mentor's when it differs.
pub struct Chip {
    pub value: String,
    pub time: String,
    pub theirs: Option<String>,
    /// It clashes with the viewer's own connected calendars.
    pub conflict: bool,
}

pub fn chips(slots: &[DateTime<Utc>], viewer: Tz, mentor: Tz) -> Vec<Chip> {
    slots
        .iter()
        .map(|start| {
            let mine = start.with_timezone(&viewer);
            let theirs = start.with_timezone(&mentor);
            let differs = mine.naive_local() != theirs.naive_local();
            // Their weekday only when it is another day for them.
            let format = if theirs.date_naive() == mine.date_naive() {
                "%H:%M %Z"
            } else {
                "%a %H:%M %Z"
            };
            Chip {
                value: start.to_rfc3339(),
                time: mine.format("%H:%M").to_string(),
                theirs: differs.then(|| theirs.format(format).to_string()),
                conflict: false,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn slots_are_grouped_by_the_viewers_day_not_the_mentors() {
        // A Berlin mentor's Monday 20:00 and Tuesday 09:00 are Tuesday 04:00
        // and Tuesday 17:00 in Tokyo.
        let monday_evening = Utc.with_ymd_and_hms(2026, 11, 23, 19, 0, 0).unwrap();
        let tuesday_morning = Utc.with_ymd_and_hms(2026, 11, 24, 8, 0, 0).unwrap();
        let days = by_local_day(&[monday_evening, tuesday_morning], chrono_tz::Asia::Tokyo);
        assert_eq!(days.len(), 1);
        assert_eq!(days[&NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()].len(), 2);
        let berlin = by_local_day(&[monday_evening, tuesday_morning], chrono_tz::Europe::Berlin);
        assert_eq!(berlin.len(), 2);
    }

    #[test]
    fn the_grid_covers_whole_weeks_and_marks_free_days() {
        let first = parse_month("2026-12").unwrap();
        let free_day = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let mut free = BTreeMap::new();
        free.insert(free_day, vec![Utc::now(), Utc::now()]);
        let grid = weeks(first, &free, Some(free_day), free_day);
        assert_eq!(grid.len(), 5, "1 Dec 2026 is a Tuesday; 31 Dec a Thursday");
        assert_eq!(grid[0][0].date, NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        assert!(!grid[0][0].in_month);
        let cell = grid[0].iter().find(|c| c.date == free_day).unwrap();
        assert!(cell.selected && cell.today);
        assert_eq!(cell.label(), "Thursday 3 December, 2 free times");
        assert_eq!(last_of_month(first).day(), 31);
        assert_eq!(next_month(first), parse_month("2027-01").unwrap());
        assert!(parse_month("2026-13").is_none());
    }

    #[test]
    fn chips_show_the_mentors_time_only_when_it_differs() {
        let start = Utc.with_ymd_and_hms(2026, 12, 3, 8, 0, 0).unwrap();
        let chip = &chips(&[start], chrono_tz::Europe::Berlin, chrono_tz::Asia::Tokyo)[0];
        assert_eq!(chip.time, "09:00");
        assert_eq!(chip.theirs.as_deref(), Some("17:00 JST"), "the same day for both");
        let late = Utc.with_ymd_and_hms(2026, 12, 3, 20, 0, 0).unwrap();
        let next_day = &chips(&[late], chrono_tz::Europe::Berlin, chrono_tz::Asia::Tokyo)[0];
        assert_eq!(
            next_day.theirs.as_deref(),
            Some("Fri 05:00 JST"),
            "their weekday when it differs"
        );
        let same = &chips(&[start], chrono_tz::Europe::Berlin, chrono_tz::Europe::Paris)[0];
        assert_eq!(same.theirs, None);
    }
}
