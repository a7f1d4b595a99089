//! The parser against feeds in the shapes Google, Outlook and Apple write
//! (`fixtures/`), with the busy intervals each must give as fixed UTC values.

use chrono::{DateTime, Utc};

use super::parse::{busy_intervals, Busy};

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
}

fn busy(ics: &str) -> Vec<(String, String)> {
    let owner = chrono_tz::Europe::Berlin;
    busy_intervals(ics, owner, utc("2027-03-01T00:00:00Z"), utc("2027-05-30T00:00:00Z"))
        .expect("a calendar")
        .into_iter()
        .map(|Busy { start, end }| {
            (
                start.format("%Y-%m-%dT%H:%MZ").to_string(),
                end.format("%Y-%m-%dT%H:%MZ").to_string(),
            )
        })
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

#[test]
fn google_weekly_across_dst_with_exdate_override_free_and_all_day() {
    let got = busy(include_str!("fixtures/google.ics"));
    assert_eq!(
        got,
        pairs(&[
            // Monday 09:00 New York: EST (UTC-5) before 14 March, EDT after.
            ("2027-03-01T14:00Z", "2027-03-01T15:00Z"),
            // The day off, a whole day in the owner's zone (Berlin).
            ("2027-03-04T23:00Z", "2027-03-05T23:00Z"),
            // 8 March moved to 11:00 by a RECURRENCE-ID override.
            ("2027-03-08T16:00Z", "2027-03-08T17:00Z"),
            ("2027-03-15T13:00Z", "2027-03-15T14:00Z"),
            // 22 March is an EXDATE; the transparent event is not busy.
        ])
    );
}

#[test]
fn outlook_windows_zone_names_until_cancelled_and_duration() {
    let got = busy(include_str!("fixtures/outlook.ics"));
    assert_eq!(
        got,
        pairs(&[
            // Every 4 days at 17:00 "W. Europe Standard Time" (Berlin), until the
            // 30th at 15:00 UTC inclusive; Europe moves to summer time on the 28th.
            ("2027-03-22T16:00Z", "2027-03-22T17:00Z"),
            ("2027-03-26T16:00Z", "2027-03-26T17:00Z"),
            ("2027-03-30T15:00Z", "2027-03-30T16:00Z"),
            // 08:00 "Pacific Standard Time" in April is PDT (UTC-7), 90 minutes.
            ("2027-04-01T15:00Z", "2027-04-01T16:30Z"),
        ])
    );
}

#[test]
fn apple_floating_multi_day_rdate_cancelled_occurrence_and_our_own_events() {
    let got = busy(include_str!("fixtures/apple.ics"));
    assert_eq!(
        got,
        pairs(&[
            ("2027-03-15T17:00Z", "2027-03-15T18:00Z"),
            // Floating 10:00 is read in the owner's zone (Berlin, summer time).
            ("2027-04-10T08:00Z", "2027-04-10T09:30Z"),
            ("2027-04-11T22:00Z", "2027-04-13T22:00Z"),
            // The RDATE; the 15 April occurrence is cancelled by its override.
            ("2027-04-20T16:00Z", "2027-04-20T17:00Z"),
            ("2027-05-15T16:00Z", "2027-05-15T17:00Z"),
            // The session from our own feed is not counted again.
        ])
    );
}

#[test]
fn only_the_window_is_kept_and_endless_rules_stop_at_its_end() {
    let ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:daily\r\nDTSTART:20260101T120000Z\r\n\
               DTEND:20260101T130000Z\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let got = busy(ics);
    assert_eq!(got.len(), 90, "one a day from 1 March to 29 May");
    assert_eq!(got[0].0, "2027-03-01T12:00Z");
    assert_eq!(got[89].0, "2027-05-29T12:00Z");
}

#[test]
fn text_that_is_not_a_calendar_is_an_error() {
    let owner = chrono_tz::UTC;
    let (from, to) = (utc("2027-03-01T00:00:00Z"), utc("2027-05-30T00:00:00Z"));
    assert!(busy_intervals("<html>Sign in</html>", owner, from, to).is_err());
    assert_eq!(
        busy_intervals("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", owner, from, to),
        Ok(Vec::new())
    );
}

#[test]
fn hostile_feeds_are_refused_or_bounded_never_a_crash() {
    let owner = chrono_tz::UTC;
    let (from, to) = (utc("2027-03-01T00:00:00Z"), utc("2027-05-30T00:00:00Z"));
    // Nesting deep enough to exhaust a parser's stack.
    let deep = format!("{}{}", "BEGIN:A\r\n".repeat(100_000), "END:A\r\n".repeat(100_000));
    assert!(busy_intervals(&deep, owner, from, to).is_err());
    assert!(busy_intervals("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n", owner, from, to).is_err());
    // Durations and ends that would overflow are not busy (and do not panic).
    let huge = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20270302T100000Z\r\nDURATION:P99999999999999W\r\nEND:VEVENT\r\n\
                BEGIN:VEVENT\r\nUID:b\r\nDTSTART;VALUE=DATE:20270303\r\nDURATION:P99999999D\r\nEND:VEVENT\r\n\
                BEGIN:VEVENT\r\nUID:c\r\nDTSTART:20270304T100000Z\r\nDTEND:99991231T000000Z\r\nEND:VEVENT\r\n\
                BEGIN:VEVENT\r\nUID:d\r\nDTSTART:20270305T100000Z\r\nDURATION:PT2H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let got = busy_intervals(huge, owner, from, to).unwrap();
    // An unreadable DURATION leaves an all-day event its one day and a timed
    // one no time; an end thousands of years later is not a booking.
    let got: Vec<String> = got
        .iter()
        .map(|b| format!("{}/{}", b.start.to_rfc3339(), b.end.to_rfc3339()))
        .collect();
    assert_eq!(
        got,
        [
            "2027-03-03T00:00:00+00:00/2027-03-04T00:00:00+00:00",
            "2027-03-05T10:00:00+00:00/2027-03-05T12:00:00+00:00"
        ]
    );
    // A rule every second since 1900 is one occurrence, not billions.
    let spin = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:s\r\nDTSTART:19000101T000000Z\r\nDTEND:19000101T000001Z\r\n\
                RRULE:FREQ=SECONDLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    assert_eq!(busy_intervals(spin, owner, from, to).unwrap(), Vec::new());
    // A daily rule since 1900 still lands on the right days, quickly.
    let old = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:o\r\nDTSTART;TZID=Europe/Berlin:19000101T090000\r\n\
               DTEND;TZID=Europe/Berlin:19000101T100000\r\nRRULE:FREQ=WEEKLY;INTERVAL=2\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let weeks = busy_intervals(old, owner, from, to).unwrap();
    assert!(!weeks.is_empty());
    let berlin = chrono_tz::Europe::Berlin;
    for pair in weeks.windows(2) {
        let (a, b) = (
            pair[0].start.with_timezone(&berlin),
            pair[1].start.with_timezone(&berlin),
        );
        assert_eq!(
            (b.date_naive() - a.date_naive()).num_days(),
            14,
            "every other week: {weeks:?}"
        );
        assert_eq!(
            b.format("%a %H:%M").to_string(),
            "Mon 09:00",
            "09:00 across the DST change"
        );
    }
    // 1 January 1900 plus a whole number of fortnights.
    let since = weeks[0].start.date_naive() - chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
    assert_eq!(since.num_days() % 14, 0);
    let first = weeks[0].start.with_timezone(&chrono_tz::Europe::Berlin);
    assert_eq!(
        first.format("%a %H:%M").to_string(),
        "Mon 09:00",
        "1 January 1900 was a Monday"
    );
    // Thousands of events stop at the cap.
    let mut many = String::from("BEGIN:VCALENDAR\r\n");
    for i in 0..6000 {
        many.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:m{i}\r\nDTSTART:20270310T{:02}{:02}00Z\r\nDURATION:PT1M\r\nEND:VEVENT\r\n",
            (i / 60) % 24,
            i % 60
        ));
        if i % 1440 == 1439 {
            many = many.replace("20270310", "20270311");
        }
    }
    many.push_str("END:VCALENDAR\r\n");
    assert!(busy_intervals(&many, owner, from, to).unwrap().len() <= super::parse::MAX_INTERVALS);
}
