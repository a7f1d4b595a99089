//! A mentor's public profile.

use super::forms::ProfileForm;
use super::page::{page, unprocessable};
use crate::services::accounts;
use crate::state::AppState;
use crate::web::error::{Error, Result};
use crate::web::pages::form::CsrfForm;
use crate::web::pages::shell::{redirect_with_flash, to_sign_in, Shell};
use axum::extract::State;
use axum::response::Response;
use mentorhub_domain::profile::split_tags;
use mentorhub_domain::{FieldErrors, MentorProfileInput};
use serde::Deserialize;

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
