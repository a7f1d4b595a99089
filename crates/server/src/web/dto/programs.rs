//! Program templates.

use chrono::{DateTime, Utc};
use mentorhub_store::ProgramRecord;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::people::PersonRef;

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProgramMilestone {
    pub id: Uuid,
    pub week: i32,
    pub title: String,
    pub description: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Program {
    pub id: Uuid,
    pub title: String,
    pub description: String,
    pub duration_weeks: i32,
    pub milestones: Vec<ProgramMilestone>,
    pub skills: Vec<String>,
    pub owner: PersonRef,
    /// public or private.
    #[schema(example = "public")]
    pub visibility: String,
    pub created_at: DateTime<Utc>,
}

impl From<ProgramRecord> for Program {
    fn from(p: ProgramRecord) -> Self {
        Self {
            id: p.id,
            title: p.title,
            description: p.description,
            duration_weeks: p.duration_weeks,
            milestones: p
                .milestones
                .into_iter()
                .map(|m| ProgramMilestone {
                    id: m.id,
                    week: m.week,
                    title: m.title,
                    description: m.description,
                })
                .collect(),
            skills: p.skills,
            owner: PersonRef::new(p.owner_id, p.owner_name, p.owner_headline),
            visibility: p.visibility.as_str().to_owned(),
            created_at: p.created_at,
        }
    }
}

#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct MilestoneBody {
    pub week: Option<i64>,
    pub title: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct ProgramBody {
    /// 5..120 characters.
    pub title: Option<String>,
    pub description: Option<String>,
    /// 1..52.
    pub duration_weeks: Option<i64>,
    /// 1..52 milestones, each on a week of the program.
    pub milestones: Vec<MilestoneBody>,
    /// At most 10.
    pub skills: Vec<String>,
    /// public (default) or private.
    pub visibility: Option<String>,
}
