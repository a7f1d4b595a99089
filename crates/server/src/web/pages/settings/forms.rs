//! What the settings forms show: the mentor profile and the weekly
//! availability editor, prepared from what is stored.

use mentorhub_domain::availability::{Availability, DEFAULT_HORIZON_DAYS, DEFAULT_MIN_NOTICE_MINUTES};
use mentorhub_store::MentorProfileRecord;

/// The mentor profile as the form shows it (lists comma-joined).
#[derive(Default)]
pub struct ProfileForm {
    pub(super) headline: String,
    pub(super) bio: String,
    pub(super) company: String,
    pub(super) job_title: String,
    pub(super) expertise: String,
    pub(super) specializations: String,
    pub(super) languages: String,
    pub(super) years_experience: String,
    pub(super) max_mentees: String,
    pub(super) accepting: bool,
}

impl ProfileForm {
    pub(super) fn from_record(record: Option<&MentorProfileRecord>) -> Self {
        match record {
            Some(r) => {
                let p = &r.profile;
                Self {
                    headline: p.headline.clone(),
                    bio: p.bio.clone(),
                    company: p.company.clone(),
                    job_title: p.job_title.clone(),
                    expertise: p.expertise.join(", "),
                    specializations: p.specializations.join(", "),
                    languages: p.languages.join(", "),
                    years_experience: p.years_experience.to_string(),
                    max_mentees: p.max_mentees.to_string(),
                    accepting: p.accepting_mentees,
                }
            }
            None => Self {
                years_experience: "0".into(),
                max_mentees: "3".into(),
                accepting: true,
                ..Self::default()
            },
        }
    }
}

pub struct DayRow {
    pub(super) number: u8,
    pub(super) name: &'static str,
    pub(super) start: String,
    pub(super) end: String,
}

/// The availability editor: one window per weekday, exceptions as lines.
pub struct AvailabilityForm {
    pub(super) timezone: String,
    pub(super) days: Vec<DayRow>,
    pub(super) overrides: String,
    pub(super) min_notice: String,
    pub(super) horizon: String,
    pub(super) buffer: String,
    pub(super) meeting_url: String,
}

pub(super) const DAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

impl AvailabilityForm {
    pub(super) fn new(a: Option<&Availability>, zone: &str, meeting_url: Option<String>) -> Self {
        let days = (1..=7u8)
            .map(|number| {
                let window = a
                    .and_then(|a| a.weekly.iter().find(|w| w.weekday == number))
                    .map(|w| w.window);
                DayRow {
                    number,
                    name: DAY_NAMES[usize::from(number - 1)],
                    start: window.map(|w| w.start.format("%H:%M").to_string()).unwrap_or_default(),
                    end: window.map(|w| w.end.format("%H:%M").to_string()).unwrap_or_default(),
                }
            })
            .collect();
        let overrides = a
            .map(|a| {
                a.overrides
                    .iter()
                    .map(|o| match o.window {
                        Some(w) => format!("{} {}-{}", o.date, w.start.format("%H:%M"), w.end.format("%H:%M")),
                        None => format!("{} off", o.date),
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default();
        Self {
            timezone: a.map_or(zone.to_owned(), |a| a.timezone.clone()),
            days,
            overrides,
            min_notice: a
                .map_or(DEFAULT_MIN_NOTICE_MINUTES, |a| a.min_notice_minutes)
                .to_string(),
            horizon: a.map_or(DEFAULT_HORIZON_DAYS, |a| a.horizon_days).to_string(),
            buffer: a.map_or(0, |a| a.buffer_minutes).to_string(),
            meeting_url: meeting_url.unwrap_or_default(),
        }
    }
}

impl AvailabilityForm {
    /// The form as it was posted (shown again with its errors).
    pub(super) fn from_fields(timezone: &str, fields: &std::collections::HashMap<String, String>) -> Self {
        let get = |name: &str| fields.get(name).cloned().unwrap_or_default();
        Self {
            timezone: timezone.to_owned(),
            days: (1..=7u8)
                .map(|number| DayRow {
                    number,
                    name: DAY_NAMES[usize::from(number - 1)],
                    start: get(&format!("start_{number}")),
                    end: get(&format!("end_{number}")),
                })
                .collect(),
            overrides: get("overrides"),
            min_notice: get("min_notice"),
            horizon: get("horizon"),
            buffer: get("buffer"),
            meeting_url: get("meeting_url"),
        }
    }
}
