use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use mentorhub_domain::profile::split_tags;
use mentorhub_domain::{FieldErrors, MentorProfileInput};
use mentorhub_store::{MentorProfileRecord, UserRecord};
use serde::Deserialize;

use super::form::CsrfForm;
use super::shell::{redirect_with_flash, to_sign_in, Shell};
use crate::accounts;
use crate::error::{Error, Result};
use crate::state::AppState;
use crate::timefmt::zone_names;

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
    errors: FieldErrors,
}

async fn page(state: &AppState, shell: Shell, user: &UserRecord) -> Result<SettingsPage> {
    let record = state.store.mentor_profile(user.id).await?;
    Ok(SettingsPage {
        name: user.name.clone(),
        timezone: user.timezone.clone(),
        zones: zone_names(),
        is_mentee: user.is_mentee,
        interests: user.interests.join(", "),
        goals: user.goals.clone(),
        is_mentor: user.is_mentor,
        profile: ProfileForm::from_record(record.as_ref()),
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
    match accounts::update_account(&state, &user, Some(&fields.name), Some(&fields.timezone)).await {
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
        true => accounts::save_mentor_profile(&state, &user, input).await.map(|_| ()),
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
    match accounts::update_learning_goals(&state, &user, Some(&interests), Some(&fields.goals)).await {
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
