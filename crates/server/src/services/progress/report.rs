//! The progress report of a mentorship: sessions and hours by month,
//! milestones, goals, action items and skills over time, as numbers (the
//! API), as CSV (`csv` crate) and for the page's charts.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use mentorhub_domain::progress::{GoalStatus, Side};
use mentorhub_domain::session::SessionStatus;
use mentorhub_store::{SessionScope, UserRecord};
use uuid::Uuid;

use super::{local_today, pair, plan_of, PlanView};
use crate::services::error::{Error, Result};
use crate::state::AppState;

#[derive(Debug, Clone, PartialEq)]
pub struct SkillSeries {
    pub skill: String,
    /// (when, level, by whom, note), oldest first.
    pub assessments: Vec<(DateTime<Utc>, i32, Side, Option<String>)>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Counts {
    pub completed_sessions: i64,
    pub hours: f64,
    /// `YYYY-MM` and hours, months without sessions left out.
    pub by_month: Vec<(String, f64)>,
    pub goals: (i64, i64, i64),
    /// Done, total, overdue.
    pub milestones: (i64, i64, i64),
    /// Open, done.
    pub actions: (i64, i64),
}

pub struct Report {
    pub counts: Counts,
    pub skills: Vec<SkillSeries>,
    pub plan: PlanView,
}

pub async fn report(state: &AppState, me: &UserRecord, id: Uuid) -> Result<Report> {
    pair(state, me, id).await?;
    of_pair(state, me, id).await
}

/// The report of a mentorship whose pair `me` was already found in.
pub async fn of_pair(state: &AppState, me: &UserRecord, id: Uuid) -> Result<Report> {
    let tz: chrono_tz::Tz = me.timezone.parse().unwrap_or(chrono_tz::UTC);
    let today = local_today(state, me).to_string();
    let sessions = state
        .store
        .list_sessions(me.id, SessionScope::Past, Some(id), state.clock.now(), 500, 0)
        .await?;
    let mut months: BTreeMap<String, f64> = BTreeMap::new();
    let mut counts = Counts::default();
    for s in sessions
        .iter()
        .filter(|s| s.status == SessionStatus::Completed && s.no_show.is_none())
    {
        let hours = f64::from(s.duration) / 60.0;
        counts.completed_sessions += 1;
        counts.hours += hours;
        *months
            .entry(s.scheduled_at.with_timezone(&tz).format("%Y-%m").to_string())
            .or_default() += hours;
    }
    counts.by_month = months.into_iter().collect();
    let plan = plan_of(state, id).await?;
    for g in &plan.goals {
        match g.goal.status {
            GoalStatus::Open => counts.goals.0 += 1,
            GoalStatus::Done => counts.goals.1 += 1,
            GoalStatus::Dropped => counts.goals.2 += 1,
        }
    }
    if let Some(p) = &plan.plan {
        for m in &p.milestones {
            counts.milestones.1 += 1;
            if m.done_at.is_some() {
                counts.milestones.0 += 1;
            } else if m.due_date < today {
                counts.milestones.2 += 1;
            }
        }
    }
    for a in plan
        .goals
        .iter()
        .flat_map(|g| g.actions.iter())
        .chain(plan.loose_actions.iter())
    {
        if a.done_at.is_some() {
            counts.actions.1 += 1;
        } else {
            counts.actions.0 += 1;
        }
    }
    let mut skills: Vec<SkillSeries> = Vec::new();
    // Oldest first; "Rust" and "rust" are one skill, named as first written.
    for a in state.store.assessments_of(id).await? {
        let entry = (a.created_at, a.level, a.by, a.note.clone());
        match skills
            .iter_mut()
            .find(|s| s.skill.to_lowercase() == a.skill.to_lowercase())
        {
            Some(series) => series.assessments.push(entry),
            None => skills.push(SkillSeries {
                skill: a.skill.clone(),
                assessments: vec![entry],
            }),
        }
    }
    Ok(Report { counts, skills, plan })
}

/// The report as CSV: `section,name,date,value,by`, a header row first.
pub fn csv(r: &Report) -> Result<String> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let row = |w: &mut csv::Writer<Vec<u8>>, cells: [&str; 5]| w.write_record(cells.map(safe)).map_err(Error::internal);
    let action_row = |w: &mut csv::Writer<Vec<u8>>, a: &mentorhub_store::ActionRecord| {
        let state = if a.done_at.is_some() { "done" } else { "open" };
        let due = a.due_date.as_deref().unwrap_or("");
        row(w, ["action", &a.text, due, state, a.owner.as_str()])
    };
    row(&mut out, ["section", "name", "date", "value", "by"])?;
    let c = &r.counts;
    row(
        &mut out,
        ["sessions", "completed", "", &c.completed_sessions.to_string(), ""],
    )?;
    row(&mut out, ["sessions", "hours", "", &format!("{:.2}", c.hours), ""])?;
    for (month, hours) in &c.by_month {
        row(&mut out, ["hours_by_month", "hours", month, &format!("{hours:.2}"), ""])?;
    }
    for (name, n) in [("open", c.goals.0), ("done", c.goals.1), ("dropped", c.goals.2)] {
        row(&mut out, ["goals", name, "", &n.to_string(), ""])?;
    }
    if let Some(p) = &r.plan.plan {
        for m in &p.milestones {
            let state = if m.done_at.is_some() { "done" } else { "open" };
            row(&mut out, ["milestone", &m.title, &m.due_date, state, ""])?;
        }
    }
    for g in &r.plan.goals {
        row(
            &mut out,
            [
                "goal",
                &g.goal.title,
                g.goal.due_date.as_deref().unwrap_or(""),
                g.goal.status.as_str(),
                "",
            ],
        )?;
        for a in &g.actions {
            action_row(&mut out, a)?;
        }
    }
    for a in &r.plan.loose_actions {
        action_row(&mut out, a)?;
    }
    for s in &r.skills {
        for (at, level, by, _) in &s.assessments {
            row(
                &mut out,
                ["skill", &s.skill, &at.to_rfc3339(), &level.to_string(), by.as_str()],
            )?;
        }
    }
    let bytes = out.into_inner().map_err(Error::internal)?;
    String::from_utf8(bytes).map_err(Error::internal)
}

/// A cell a spreadsheet will not run as a formula.
fn safe(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}
