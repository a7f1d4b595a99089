//! A mentorship's plan, goals, action items, skills and progress report.

use chrono::{DateTime, Utc};
use mentorhub_store::{ActionRecord, PlanRecord};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::services::progress::report::Report;
use crate::services::progress::{GoalView, PlanView};

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ActionItem {
    pub id: Uuid,
    pub text: String,
    /// mentee or mentor.
    #[schema(example = "mentee")]
    pub owner: String,
    pub due_date: Option<String>,
    pub done_at: Option<DateTime<Utc>>,
    pub goal_id: Option<Uuid>,
    pub session_id: Option<Uuid>,
}

impl From<ActionRecord> for ActionItem {
    fn from(a: ActionRecord) -> Self {
        Self {
            id: a.id,
            text: a.text,
            owner: a.owner.as_str().to_owned(),
            due_date: a.due_date,
            done_at: a.done_at,
            goal_id: a.goal_id,
            session_id: a.session_id,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Goal {
    pub id: Uuid,
    pub mentorship_id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub due_date: Option<String>,
    /// open, done or dropped.
    #[schema(example = "open")]
    pub status: String,
    pub action_items: Vec<ActionItem>,
    pub created_at: DateTime<Utc>,
}

impl From<GoalView> for Goal {
    fn from(v: GoalView) -> Self {
        Self {
            id: v.goal.id,
            mentorship_id: v.goal.mentorship_id,
            title: v.goal.title,
            description: v.goal.description,
            due_date: v.goal.due_date,
            status: v.goal.status.as_str().to_owned(),
            action_items: v.actions.into_iter().map(ActionItem::from).collect(),
            created_at: v.goal.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProgramRef {
    pub id: Option<Uuid>,
    pub title: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PlanMilestone {
    pub id: Uuid,
    pub title: String,
    pub description: String,
    pub due_date: String,
    pub done_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub program: Option<ProgramRef>,
    pub start_date: Option<String>,
    pub skills: Vec<String>,
    pub milestones: Vec<PlanMilestone>,
    pub goals: Vec<Goal>,
    /// Action items agreed in sessions without a goal.
    pub action_items: Vec<ActionItem>,
}

impl From<PlanView> for Plan {
    fn from(v: PlanView) -> Self {
        let (program, start_date, skills, milestones) = match v.plan {
            Some(PlanRecord {
                program_id,
                program_title,
                start_date,
                skills,
                milestones,
                ..
            }) => (
                Some(ProgramRef {
                    id: program_id,
                    title: program_title,
                }),
                Some(start_date),
                skills,
                milestones
                    .into_iter()
                    .map(|m| PlanMilestone {
                        id: m.id,
                        title: m.title,
                        description: m.description,
                        due_date: m.due_date,
                        done_at: m.done_at,
                    })
                    .collect(),
            ),
            None => (None, None, Vec::new(), Vec::new()),
        };
        Self {
            program,
            start_date,
            skills,
            milestones,
            goals: v.goals.into_iter().map(Goal::from).collect(),
            action_items: v.loose_actions.into_iter().map(ActionItem::from).collect(),
        }
    }
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct ApplyBody {
    pub program_id: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct GoalBody {
    pub title: Option<String>,
    pub description: Option<String>,
    /// YYYY-MM-DD; "" clears it.
    pub due_date: Option<String>,
    /// open, done or dropped (PATCH only).
    pub status: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct ActionBody {
    pub text: Option<String>,
    /// mentee or mentor.
    pub owner: Option<String>,
    pub due_date: Option<String>,
    /// PATCH only.
    pub done: Option<bool>,
    /// From a session: the goal it belongs to, if any.
    pub goal_id: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct SkillBody {
    pub skill: Option<String>,
    /// 1..5.
    pub level: Option<i64>,
    pub note: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct TextBody {
    pub text: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct UrlBody {
    pub url: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MonthHours {
    pub month: String,
    pub hours: f64,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SessionsProgress {
    pub completed: i64,
    pub hours: f64,
    pub by_month: Vec<MonthHours>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GoalCounts {
    pub open: i64,
    pub done: i64,
    pub dropped: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MilestoneCounts {
    pub done: i64,
    pub total: i64,
    pub overdue: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ActionCounts {
    pub open: i64,
    pub done: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Assessment {
    pub at: DateTime<Utc>,
    pub level: i32,
    /// mentee or mentor.
    pub by: String,
    pub note: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SkillProgress {
    pub skill: String,
    pub assessments: Vec<Assessment>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    pub sessions: SessionsProgress,
    pub goals: GoalCounts,
    pub milestones: MilestoneCounts,
    pub action_items: ActionCounts,
    pub skills: Vec<SkillProgress>,
}

impl From<&Report> for Progress {
    fn from(r: &Report) -> Self {
        let c = &r.counts;
        Self {
            sessions: SessionsProgress {
                completed: c.completed_sessions,
                hours: c.hours,
                by_month: c
                    .by_month
                    .iter()
                    .map(|(month, hours)| MonthHours {
                        month: month.clone(),
                        hours: *hours,
                    })
                    .collect(),
            },
            goals: GoalCounts {
                open: c.goals.0,
                done: c.goals.1,
                dropped: c.goals.2,
            },
            milestones: MilestoneCounts {
                done: c.milestones.0,
                total: c.milestones.1,
                overdue: c.milestones.2,
            },
            action_items: ActionCounts {
                open: c.actions.0,
                done: c.actions.1,
            },
            skills: r
                .skills
                .iter()
                .map(|s| SkillProgress {
                    skill: s.skill.clone(),
                    assessments: s
                        .assessments
                        .iter()
                        .map(|(at, level, by, note)| Assessment {
                            at: *at,
                            level: *level,
                            by: by.as_str().to_owned(),
                            note: note.clone(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}
