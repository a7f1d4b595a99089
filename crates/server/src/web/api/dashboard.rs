use axum::extract::State;
use axum::Json;

use mentorhub_store::SessionScope;

use crate::state::AppState;
use crate::web::auth::CurrentUser;
use crate::web::dto::dashboard::{hours, Dashboard};
use crate::web::dto::errors::ErrorResponse;
use crate::web::dto::sessions::Session;
use crate::web::error::Result;

/// Key numbers for the caller's dashboard.
#[utoipa::path(get, path = "/api/dashboard", tag = "mentorship",
    responses((status = 200, body = Dashboard), (status = 401, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn dashboard(State(state): State<AppState>, current: CurrentUser) -> Result<Json<Dashboard>> {
    let counts = state.store.mentorship_counts(current.user.id).await?;
    let now = state.clock.now();
    let totals = state.store.session_totals(current.user.id, now).await?;
    let next = state
        .store
        .list_sessions(current.user.id, SessionScope::Upcoming, None, now, 1, 0)
        .await?;
    Ok(Json(Dashboard {
        active_mentors: counts.active_mentors,
        active_mentees: counts.active_mentees,
        pending_requests: counts.incoming_pending + counts.outgoing_pending,
        incoming_requests: counts.incoming_pending,
        outgoing_requests: counts.outgoing_pending,
        upcoming_sessions: totals.upcoming,
        total_hours: hours(totals.completed_minutes),
        next_session: next.into_iter().next().map(Session::from),
    }))
}
