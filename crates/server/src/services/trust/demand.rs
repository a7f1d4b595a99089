//! Counting what mentees look for (a filtered search, a request to a mentor
//! with these specializations) for the admin's demand-and-supply view. A
//! failure to count is logged and never fails the search or the request.

use mentorhub_domain::trust::week_start;

use crate::state::AppState;

pub async fn count(state: &AppState, specializations: &[String], request: bool) {
    let week = week_start(state.clock.now().date_naive()).to_string();
    // Only specializations some mentor offers are counted, so what anyone
    // types into the filter cannot grow the table.
    let known = match state.vocabulary.get(&state.store).await {
        Ok(v) => v,
        Err(err) => {
            tracing::warn!(error = %err, "could not read the specializations");
            return;
        }
    };
    let offered = |t: &String| {
        known
            .specializations
            .iter()
            .any(|k| k.trim().eq_ignore_ascii_case(t.trim()))
    };
    for tag in specializations.iter().filter(|t| offered(t)) {
        if let Err(err) = state.store.count_demand(tag, &week, request).await {
            tracing::warn!(error = %err, "could not count demand");
        }
    }
}
