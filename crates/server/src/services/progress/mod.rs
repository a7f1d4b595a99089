//! Programs, plans, goals, action items, skills and the progress report.
//! Only the two people of a mentorship (accepted, or ended: history stays
//! readable) see or change its plan, goals, skills and report; anyone else
//! gets 404, admins too. Programs are seen by visibility.

pub mod goals;
pub mod programs;
pub mod report;

use chrono::NaiveDate;
use mentorhub_domain::progress::Side;
use mentorhub_domain::MentorshipStatus;
use mentorhub_store::{ActionRecord, GoalRecord, MentorshipRecord, PlanRecord, UserRecord};
use uuid::Uuid;

use crate::services::conflict::Conflict;
use crate::services::error::{Error, Result};
use crate::state::AppState;

/// A mentorship the caller is one of the pair of, and which side they are.
pub async fn pair(state: &AppState, me: &UserRecord, id: Uuid) -> Result<(MentorshipRecord, Side)> {
    let m = state.store.mentorship(id).await?.ok_or(Error::NotFound)?;
    let side = if m.mentor_id == me.id {
        Side::Mentor
    } else if m.mentee_id == me.id {
        Side::Mentee
    } else {
        return Err(Error::NotFound);
    };
    if !matches!(m.status, MentorshipStatus::Accepted | MentorshipStatus::Ended) {
        return Err(Conflict::Store(mentorhub_store::ConflictKind::MentorshipNotAccepted).into());
    }
    Ok((m, side))
}

/// A goal with its action items.
pub struct GoalView {
    pub goal: GoalRecord,
    pub actions: Vec<ActionRecord>,
}

/// A mentorship's plan: the program copy (if one was applied) and goals.
pub struct PlanView {
    pub plan: Option<PlanRecord>,
    pub goals: Vec<GoalView>,
    /// Action items agreed in sessions without a goal.
    pub loose_actions: Vec<ActionRecord>,
}

pub async fn plan(state: &AppState, me: &UserRecord, id: Uuid) -> Result<PlanView> {
    pair(state, me, id).await?;
    plan_of(state, id).await
}

pub(crate) async fn plan_of(state: &AppState, id: Uuid) -> Result<PlanView> {
    let plan = state.store.plan(id).await?;
    let mut actions = state.store.actions_of(id).await?;
    let goals = state
        .store
        .goals_of(id)
        .await?
        .into_iter()
        .map(|goal| {
            let (mine, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut actions)
                .into_iter()
                .partition(|a| a.goal_id == Some(goal.id));
            actions = rest;
            GoalView { goal, actions: mine }
        })
        .collect();
    Ok(PlanView {
        plan,
        goals,
        loose_actions: actions,
    })
}

/// The mentor applies a program (one they may see) to an accepted
/// mentorship; its milestones are due from today on.
pub async fn apply_program(state: &AppState, me: &UserRecord, id: Uuid, program: Option<&str>) -> Result<PlanView> {
    let (m, side) = pair(state, me, id).await?;
    if side != Side::Mentor {
        return Err(Error::forbidden("Only the mentor chooses the program."));
    }
    if m.status != MentorshipStatus::Accepted {
        return Err(Conflict::Store(mentorhub_store::ConflictKind::MentorshipNotAccepted).into());
    }
    let program_id = program
        .map(str::trim)
        .and_then(|p| Uuid::parse_str(p).ok())
        .ok_or_else(|| Error::field("programId", "Choose a program."))?;
    let program = programs::visible(state, me, program_id)
        .await
        .map_err(|_| Error::field("programId", "There is no such program you may use."))?;
    let today: NaiveDate = local_today(state, me);
    state
        .store
        .apply_program(id, &program, today, state.clock.now())
        .await?;
    plan_of(state, id).await
}

/// Today in the person's zone.
pub fn local_today(state: &AppState, me: &UserRecord) -> NaiveDate {
    let tz: chrono_tz::Tz = me.timezone.parse().unwrap_or(chrono_tz::UTC);
    state.clock.now().with_timezone(&tz).date_naive()
}

/// Either side ticks a milestone off (or clears it).
pub async fn set_milestone(
    state: &AppState,
    me: &UserRecord,
    id: Uuid,
    milestone: Uuid,
    done: bool,
) -> Result<PlanView> {
    pair(state, me, id).await?;
    if !state
        .store
        .set_milestone_done(id, milestone, done, state.clock.now())
        .await?
    {
        return Err(Error::NotFound);
    }
    plan_of(state, id).await
}
