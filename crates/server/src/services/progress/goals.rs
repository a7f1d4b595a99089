//! Goals, action items and skill assessments: either of the pair writes
//! them; action items belong to the mentee or the mentor and may be agreed
//! in a session.

use mentorhub_domain::progress::{optional_text, parse_assessment, parse_day, GoalStatus, Side};
use mentorhub_domain::validation::bounded_text;
use mentorhub_domain::FieldErrors;
use mentorhub_store::{ActionRecord, GoalRecord, NewAction, UserRecord};
use uuid::Uuid;

use super::{pair, GoalView};
use crate::services::error::{Error, Result};
use crate::state::AppState;

fn day(value: Option<&str>, field: &str) -> Result<Option<String>> {
    parse_day(value)
        .map(|d| d.map(|d| d.to_string()))
        .map_err(|m| Error::field(field, m))
}

fn nonempty(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

pub async fn create_goal(
    state: &AppState,
    me: &UserRecord,
    mentorship: Uuid,
    (title, description, due): (Option<&str>, Option<&str>, Option<&str>),
) -> Result<GoalView> {
    pair(state, me, mentorship).await?;
    let mut errors = FieldErrors::new();
    let title = errors.take("title", bounded_text(title.unwrap_or(""), "Title", 1, 200));
    let description = errors.take("description", optional_text(description, "Description", 2000));
    let due = errors.take("dueDate", parse_day(due));
    let (Some(title), Some(description), Some(due)) = (title, description, due) else {
        return Err(Error::Invalid(errors));
    };
    let id = Uuid::new_v4();
    let text = nonempty(description);
    state
        .store
        .add_goal(
            id,
            mentorship,
            &title,
            text.as_deref(),
            due.map(|d| d.to_string()),
            me.id,
            state.clock.now(),
        )
        .await?;
    goal_view(state, id).await
}

async fn goal_view(state: &AppState, id: Uuid) -> Result<GoalView> {
    let goal = state.store.goal(id).await?.ok_or(Error::NotFound)?;
    let actions = state
        .store
        .actions_of(goal.mentorship_id)
        .await?
        .into_iter()
        .filter(|a| a.goal_id == Some(id))
        .collect();
    Ok(GoalView { goal, actions })
}

/// A goal of a mentorship the caller is one of the pair of.
async fn own_goal(state: &AppState, me: &UserRecord, id: Uuid) -> Result<GoalRecord> {
    let goal = state.store.goal(id).await?.ok_or(Error::NotFound)?;
    pair(state, me, goal.mentorship_id).await?;
    Ok(goal)
}

/// Changes to a goal; `None` keeps a field, `Some("")` clears an optional one.
#[derive(Debug, Default, Clone, Copy)]
pub struct GoalChanges<'a> {
    pub title: Option<&'a str>,
    pub description: Option<&'a str>,
    pub due_date: Option<&'a str>,
    pub status: Option<&'a str>,
}

pub async fn update_goal(state: &AppState, me: &UserRecord, id: Uuid, c: GoalChanges<'_>) -> Result<GoalView> {
    let mut goal = own_goal(state, me, id).await?;
    if let Some(t) = c.title {
        goal.title = bounded_text(t, "Title", 1, 200).map_err(|m| Error::field("title", m))?;
    }
    if let Some(d) = c.description {
        goal.description =
            nonempty(optional_text(Some(d), "Description", 2000).map_err(|m| Error::field("description", m))?);
    }
    if let Some(d) = c.due_date {
        goal.due_date = day(Some(d), "dueDate")?;
    }
    if let Some(s) = c.status {
        goal.status =
            GoalStatus::parse(s.trim()).ok_or_else(|| Error::field("status", "Status is open, done or dropped."))?;
    }
    state.store.update_goal(&goal, state.clock.now()).await?;
    goal_view(state, id).await
}

/// What an action item says, as it arrives.
#[derive(Debug, Default, Clone, Copy)]
pub struct ActionInput<'a> {
    pub text: Option<&'a str>,
    pub owner: Option<&'a str>,
    pub due_date: Option<&'a str>,
}

fn parse_action(input: ActionInput<'_>) -> Result<(String, Side, Option<String>)> {
    let mut errors = FieldErrors::new();
    let text = errors.take("text", bounded_text(input.text.unwrap_or(""), "Text", 1, 500));
    let owner = match input.owner.map(str::trim).and_then(Side::parse) {
        Some(o) => Some(o),
        None => {
            errors.add("owner", "The owner is the mentee or the mentor.");
            None
        }
    };
    let due = errors.take("dueDate", parse_day(input.due_date));
    match (text, owner, due) {
        (Some(t), Some(o), Some(d)) => Ok((t, o, d.map(|d| d.to_string()))),
        _ => Err(Error::Invalid(errors)),
    }
}

async fn add(
    state: &AppState,
    me: &UserRecord,
    mentorship: Uuid,
    (goal, session): (Option<Uuid>, Option<Uuid>),
    input: ActionInput<'_>,
) -> Result<ActionRecord> {
    let (text, owner, due_date) = parse_action(input)?;
    let id = Uuid::new_v4();
    let new = NewAction {
        mentorship_id: mentorship,
        goal_id: goal,
        session_id: session,
        text: &text,
        owner,
        due_date,
        created_by: me.id,
    };
    state.store.add_action(id, &new, state.clock.now()).await?;
    state.store.action(id).await?.ok_or(Error::NotFound)
}

pub async fn add_action(state: &AppState, me: &UserRecord, goal: Uuid, input: ActionInput<'_>) -> Result<ActionRecord> {
    let g = own_goal(state, me, goal).await?;
    add(state, me, g.mentorship_id, (Some(goal), None), input).await
}

/// "What we agreed" in a session of a mentorship (optionally under a goal).
pub async fn add_action_from_session(
    state: &AppState,
    me: &UserRecord,
    session: Uuid,
    goal: Option<&str>,
    input: ActionInput<'_>,
) -> Result<ActionRecord> {
    let s = crate::services::sessions::visible(state, me, session).await?;
    let mentorship = s
        .mentorship_id
        .ok_or_else(|| Error::forbidden("Action items belong to a mentorship; this was a mini session."))?;
    pair(state, me, mentorship).await?;
    let goal = match goal.map(str::trim).filter(|g| !g.is_empty()) {
        None => None,
        Some(text) => {
            let id = Uuid::parse_str(text).map_err(|_| Error::field("goalId", "goalId must be a UUID."))?;
            match state.store.goal(id).await? {
                Some(g) if g.mentorship_id == mentorship => Some(id),
                _ => return Err(Error::field("goalId", "That goal is not one of this mentorship.")),
            }
        }
    };
    add(state, me, mentorship, (goal, Some(session)), input).await
}

/// Changes to an action item.
#[derive(Debug, Default, Clone, Copy)]
pub struct ActionChanges<'a> {
    pub text: Option<&'a str>,
    pub due_date: Option<&'a str>,
    pub done: Option<bool>,
}

pub async fn update_action(state: &AppState, me: &UserRecord, id: Uuid, c: ActionChanges<'_>) -> Result<ActionRecord> {
    let mut a = state.store.action(id).await?.ok_or(Error::NotFound)?;
    pair(state, me, a.mentorship_id).await?;
    if let Some(t) = c.text {
        a.text = bounded_text(t, "Text", 1, 500).map_err(|m| Error::field("text", m))?;
    }
    if let Some(d) = c.due_date {
        a.due_date = day(Some(d), "dueDate")?;
    }
    state.store.update_action(&a).await?;
    if let Some(done) = c.done {
        state.store.set_action_done(id, done, state.clock.now()).await?;
    }
    state.store.action(id).await?.ok_or(Error::NotFound)
}

/// The caller assesses a skill: the mentee's self-assessment or the mentor's.
pub async fn assess(
    state: &AppState,
    me: &UserRecord,
    mentorship: Uuid,
    (skill, level, note): (Option<&str>, Option<i64>, Option<&str>),
) -> Result<()> {
    let (_, side) = pair(state, me, mentorship).await?;
    let (skill, level, note) = parse_assessment(skill, level, note)?;
    let note = nonempty(note);
    state
        .store
        .add_assessment(
            mentorship,
            (&skill, level, note.as_deref()),
            (side, me.id),
            state.clock.now(),
        )
        .await?;
    Ok(())
}
