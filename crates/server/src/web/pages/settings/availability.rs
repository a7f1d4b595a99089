//! Weekly hours, date exceptions and booking limits, published through the
//! availability service.

use super::forms::{AvailabilityForm, DAY_NAMES};
use super::page::{page, unprocessable};
use crate::services;
use crate::services::availability::{self, Publication};
use crate::services::conflict::Conflict;
use crate::state::AppState;
use crate::web::error::Result;
use crate::web::pages::form::CsrfForm;
use crate::web::pages::shell::{redirect_with_flash, to_sign_in, Shell};
use axum::extract::State;
use axum::response::Response;
use mentorhub_domain::availability::{parse_window, AvailabilityInput};
use mentorhub_domain::FieldErrors;
use serde::Deserialize;

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
    // Each day is checked here so its error can sit beside its row and
    // name it; the service checks the whole week again.
    for day in 1..=7i64 {
        let time = |name: &str| {
            f.days
                .get(&format!("{name}_{day}"))
                .map(|v| v.trim().to_owned())
                .unwrap_or_default()
        };
        let (start, end) = (time("start"), time("end"));
        let name = DAY_NAMES[(day - 1) as usize];
        let key = format!("weekly_{day}");
        match (start.is_empty(), end.is_empty()) {
            (true, true) => {}
            (false, false) => match parse_window(&start, &end) {
                Ok(_) => weekly.push((day, start, end)),
                Err(why) => errors.add(&key, format!("{name}: {why}")),
            },
            _ => errors.add(&key, format!("{name}: give both times, or neither.")),
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
            // Show the form as it was sent, so nothing typed is lost.
            let mut page = page(&state, shell, &user).await?;
            page.availability = AvailabilityForm::from_fields(&f.timezone, &f.days);
            page.errors = errors;
            Ok(unprocessable(page))
        }
        Err(other) => Err(other.into()),
    }
}
