use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use mentorhub_domain::availability::{
    Availability, AvailabilityInput, DEFAULT_HORIZON_DAYS, DEFAULT_MIN_NOTICE_MINUTES,
};
use mentorhub_domain::profile::split_tags;
use mentorhub_domain::{FieldErrors, MentorProfileInput};
use mentorhub_store::{MentorProfileRecord, UserRecord};
use serde::Deserialize;

use super::form::CsrfForm;
use super::shell::{redirect_with_flash, to_sign_in, Shell};
use crate::services;
use crate::services::accounts;
use crate::services::availability::{self, Publication};
use crate::services::conflict::Conflict;
use crate::state::AppState;
use crate::web::error::{Error, Result};
use mentorhub_domain::local_time::zone_names;

/// The mentor profile as the form shows it (lists comma-joined).
#[derive(Default)]
pub struct ProfileForm {
    headline: String,
    bio: String,
    company: String,
    job_title: String,
    expertise: String,
    specializations: String,
    languages: String,
    years_experience: String,
    max_mentees: String,
    accepting: bool,
}

impl ProfileForm {
    fn from_record(record: Option<&MentorProfileRecord>) -> Self {
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

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    shell: Shell,
    name: String,
    timezone: String,
    zones: Vec<&'static str>,
    is_mentee: bool,
    interests: String,
    goals: String,
    is_mentor: bool,
    profile: ProfileForm,
    availability: AvailabilityForm,
    calendar_url: String,
    errors: FieldErrors,
}

pub struct DayRow {
    number: u8,
    name: &'static str,
    start: String,
    end: String,
}

/// The availability editor: one window per weekday, exceptions as lines.
pub struct AvailabilityForm {
    timezone: String,
    days: Vec<DayRow>,
    overrides: String,
    min_notice: String,
    horizon: String,
    buffer: String,
    meeting_url: String,
}

const DAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

impl AvailabilityForm {
    fn from(a: Option<&Availability>, zone: &str, meeting_url: Option<String>) -> Self {
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

async fn page(state: &AppState, shell: Shell, user: &UserRecord) -> Result<SettingsPage> {
    let record = state.store.mentor_profile(user.id).await?;
    let availability = state.store.availability(user.id).await?;
    let meeting_url = state.store.mentor_meeting_url(user.id).await?;
    let token = state
        .store
        .calendar_token(
            user.id,
            &crate::services::accounts::tokens::new_token(),
            state.clock.now(),
        )
        .await?;
    Ok(SettingsPage {
        name: user.name.clone(),
        timezone: user.timezone.clone(),
        zones: zone_names(),
        is_mentee: user.is_mentee,
        interests: user.interests.join(", "),
        goals: user.goals.clone(),
        is_mentor: user.is_mentor,
        profile: ProfileForm::from_record(record.as_ref()),
        availability: AvailabilityForm::from(availability.as_ref(), &user.timezone, meeting_url),
        calendar_url: format!("{}/calendar/{token}.ics", state.config.public_url()),
        errors: FieldErrors::new(),
        shell,
    })
}

fn unprocessable(page: SettingsPage) -> Response {
    let mut response = page.shell.render(&page);
    *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    response
}

pub async fn settings(State(state): State<AppState>, shell: Shell) -> Result<Response> {
    let Some(user) = shell.user.clone() else {
        return Ok(to_sign_in("/settings"));
    };
    let page = page(&state, shell, &user).await?;
    Ok(page.shell.render(&page))
}

#[derive(Deserialize)]
pub struct AccountFields {
    #[serde(default)]
    name: String,
    #[serde(default)]
    timezone: String,
}

pub async fn save_account(
    State(state): State<AppState>,
    shell: Shell,
    CsrfForm(fields): CsrfForm<AccountFields>,
) -> Result<Response> {
    let Some(user) = shell.user.clone() else {
        return Ok(to_sign_in("/settings"));
    };
    match accounts::update_account(&state, &user, Some(&fields.name), Some(&fields.timezone))
        .await
        .map_err(Error::from)
    {
        Ok(_) => Ok(redirect_with_flash(
            "/settings",
            "success",
            "Your account is saved.",
            state.config.secure_cookies(),
        )),
        Err(Error::Validation(errors)) => {
            let mut page = page(&state, shell, &user).await?;
            page.name = fields.name;
            page.errors = errors;
            Ok(unprocessable(page))
        }
        Err(other) => Err(other),
    }
}

#[derive(Deserialize)]
pub struct ProfileFields {
    #[serde(default)]
    headline: String,
    #[serde(default)]
    bio: String,
    #[serde(default)]
    company: String,
    #[serde(default)]
    job_title: String,
    #[serde(default)]
    expertise: String,
    #[serde(default)]
    specializations: String,
    #[serde(default)]
    languages: String,
    #[serde(default)]
    years_experience: String,
    #[serde(default)]
    max_mentees: String,
    accepting_mentees: Option<String>,
}

pub async fn save_mentor_profile(
    State(state): State<AppState>,
    shell: Shell,
    CsrfForm(fields): CsrfForm<ProfileFields>,
) -> Result<Response> {
    let Some(user) = shell.user.clone() else {
        return Ok(to_sign_in("/settings"));
    };
    let mut number_errors = FieldErrors::new();
    let years = fields.years_experience.trim().parse::<i64>().unwrap_or_else(|_| {
        number_errors.add("yearsExperience", "Years of experience must be a whole number.");
        0
    });
    let max_mentees = fields.max_mentees.trim().parse::<i64>().unwrap_or_else(|_| {
        number_errors.add("maxMentees", "Maximum mentees must be a whole number.");
        1
    });
    let input = MentorProfileInput {
        headline: fields.headline.clone(),
        bio: fields.bio.clone(),
        company: fields.company.clone(),
        job_title: fields.job_title.clone(),
        expertise: split_tags(&fields.expertise),
        specializations: split_tags(&fields.specializations),
        years_experience: years,
        languages: split_tags(&fields.languages),
        accepting_mentees: fields.accepting_mentees.is_some(),
        max_mentees,
    };
    let result = match number_errors.is_empty() {
        true => accounts::save_mentor_profile(&state, &user, input)
            .await
            .map(|_| ())
            .map_err(Error::from),
        false => Err(Error::Validation(number_errors)),
    };
    match result {
        Ok(()) => Ok(redirect_with_flash(
            "/settings#mentor-profile",
            "success",
            "Your mentor profile is saved.",
            state.config.secure_cookies(),
        )),
        Err(Error::Validation(errors)) => {
            let mut page = page(&state, shell, &user).await?;
            page.profile = ProfileForm {
                headline: fields.headline,
                bio: fields.bio,
                company: fields.company,
                job_title: fields.job_title,
                expertise: fields.expertise,
                specializations: fields.specializations,
                languages: fields.languages,
                years_experience: fields.years_experience,
                max_mentees: fields.max_mentees,
                accepting: fields.accepting_mentees.is_some(),
            };
            page.errors = errors;
            Ok(unprocessable(page))
        }
        Err(other) => Err(other),
    }
}

#[derive(Deserialize)]
pub struct LearningFields {
    #[serde(default)]
    interests: String,
    #[serde(default)]
    goals: String,
}

pub async fn save_learning(
    State(state): State<AppState>,
    shell: Shell,
    CsrfForm(fields): CsrfForm<LearningFields>,
) -> Result<Response> {
    let Some(user) = shell.user.clone() else {
        return Ok(to_sign_in("/settings"));
    };
    let interests = split_tags(&fields.interests);
    match accounts::update_learning_goals(&state, &user, Some(&interests), Some(&fields.goals))
        .await
        .map_err(Error::from)
    {
        Ok(_) => Ok(redirect_with_flash(
            "/settings#learning",
            "success",
            "Saved. Your recommendations now use it.",
            state.config.secure_cookies(),
        )),
        Err(Error::Validation(errors)) => {
            let mut page = page(&state, shell, &user).await?;
            page.interests = fields.interests;
            page.goals = fields.goals;
            page.errors = errors;
            Ok(unprocessable(page))
        }
        Err(other) => Err(other),
    }
}

#[derive(Deserialize)]
pub struct AvailabilityFields {
    #[serde(default)]
    timezone: String,
    #[serde(flatten)]
    days: std::collections::HashMap<String, String>,
}

fn field_number(
    fields: &std::collections::HashMap<String, String>,
    name: &str,
    label: &str,
    errors: &mut FieldErrors,
    key: &str,
) -> Option<i64> {
    match fields.get(name).map(|v| v.trim()).filter(|v| !v.is_empty()) {
        None => None,
        Some(text) => match text.parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => {
                errors.add(key, format!("{label} must be a whole number."));
                None
            }
        },
    }
}

/// "2026-12-24 off" or "2026-12-27 10:00-14:00", one per line.
fn parse_override_lines(text: &str, errors: &mut FieldErrors) -> Vec<(String, Option<String>, Option<String>)> {
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let mut parts = line.split_whitespace();
        let (Some(date), Some(rest)) = (parts.next(), parts.next()) else {
            errors.add(
                "overrides",
                format!("\"{line}\": write a date and \"off\" or hours like 10:00-14:00."),
            );
            continue;
        };
        if rest.eq_ignore_ascii_case("off") {
            out.push((date.to_owned(), None, None));
        } else if let Some((start, end)) = rest.split_once('-') {
            out.push((date.to_owned(), Some(start.to_owned()), Some(end.to_owned())));
        } else {
            errors.add(
                "overrides",
                format!("\"{line}\": write \"off\" or hours like 10:00-14:00."),
            );
        }
    }
    out
}

pub async fn save_availability(
    State(state): State<AppState>,
    shell: Shell,
    CsrfForm(f): CsrfForm<AvailabilityFields>,
) -> Result<Response> {
    let Some(user) = shell.user.clone() else {
        return Ok(to_sign_in("/settings"));
    };
    let mut errors = FieldErrors::new();
    let mut weekly = Vec::new();
    for day in 1..=7i64 {
        let time = |name: &str| {
            f.days
                .get(&format!("{name}_{day}"))
                .map(|v| v.trim().to_owned())
                .unwrap_or_default()
        };
        let (start, end) = (time("start"), time("end"));
        match (start.is_empty(), end.is_empty()) {
            (true, true) => {}
            (false, false) => weekly.push((day, start, end)),
            _ => errors.add(
                "weekly",
                format!("{}: give both times, or neither.", DAY_NAMES[(day - 1) as usize]),
            ),
        }
    }
    let overrides = parse_override_lines(f.days.get("overrides").map(String::as_str).unwrap_or(""), &mut errors);
    let input = AvailabilityInput {
        timezone: f.timezone.clone(),
        weekly,
        overrides,
        min_notice_minutes: field_number(&f.days, "min_notice", "Minimum notice", &mut errors, "minNoticeMinutes"),
        horizon_days: field_number(&f.days, "horizon", "Booking horizon", &mut errors, "horizonDays"),
        buffer_minutes: field_number(&f.days, "buffer", "Buffer", &mut errors, "bufferMinutes"),
    };
    let publication = Publication {
        input,
        meeting_url: f.days.get("meeting_url").cloned(),
        errors,
    };
    let secure = state.config.secure_cookies();
    match availability::publish(&state, &user, publication).await {
        Ok(_) => Ok(redirect_with_flash(
            "/settings#availability",
            "success",
            "Your availability is saved.",
            secure,
        )),
        Err(services::Error::Conflict(conflict @ Conflict::NoMentorProfile)) => Ok(redirect_with_flash(
            "/settings#mentor-profile",
            "error",
            &conflict.message(),
            secure,
        )),
        Err(services::Error::Invalid(errors)) => {
            let mut page = page(&state, shell, &user).await?;
            page.errors = errors;
            Ok(unprocessable(page))
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize)]
pub struct NoFields {}

pub async fn rotate_calendar(
    State(state): State<AppState>,
    shell: Shell,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response> {
    let Some(user) = shell.user.clone() else {
        return Ok(to_sign_in("/settings"));
    };
    state
        .store
        .rotate_calendar_token(
            user.id,
            &crate::services::accounts::tokens::new_token(),
            state.clock.now(),
        )
        .await?;
    Ok(redirect_with_flash(
        "/settings#calendar",
        "success",
        "Your calendar feed has a new address; the old one stopped working.",
        state.config.secure_cookies(),
    ))
}
