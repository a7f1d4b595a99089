//! `/mentorship/{id}/progress`: the plan, goals and action items, skills
//! over time and sessions by month, with charts drawn as SVG by the server,
//! printable, with the forms to change them (plain posts, no JS needed).
//! Program templates live in `programs.rs`.

mod charts;
pub mod programs;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use mentorhub_domain::progress::Side;
use mentorhub_domain::MentorshipStatus;
use serde::Deserialize;
use uuid::Uuid;

use crate::services::progress::goals::{self, ActionChanges, ActionInput, GoalChanges};
use crate::services::progress::report::{self, Report};
use crate::services::progress::{self as rules, local_today};
use crate::state::AppState;
use crate::web::error::{Error, Result};
use crate::web::extract::Id;
use crate::web::pages::form::CsrfForm;
use crate::web::pages::shell::{flash_outcome, to_sign_in, Shell};

#[derive(Template)]
#[template(path = "progress.html")]
struct ProgressPage {
    shell: Shell,
    id: Uuid,
    other_name: String,
    is_mentor: bool,
    can_plan: bool,
    today: String,
    r: Report,
    hours_svg: String,
    skill_svgs: Vec<String>,
    programs: Vec<(Uuid, String)>,
    skill_choices: Vec<String>,
}

impl ProgressPage {
    fn overdue(&self, due: &Option<String>) -> bool {
        due.as_ref().is_some_and(|d| *d < self.today)
    }

    /// Hours with one decimal.
    fn one(&self, hours: &f64) -> String {
        format!("{hours:.1}")
    }
}

pub async fn page(State(state): State<AppState>, shell: Shell, Id(id): Id) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in(&format!("/mentorship/{id}/progress")));
    };
    let (m, side) = rules::pair(&state, &me, id).await?;
    let r = report::of_pair(&state, &me, id).await?;
    let is_mentor = side == Side::Mentor;
    let programs = if is_mentor {
        rules::programs::list(&state, &me)
            .await?
            .into_iter()
            .map(|p| (p.id, p.title))
            .collect()
    } else {
        Vec::new()
    };
    let mut skill_choices: Vec<String> = r.plan.plan.as_ref().map(|p| p.skills.clone()).unwrap_or_default();
    for s in &r.skills {
        if !skill_choices.contains(&s.skill) {
            skill_choices.push(s.skill.clone());
        }
    }
    let other_name = if is_mentor {
        m.mentee_name.clone()
    } else {
        m.mentor_name.clone()
    };
    let page = ProgressPage {
        id,
        other_name,
        is_mentor,
        can_plan: is_mentor && m.status == MentorshipStatus::Accepted,
        today: local_today(&state, &me).to_string(),
        hours_svg: charts::hours_by_month(&r.counts.by_month),
        skill_svgs: r
            .skills
            .iter()
            .enumerate()
            .map(|(i, s)| charts::skill_over_time(s, i))
            .collect(),
        programs,
        skill_choices,
        r,
        shell,
    };
    Ok(page.shell.render(&page))
}

#[derive(Debug, Default, Deserialize)]
pub struct ProgressFields {
    #[serde(rename = "do")]
    action: String,
    program: Option<String>,
    title: Option<String>,
    description: Option<String>,
    due: Option<String>,
    goal: Option<String>,
    item: Option<String>,
    text: Option<String>,
    owner: Option<String>,
    status: Option<String>,
    milestone: Option<String>,
    done: Option<String>,
    skill: Option<String>,
    /// Text, so a missing choice is a field error rather than a bad request.
    level: Option<String>,
    note: Option<String>,
}

fn id_of(value: &Option<String>) -> Result<Uuid> {
    crate::web::extract::parse_id(value.as_deref().unwrap_or(""))
}

/// Every change on the page posts here with `do` naming it.
pub async fn act(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    CsrfForm(f): CsrfForm<ProgressFields>,
) -> Result<Response> {
    let back = format!("/mentorship/{id}/progress");
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in(&back));
    };
    let done = f.done.as_deref() == Some("true");
    let result: crate::services::Result<&str> = match f.action.as_str() {
        "apply" => rules::apply_program(&state, &me, id, f.program.as_deref())
            .await
            .map(|_| "The program is your plan now."),
        "milestone" => {
            let milestone = id_of(&f.milestone)?;
            rules::set_milestone(&state, &me, id, milestone, done)
                .await
                .map(|_| "Milestone updated.")
        }
        "goal" => goals::create_goal(
            &state,
            &me,
            id,
            (f.title.as_deref(), f.description.as_deref(), f.due.as_deref()),
        )
        .await
        .map(|_| "Goal added."),
        "goal_status" => {
            let changes = GoalChanges {
                status: f.status.as_deref(),
                ..GoalChanges::default()
            };
            goals::update_goal(&state, &me, id_of(&f.goal)?, changes)
                .await
                .map(|_| "Goal updated.")
        }
        "action" => {
            let input = ActionInput {
                text: f.text.as_deref(),
                owner: f.owner.as_deref(),
                due_date: f.due.as_deref(),
            };
            goals::add_action(&state, &me, id_of(&f.goal)?, input)
                .await
                .map(|_| "Action item added.")
        }
        "action_done" => {
            let changes = ActionChanges {
                done: Some(done),
                ..ActionChanges::default()
            };
            goals::update_action(&state, &me, id_of(&f.item)?, changes)
                .await
                .map(|_| "Action item updated.")
        }
        "skill" => {
            let level = f.level.as_deref().and_then(|l| l.trim().parse().ok());
            goals::assess(&state, &me, id, (f.skill.as_deref(), level, f.note.as_deref()))
                .await
                .map(|_| "Assessment saved.")
        }
        _ => return Err(Error::NotFound),
    };
    flash_outcome(&back, result, state.config.secure_cookies())
}
