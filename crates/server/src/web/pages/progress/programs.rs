//! The program library (`/programs`), one program's page, and the form
//! that writes one. Milestones are typed one per line, "Week 3: Mock
//! interview — a full loop", so the form needs no JavaScript.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use mentorhub_domain::progress::ProgramInput;
use mentorhub_domain::FieldErrors;
use mentorhub_store::ProgramRecord;
use serde::Deserialize;

use crate::services::progress::programs;
use crate::services::Error as ServiceError;
use crate::state::AppState;
use crate::web::error::Result;
use crate::web::extract::Id;
use crate::web::pages::form::{number_of, CsrfForm, NoFields};
use crate::web::pages::shell::{flash_outcome, redirect_with_flash, to_sign_in, Shell};

#[derive(Debug, Default, Deserialize)]
pub struct ProgramFields {
    title: Option<String>,
    description: Option<String>,
    /// Text, so an empty field is a field error rather than a bad request.
    weeks: Option<String>,
    skills: Option<String>,
    visibility: Option<String>,
    milestones: Option<String>,
}

impl ProgramFields {
    fn of(p: &ProgramRecord) -> Self {
        Self {
            title: Some(p.title.clone()),
            description: Some(p.description.clone()),
            weeks: Some(p.duration_weeks.to_string()),
            skills: Some(p.skills.join(", ")),
            visibility: Some(p.visibility.as_str().to_owned()),
            milestones: Some(
                p.milestones
                    .iter()
                    .map(|m| {
                        // One line each: line breaks inside become spaces.
                        let flat = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
                        if m.description.is_empty() {
                            format!("Week {}: {}", m.week, flat(&m.title))
                        } else {
                            format!("Week {}: {} — {}", m.week, flat(&m.title), flat(&m.description))
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
        }
    }
}

/// "Week 3: Title — description" lines as (week, title, description).
fn milestone_lines(text: &str) -> Vec<(Option<i64>, Option<&str>, Option<&str>)> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let (head, rest) = line.split_once(':').unwrap_or(("", line));
            // The first number of the head ("Week 3", "week 3, day 2").
            let week = head
                .chars()
                .skip_while(|c| !c.is_ascii_digit())
                .take_while(char::is_ascii_digit)
                .collect::<String>()
                .parse()
                .ok();
            let (title, description) = match rest.split_once(" — ") {
                Some((t, d)) => (t.trim(), Some(d.trim())),
                None => (rest.trim(), None),
            };
            (week, Some(title), description)
        })
        .collect()
}

fn input(f: &ProgramFields) -> ProgramInput<'_> {
    ProgramInput {
        title: f.title.as_deref(),
        description: f.description.as_deref(),
        duration_weeks: number_of(&f.weeks).or(Some(0)),
        milestones: milestone_lines(f.milestones.as_deref().unwrap_or("")),
        skills: f.skills.as_deref().unwrap_or("").split(',').collect(),
        visibility: f.visibility.as_deref(),
    }
}

#[derive(Template)]
#[template(path = "programs.html")]
struct LibraryPage {
    shell: Shell,
    programs: Vec<ProgramRecord>,
    can_write: bool,
    f: ProgramFields,
    errors: FieldErrors,
    action: String,
}

pub async fn library(State(state): State<AppState>, shell: Shell) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in("/programs"));
    };
    let page = LibraryPage {
        programs: programs::list(&state, &me).await?,
        can_write: me.is_mentor || me.is_admin,
        f: ProgramFields {
            weeks: Some("12".into()),
            ..ProgramFields::default()
        },
        errors: FieldErrors::new(),
        action: "/programs".into(),
        shell,
    };
    Ok(page.shell.render(&page))
}

pub async fn create(
    State(state): State<AppState>,
    shell: Shell,
    CsrfForm(f): CsrfForm<ProgramFields>,
) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in("/programs"));
    };
    match programs::create(&state, &me, &input(&f)).await {
        Ok(p) => Ok(redirect_with_flash(
            &format!("/programs/{}", p.id),
            "success",
            "Program saved.",
            state.config.secure_cookies(),
        )),
        Err(ServiceError::Invalid(errors)) => {
            let page = LibraryPage {
                programs: programs::list(&state, &me).await?,
                can_write: true,
                f,
                errors,
                action: "/programs".into(),
                shell,
            };
            Ok(page
                .shell
                .render_status(axum::http::StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(other) => flash_outcome("/programs", Err::<&str, _>(other), state.config.secure_cookies()),
    }
}

#[derive(Template)]
#[template(path = "program.html")]
struct ProgramPage {
    shell: Shell,
    p: ProgramRecord,
    can_edit: bool,
    f: ProgramFields,
    errors: FieldErrors,
    action: String,
}

pub async fn view(State(state): State<AppState>, shell: Shell, Id(id): Id) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in(&format!("/programs/{id}")));
    };
    let p = programs::visible(&state, &me, id).await?;
    let page = ProgramPage {
        can_edit: p.owner_id == me.id || me.is_admin,
        f: ProgramFields::of(&p),
        errors: FieldErrors::new(),
        action: format!("/programs/{id}"),
        p,
        shell,
    };
    Ok(page.shell.render(&page))
}

pub async fn save(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    CsrfForm(f): CsrfForm<ProgramFields>,
) -> Result<Response> {
    let back = format!("/programs/{id}");
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in(&back));
    };
    match programs::update(&state, &me, id, &input(&f)).await {
        Ok(_) => Ok(redirect_with_flash(
            &back,
            "success",
            "Program saved. Plans already started keep their copy.",
            state.config.secure_cookies(),
        )),
        Err(ServiceError::Invalid(errors)) => {
            let p = programs::visible(&state, &me, id).await?;
            let page = ProgramPage {
                can_edit: true,
                f,
                errors,
                action: back,
                p,
                shell,
            };
            Ok(page
                .shell
                .render_status(axum::http::StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(other) => flash_outcome(&back, Err::<&str, _>(other), state.config.secure_cookies()),
    }
}

pub async fn delete(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in("/programs"));
    };
    let result = programs::delete(&state, &me, id)
        .await
        .map(|()| "Program deleted. Plans that used it keep their copy.");
    flash_outcome("/programs", result, state.config.secure_cookies())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn milestone_lines_read_week_title_and_description() {
        let lines = milestone_lines(
            "Week 1: Study plan\n\n week 3 : Mock interview — a full loop\nno week here\nWeek 1, day 3: A - B",
        );
        assert_eq!(lines[0], (Some(1), Some("Study plan"), None));
        assert_eq!(lines[1], (Some(3), Some("Mock interview"), Some("a full loop")));
        assert_eq!(lines[2].0, None);
        assert_eq!(lines[3], (Some(1), Some("A - B"), None));
    }
}
