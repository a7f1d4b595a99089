//! A mentor's bookable hours and the free slots they leave, computed in the
//! mentor's own time zone so that DST changes and half-hour zones land right.

use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone as _, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::validation::FieldErrors;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeeklyWindow {
    /// 1 = Monday ... 7 = Sunday (ISO 8601).
    pub weekday: u8,
    pub window: Window,
}

/// Other hours on one date, or `None`: unavailable all day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateOverride {
    pub date: NaiveDate,
    pub window: Option<Window>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Availability {
    pub timezone: String,
    pub weekly: Vec<WeeklyWindow>,
    pub overrides: Vec<DateOverride>,
    /// Earliest booking: this long from now.
    pub min_notice_minutes: i64,
    /// Latest booking: this many days ahead.
    pub horizon_days: i64,
    /// Free time kept between sessions.
    pub buffer_minutes: i64,
}

pub const DEFAULT_MIN_NOTICE_MINUTES: i64 = 120;
/// The furthest a mentor may open their calendar.
pub const MAX_HORIZON_DAYS: i64 = 365;
pub const DEFAULT_HORIZON_DAYS: i64 = 60;
pub const SLOT_STEP_MINUTES: i64 = 30;

/// The availability form as it arrives.
#[derive(Debug, Clone, Default)]
pub struct AvailabilityInput {
    pub timezone: String,
    pub weekly: Vec<(i64, String, String)>,
    pub overrides: Vec<(String, Option<String>, Option<String>)>,
    pub min_notice_minutes: Option<i64>,
    pub horizon_days: Option<i64>,
    pub buffer_minutes: Option<i64>,
}

pub fn parse_time(value: &str) -> Result<NaiveTime, String> {
    NaiveTime::parse_from_str(value.trim(), "%H:%M")
        .map_err(|_| format!("\"{}\" is not a time like 09:30.", value.trim()))
}

pub fn parse_window(start: &str, end: &str) -> Result<Window, String> {
    let window = Window {
        start: parse_time(start)?,
        end: parse_time(end)?,
    };
    if window.end <= window.start {
        return Err(format!("{} must end after it starts ({}).", start.trim(), end.trim()));
    }
    Ok(window)
}

fn overlapping(windows: &mut [Window]) -> bool {
    windows.sort_by_key(|w| w.start);
    windows.windows(2).any(|pair| pair[1].start < pair[0].end)
}

impl Availability {
    pub fn parse(input: AvailabilityInput) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let timezone = match input.timezone.trim() {
            "" => "UTC".to_owned(),
            zone => match zone.parse::<Tz>() {
                Ok(tz) => tz.name().to_owned(),
                Err(_) => {
                    errors.add("timezone", format!("\"{zone}\" is not an IANA time zone."));
                    String::new()
                }
            },
        };
        let mut weekly = Vec::new();
        if input.weekly.len() > 50 {
            errors.add("weekly", "At most 50 weekly windows.");
        }
        for (weekday, start, end) in &input.weekly {
            if !(1..=7).contains(weekday) {
                errors.add("weekly", "weekday must be 1 (Monday) to 7 (Sunday).");
                continue;
            }
            match parse_window(start, end) {
                Ok(window) => weekly.push(WeeklyWindow {
                    weekday: *weekday as u8,
                    window,
                }),
                Err(message) => errors.add("weekly", message),
            }
        }
        for day in 1..=7u8 {
            let mut windows: Vec<Window> = weekly.iter().filter(|w| w.weekday == day).map(|w| w.window).collect();
            if overlapping(&mut windows) {
                errors.add("weekly", "Windows on the same weekday must not overlap.");
            }
        }
        let mut overrides = Vec::new();
        if input.overrides.len() > 366 {
            errors.add("overrides", "At most 366 date overrides.");
        }
        for (date, start, end) in &input.overrides {
            let parsed = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok();
            let Some(date) = parsed.filter(|d| (2000..=2100).contains(&d.year())) else {
                errors.add(
                    "overrides",
                    format!(
                        "\"{}\" is not a date like 2026-12-24 (years 2000 to 2100).",
                        date.trim()
                    ),
                );
                continue;
            };
            match (start.as_deref(), end.as_deref()) {
                (None, None) => overrides.push(DateOverride { date, window: None }),
                (Some(s), Some(e)) => match parse_window(s, e) {
                    Ok(window) => overrides.push(DateOverride {
                        date,
                        window: Some(window),
                    }),
                    Err(message) => errors.add("overrides", message),
                },
                _ => errors.add("overrides", "Give both start and end, or neither for a day off."),
            }
        }
        let mut dates: Vec<NaiveDate> = overrides.iter().map(|o| o.date).collect();
        dates.dedup();
        for date in dates {
            let same: Vec<&DateOverride> = overrides.iter().filter(|o| o.date == date).collect();
            if same.len() > 1 && same.iter().any(|o| o.window.is_none()) {
                errors.add("overrides", format!("{date} is both a day off and has hours."));
            }
            let mut windows: Vec<Window> = same.iter().filter_map(|o| o.window).collect();
            if overlapping(&mut windows) {
                errors.add("overrides", format!("Hours on {date} overlap."));
            }
        }
        let min_notice_minutes = input.min_notice_minutes.unwrap_or(DEFAULT_MIN_NOTICE_MINUTES);
        if !(0..=60 * 24 * 30).contains(&min_notice_minutes) {
            errors.add(
                "minNoticeMinutes",
                "Minimum notice must be between 0 minutes and 30 days.",
            );
        }
        let horizon_days = input.horizon_days.unwrap_or(DEFAULT_HORIZON_DAYS);
        if !(1..=MAX_HORIZON_DAYS).contains(&horizon_days) {
            errors.add("horizonDays", "The booking horizon must be between 1 and 365 days.");
        }
        let buffer_minutes = input.buffer_minutes.unwrap_or(0);
        if !(0..=240).contains(&buffer_minutes) {
            errors.add("bufferMinutes", "The buffer must be between 0 and 240 minutes.");
        }
        errors.into_result()?;
        weekly.sort_by_key(|w| (w.weekday, w.window.start));
        overrides.sort_by_key(|o| (o.date, o.window.map(|w| w.start)));
        Ok(Self {
            timezone,
            weekly,
            overrides,
            min_notice_minutes,
            horizon_days,
            buffer_minutes,
        })
    }

    pub fn tz(&self) -> Tz {
        self.timezone.parse().unwrap_or(chrono_tz::UTC)
    }

    /// The windows of one local date (overrides replace the weekly hours).
    pub fn windows_on(&self, date: NaiveDate) -> Vec<Window> {
        let overrides: Vec<&DateOverride> = self.overrides.iter().filter(|o| o.date == date).collect();
        if !overrides.is_empty() {
            return overrides.iter().filter_map(|o| o.window).collect();
        }
        let weekday = date.weekday().number_from_monday() as u8;
        self.weekly
            .iter()
            .filter(|w| w.weekday == weekday)
            .map(|w| w.window)
            .collect()
    }

    /// The UTC intervals of one local date's windows.
    pub fn intervals_on(&self, date: NaiveDate) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
        let tz = self.tz();
        self.windows_on(date)
            .into_iter()
            .map(|w| (to_utc(tz, date.and_time(w.start)), to_utc(tz, date.and_time(w.end))))
            .filter(|(start, end)| end > start)
            .collect()
    }

    /// Whether a session from `start` for `minutes` lies inside one window
    /// and within notice and horizon.
    pub fn allows(&self, start: DateTime<Utc>, minutes: i64, now: DateTime<Utc>) -> bool {
        let end = start + Duration::minutes(minutes);
        if start < now + Duration::minutes(self.min_notice_minutes) || start > now + Duration::days(self.horizon_days) {
            return false;
        }
        let local_date = start.with_timezone(&self.tz()).date_naive();
        // A window may begin on the previous local date and run past midnight only
        // in zones with odd offsets; looking at both neighbours is cheap.
        [local_date.pred_opt(), Some(local_date)]
            .into_iter()
            .flatten()
            .flat_map(|d| self.intervals_on(d))
            .any(|(ws, we)| ws <= start && end <= we)
    }

    /// Free slots between two local dates (inclusive): every 30 minutes from
    /// each window's start while the whole duration fits, not overlapping a
    /// busy interval (widened by the buffer), within notice and horizon.
    pub fn free_slots(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        minutes: i64,
        busy: &[(DateTime<Utc>, DateTime<Utc>)],
        now: DateTime<Utc>,
    ) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
        let earliest = now + Duration::minutes(self.min_notice_minutes);
        let latest = now + Duration::days(self.horizon_days);
        let buffer = Duration::minutes(self.buffer_minutes);
        let length = Duration::minutes(minutes);
        let mut slots = Vec::new();
        let mut date = from;
        while date <= to {
            for (window_start, window_end) in self.intervals_on(date) {
                let mut start = window_start;
                while start + length <= window_end {
                    let end = start + length;
                    let free = busy
                        .iter()
                        .all(|(b_start, b_end)| end + buffer <= *b_start || *b_end + buffer <= start);
                    if start >= earliest && start <= latest && free {
                        slots.push((start, end));
                    }
                    start += Duration::minutes(SLOT_STEP_MINUTES);
                }
            }
            match date.succ_opt() {
                Some(next) => date = next,
                None => break,
            }
        }
        slots
    }
}

/// A local wall-clock time to UTC. In a DST gap (a time that does not
/// exist) the clock has jumped forward, so the first valid instant after
/// it is used; in an overlap (a time that happens twice) the earlier.
pub fn to_utc(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(earlier, _) => earlier.with_timezone(&Utc),
        LocalResult::None => {
            let mut probe = local;
            for _ in 0..(4 * 60) {
                probe += Duration::minutes(1);
                if let LocalResult::Single(t) | LocalResult::Ambiguous(t, _) = tz.from_local_datetime(&probe) {
                    return t.with_timezone(&Utc);
                }
            }
            Utc.from_utc_datetime(&local)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn weekdays(zone: &str, start: &str, end: &str) -> Availability {
        let input = AvailabilityInput {
            timezone: zone.into(),
            weekly: (1..=5).map(|day| (day, start.to_owned(), end.to_owned())).collect(),
            min_notice_minutes: Some(0),
            ..AvailabilityInput::default()
        };
        Availability::parse(input).unwrap()
    }

    #[test]
    fn new_york_nine_to_five_after_dst_ends() {
        // 2023-11-05 DST ended in New York; on Monday 2023-11-06 09:00-17:00 EST is 14:00Z-22:00Z.
        let a = weekdays("America/New_York", "09:00", "17:00");
        assert_eq!(
            a.intervals_on(d("2023-11-06")),
            vec![(utc("2023-11-06T14:00:00Z"), utc("2023-11-06T22:00:00Z"))]
        );
        // The Friday before, still on daylight time: 13:00Z-21:00Z.
        assert_eq!(
            a.intervals_on(d("2023-11-03")),
            vec![(utc("2023-11-03T13:00:00Z"), utc("2023-11-03T21:00:00Z"))]
        );
        assert!(a.intervals_on(d("2023-11-05")).is_empty(), "Sunday");
    }

    #[test]
    fn berlin_spring_forward_skips_the_missing_hour() {
        // 2026-03-29: at 02:00 Berlin clocks jump to 03:00.
        let input = AvailabilityInput {
            timezone: "Europe/Berlin".into(),
            weekly: vec![(7, "01:00".into(), "05:00".into())],
            min_notice_minutes: Some(0),
            horizon_days: Some(365),
            ..AvailabilityInput::default()
        };
        let a = Availability::parse(input).unwrap();
        let windows = a.intervals_on(d("2026-03-29"));
        // 01:00 CET = 00:00Z; 05:00 CEST = 03:00Z: three real hours, not four.
        assert_eq!(
            windows,
            vec![(utc("2026-03-29T00:00:00Z"), utc("2026-03-29T03:00:00Z"))]
        );
        let now = utc("2026-03-01T00:00:00Z");
        let slots = a.free_slots(d("2026-03-29"), d("2026-03-29"), 60, &[], now);
        assert_eq!(slots.len(), 5);
        assert_eq!(slots[0].0, utc("2026-03-29T00:00:00Z"));
        assert_eq!(slots.last().unwrap().1, utc("2026-03-29T03:00:00Z"));
        // A local 02:30 does not exist; it maps to the first instant after the gap.
        assert_eq!(
            to_utc(a.tz(), d("2026-03-29").and_hms_opt(2, 30, 0).unwrap()),
            utc("2026-03-29T01:00:00Z")
        );
    }

    #[test]
    fn kolkata_half_hour_offset() {
        let a = weekdays("Asia/Kolkata", "10:00", "12:00");
        // Monday 2026-11-23 10:00 IST = 04:30Z.
        let now = utc("2026-11-20T00:00:00Z");
        let slots = a.free_slots(d("2026-11-23"), d("2026-11-23"), 60, &[], now);
        let starts: Vec<DateTime<Utc>> = slots.iter().map(|s| s.0).collect();
        assert_eq!(
            starts,
            vec![
                utc("2026-11-23T04:30:00Z"),
                utc("2026-11-23T05:00:00Z"),
                utc("2026-11-23T05:30:00Z")
            ]
        );
    }

    #[test]
    fn busy_time_buffer_notice_and_horizon_remove_slots() {
        let mut a = weekdays("UTC", "09:00", "12:00");
        a.buffer_minutes = 15;
        a.min_notice_minutes = 120;
        a.horizon_days = 3;
        let now = utc("2026-11-23T08:00:00Z");
        let busy = [(utc("2026-11-23T10:30:00Z"), utc("2026-11-23T11:00:00Z"))];
        let slots = a.free_slots(d("2026-11-23"), d("2026-11-30"), 30, &busy, now);
        let starts: Vec<String> = slots.iter().map(|s| s.0.format("%d %H:%M").to_string()).collect();
        // 09:00/09:30 too soon (2 h notice); 10:00 ends 10:30 + 15 min buffer > 10:30: taken;
        // 11:00 starts within the buffer after 11:00; horizon ends on the 26th at 08:00.
        assert_eq!(
            &starts[..4],
            ["23 11:30", "24 09:00", "24 09:30", "24 10:00"],
            "{starts:?}"
        );
        assert!(starts.iter().all(|s| s.as_str() < "26 08:01"), "{starts:?}");
    }

    #[test]
    fn overrides_replace_weekly_hours() {
        let mut input = AvailabilityInput {
            timezone: "UTC".into(),
            weekly: vec![(1, "09:00".into(), "10:00".into())],
            overrides: vec![
                ("2026-11-23".into(), None, None),
                ("2026-11-24".into(), Some("14:00".into()), Some("15:00".into())),
            ],
            min_notice_minutes: Some(0),
            ..AvailabilityInput::default()
        };
        let a = Availability::parse(input.clone()).unwrap();
        assert!(a.windows_on(d("2026-11-23")).is_empty(), "Monday off");
        assert_eq!(a.windows_on(d("2026-11-30")).len(), 1, "next Monday as usual");
        assert_eq!(a.windows_on(d("2026-11-24"))[0].start, parse_time("14:00").unwrap());
        input
            .overrides
            .push(("2026-11-23".into(), Some("08:00".into()), Some("09:00".into())));
        assert!(Availability::parse(input).is_err(), "a day off cannot also have hours");
    }

    #[test]
    fn bad_input_is_named() {
        let input = AvailabilityInput {
            timezone: "Mars/Base".into(),
            weekly: vec![
                (8, "09:00".into(), "10:00".into()),
                (1, "10:00".into(), "09:00".into()),
                (2, "9am".into(), "10:00".into()),
            ],
            overrides: vec![("24/12/2026".into(), None, None)],
            min_notice_minutes: Some(-1),
            horizon_days: Some(0),
            buffer_minutes: Some(500),
        };
        let errors = Availability::parse(input).unwrap_err();
        for field in [
            "timezone",
            "weekly",
            "overrides",
            "minNoticeMinutes",
            "horizonDays",
            "bufferMinutes",
        ] {
            assert!(errors.get(field).is_some(), "{field}");
        }
        let overlapping = AvailabilityInput {
            weekly: vec![(1, "09:00".into(), "11:00".into()), (1, "10:00".into(), "12:00".into())],
            ..AvailabilityInput::default()
        };
        assert!(Availability::parse(overlapping).is_err());
    }

    #[test]
    fn allows_checks_windows_notice_and_horizon() {
        let a = weekdays("America/New_York", "09:00", "17:00");
        let now = utc("2023-11-01T00:00:00Z");
        assert!(a.allows(utc("2023-11-06T14:00:00Z"), 60, now));
        assert!(a.allows(utc("2023-11-06T21:00:00Z"), 60, now));
        assert!(!a.allows(utc("2023-11-06T21:30:00Z"), 60, now), "runs past 17:00");
        assert!(!a.allows(utc("2023-11-06T13:30:00Z"), 30, now), "before 09:00");
        assert!(!a.allows(utc("2023-11-05T15:00:00Z"), 30, now), "Sunday");
        assert!(
            !a.allows(utc("2024-02-05T15:00:00Z"), 30, now),
            "past the 60-day horizon"
        );
    }
}
