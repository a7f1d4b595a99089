//! Reads the connected calendars that are due (one periodic job per
//! minute, so one instance does it); a feed that fails is recorded on its
//! calendar and does not fail the job.

use crate::services::calendar::import;
use crate::services::Result;
use crate::state::AppState;

pub async fn run(state: &AppState) -> Result<usize> {
    import::sync_due(state).await
}
