//! Writes an in-app notification that was decided earlier (the work of a
//! job, so it happens once even with several instances).

use crate::services::notifications::Payload;
use crate::services::{self, notifications};
use crate::state::AppState;

pub async fn run(state: &AppState, payload: &str) -> services::Result<()> {
    let p: Payload =
        serde_json::from_str(payload).map_err(|e| services::Error::Internal(format!("bad notify payload: {e}")))?;
    notifications::write(state, p.user_id, &p.kind, p.title, p.body, p.link).await
}
