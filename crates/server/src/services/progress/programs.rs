//! Program templates: mentors and admins write them; public ones are for
//! everyone, private ones for their owner (and admins). Editing or deleting
//! a program leaves plans already started as they are (they hold a copy).

use mentorhub_domain::progress::{NewProgram, ProgramInput, Visibility};
use mentorhub_store::{ProgramRecord, UserRecord};
use uuid::Uuid;

use crate::services::error::{Error, Result};
use crate::state::AppState;

/// A program the caller may see; 404 otherwise.
pub async fn visible(state: &AppState, me: &UserRecord, id: Uuid) -> Result<ProgramRecord> {
    match state.store.program(id).await? {
        Some(p) if p.visibility == Visibility::Public || p.owner_id == me.id || me.is_admin => Ok(p),
        _ => Err(Error::NotFound),
    }
}

pub async fn list(state: &AppState, me: &UserRecord) -> Result<Vec<ProgramRecord>> {
    Ok(state.store.list_programs(me.id, me.is_admin, 100).await?)
}

pub async fn create(state: &AppState, me: &UserRecord, input: &ProgramInput<'_>) -> Result<ProgramRecord> {
    if !me.is_mentor && !me.is_admin {
        return Err(Error::forbidden("Only mentors and admins write programs."));
    }
    let p = NewProgram::parse(input)?;
    Ok(state
        .store
        .save_program(Uuid::new_v4(), me.id, &p, false, state.clock.now())
        .await?)
}

/// A program the caller may change: its owner, or an admin.
async fn editable(state: &AppState, me: &UserRecord, id: Uuid) -> Result<ProgramRecord> {
    let p = visible(state, me, id).await?;
    if p.owner_id != me.id && !me.is_admin {
        return Err(Error::forbidden("Only the program's author (or an admin) changes it."));
    }
    Ok(p)
}

pub async fn update(state: &AppState, me: &UserRecord, id: Uuid, input: &ProgramInput<'_>) -> Result<ProgramRecord> {
    let existing = editable(state, me, id).await?;
    let p = NewProgram::parse(input)?;
    Ok(state
        .store
        .save_program(id, existing.owner_id, &p, true, state.clock.now())
        .await?)
}

pub async fn delete(state: &AppState, me: &UserRecord, id: Uuid) -> Result<()> {
    editable(state, me, id).await?;
    state.store.delete_program(id).await?;
    Ok(())
}
