//! Scoring mentors for a mentee: shared interests, room to take them on,
//! rating and time-zone distance, with reasons a person can read.

use chrono::{DateTime, Offset, Utc};
use chrono_tz::Tz;

use crate::search::terms;

pub struct Mentee<'a> {
    pub interests: &'a [String],
    pub goals: &'a str,
    pub timezone: &'a str,
}

pub struct Candidate<'a> {
    pub expertise: &'a [String],
    pub specializations: &'a [String],
    pub remaining_capacity: i64,
    pub rating_average: Option<f64>,
    pub rating_count: i64,
    pub timezone: &'a str,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Recommendation {
    pub score: f64,
    pub reasons: Vec<String>,
}

fn offset_minutes(zone: &str, now: DateTime<Utc>) -> i32 {
    let tz: Tz = zone.parse().unwrap_or(chrono_tz::UTC);
    now.with_timezone(&tz).offset().fix().local_minus_utc() / 60
}

/// "2 hours ahead of you", "30 minutes behind you", "in your time zone".
pub fn zone_distance(mentor_zone: &str, mentee_zone: &str, now: DateTime<Utc>) -> (i32, String) {
    let diff = offset_minutes(mentor_zone, now) - offset_minutes(mentee_zone, now);
    if diff == 0 {
        return (0, "In your time zone".into());
    }
    let direction = if diff > 0 { "ahead of" } else { "behind" };
    let minutes = diff.abs();
    let amount = match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} minutes"),
        (1, 0) => "1 hour".to_owned(),
        (h, 0) => format!("{h} hours"),
        (h, m) => format!("{h} h {m} min"),
    };
    (diff, format!("{amount} {direction} you"))
}

fn matches_interest(interest: &str, tag: &str) -> bool {
    let interest = interest.to_lowercase();
    let tag = tag.to_lowercase();
    interest == tag
        || tag.split_whitespace().any(|w| w.starts_with(&interest))
        || (interest.len() >= 4 && tag.starts_with(&interest))
        || (tag.len() >= 4 && interest.starts_with(&tag))
}

pub fn score(mentee: &Mentee<'_>, mentor: &Candidate<'_>, now: DateTime<Utc>) -> Recommendation {
    let mut score = 0.0;
    let mut reasons = Vec::new();
    let tags: Vec<&String> = mentor.expertise.iter().chain(mentor.specializations.iter()).collect();

    let mut shared: Vec<String> = Vec::new();
    for interest in mentee.interests {
        if let Some(tag) = tags.iter().find(|t| matches_interest(interest, t)) {
            score += 3.0;
            if !shared.iter().any(|s| s.eq_ignore_ascii_case(tag)) {
                shared.push(tag.to_lowercase());
            }
        }
    }
    if !shared.is_empty() {
        reasons.push(format!(
            "Also works on {}",
            shared.iter().take(2).cloned().collect::<Vec<_>>().join(" and ")
        ));
    }

    let goal_terms = terms(mentee.goals);
    let mut goal_hits = 0;
    let mut helps_with: Option<&String> = None;
    for tag in &tags {
        let tag_terms = terms(tag);
        if tag_terms.iter().any(|w| {
            w.len() >= 3
                && goal_terms
                    .iter()
                    .any(|g| g.len() >= 3 && (g.starts_with(w.as_str()) || w.starts_with(g.as_str())))
        }) {
            goal_hits += 1;
            if helps_with.is_none() && mentor.specializations.contains(tag) {
                helps_with = Some(tag);
            }
        }
    }
    score += f64::from(goal_hits.min(3));
    if let Some(spec) = helps_with {
        reasons.push(format!("Can help with {}", spec.to_lowercase()));
    }

    let room = mentor.remaining_capacity.max(0);
    score += (room.min(3) as f64) * 0.5;
    if room >= 2 {
        reasons.push(format!("Has room for {room} more mentees"));
    }

    if let (Some(average), count) = (mentor.rating_average, mentor.rating_count) {
        if count > 0 {
            score += (average - 3.0) * (count.min(10) as f64 / 10.0 + 0.5);
            if average >= 4.5 && count >= 3 {
                reasons.push(format!("Rated {average:.1} by {count} mentees"));
            }
        }
    }

    let (diff, text) = zone_distance(mentor.timezone, mentee.timezone, now);
    score -= f64::from(diff.abs()) / 60.0 * 0.25;
    reasons.push(text);

    Recommendation {
        score: (score * 100.0).round() / 100.0,
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn strings(values: &[&str]) -> Vec<String> {
        values.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn zone_distance_reads_well_and_knows_half_hours() {
        let now = Utc.with_ymd_and_hms(2026, 1, 15, 12, 0, 0).unwrap();
        assert_eq!(
            zone_distance("Europe/Berlin", "Europe/London", now).1,
            "1 hour ahead of you"
        );
        assert_eq!(
            zone_distance("Europe/Helsinki", "Europe/London", now).1,
            "2 hours ahead of you"
        );
        assert_eq!(
            zone_distance("America/New_York", "Europe/London", now).1,
            "5 hours behind you"
        );
        assert_eq!(zone_distance("Asia/Kolkata", "UTC", now).1, "5 h 30 min ahead of you");
        assert_eq!(
            zone_distance("Europe/Paris", "Europe/Berlin", now).1,
            "In your time zone"
        );
        // In July, Berlin and New York both observe summer time: still 6 hours.
        let summer = Utc.with_ymd_and_hms(2026, 7, 15, 12, 0, 0).unwrap();
        assert_eq!(
            zone_distance("Europe/Berlin", "America/New_York", summer).1,
            "6 hours ahead of you"
        );
    }

    #[test]
    fn shared_interests_and_closeness_rank_higher() {
        let now = Utc.with_ymd_and_hms(2026, 1, 15, 12, 0, 0).unwrap();
        let interests = strings(&["Distributed systems", "rust"]);
        let mentee = Mentee {
            interests: &interests,
            goals: "Prepare for system design interviews",
            timezone: "Europe/London",
        };
        let (exp_a, spec_a) = (
            strings(&["Rust", "Distributed systems"]),
            strings(&["System design interviews"]),
        );
        let (exp_b, spec_b) = (strings(&["Figma"]), strings(&["Portfolio review"]));
        let near_match = Candidate {
            expertise: &exp_a,
            specializations: &spec_a,
            remaining_capacity: 3,
            rating_average: None,
            rating_count: 0,
            timezone: "Europe/Berlin",
        };
        let far_match = Candidate {
            timezone: "Pacific/Auckland",
            ..Candidate {
                expertise: &exp_a,
                specializations: &spec_a,
                remaining_capacity: 3,
                rating_average: None,
                rating_count: 0,
                timezone: "",
            }
        };
        let no_match = Candidate {
            expertise: &exp_b,
            specializations: &spec_b,
            remaining_capacity: 3,
            rating_average: None,
            rating_count: 0,
            timezone: "Europe/London",
        };
        let a = score(&mentee, &near_match, now);
        let b = score(&mentee, &far_match, now);
        let c = score(&mentee, &no_match, now);
        assert!(a.score > b.score && b.score > c.score, "{a:?} {b:?} {c:?}");
        assert_eq!(a.reasons[0], "Also works on distributed systems and rust");
        assert!(a.reasons.contains(&"Can help with system design interviews".to_owned()));
        assert!(a.reasons.contains(&"1 hour ahead of you".to_owned()));
        assert!(!c.reasons.iter().any(|r| r.starts_with("Also works on")));
    }

    #[test]
    fn good_ratings_lift_and_show() {
        let now = Utc.with_ymd_and_hms(2026, 1, 15, 12, 0, 0).unwrap();
        let none: Vec<String> = vec![];
        let mentee = Mentee {
            interests: &none,
            goals: "",
            timezone: "UTC",
        };
        let rated = Candidate {
            expertise: &none,
            specializations: &none,
            remaining_capacity: 1,
            rating_average: Some(4.8),
            rating_count: 12,
            timezone: "UTC",
        };
        let unrated = Candidate {
            rating_average: None,
            rating_count: 0,
            ..Candidate {
                expertise: &none,
                specializations: &none,
                remaining_capacity: 1,
                rating_average: None,
                rating_count: 0,
                timezone: "UTC",
            }
        };
        let r = score(&mentee, &rated, now);
        assert!(r.score > score(&mentee, &unrated, now).score);
        assert!(r.reasons.contains(&"Rated 4.8 by 12 mentees".to_owned()));
    }
}
