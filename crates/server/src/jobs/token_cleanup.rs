//! Drops sign-in sessions and API tokens past their expiry.

use crate::services;
use crate::state::AppState;

pub async fn run(state: &AppState) -> services::Result<()> {
    state.store.delete_expired_tokens(state.clock.now()).await?;
    Ok(())
}
