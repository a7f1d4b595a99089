//! Counting what mentees look for (a filtered search, a request to a mentor
//! with these specializations) for the admin's demand-and-supply view. A
//! failure to count is logged and never fails the search or the request.

use mentorhub_domain::trust::week_start;

use crate::state::AppState;

pub async fn count(state: &AppState, specializations: &[String], request: bool) {
    let week = week_start(state.clock.now().date_naive()).to_string();
    for tag in specializations.iter().filter(|t| !t.trim().is_empty()) {
        if let Err(err) = state.store.count_demand(tag, &week, request).await {
            tracing::warn!(error = %err, "could not count demand");
        }
    }
}
