use axum::extract::State;
use axum::Json;

use crate::services::dashboard;
use crate::state::AppState;
use crate::web::auth::CurrentUser;
use crate::web::dto::dashboard::Dashboard;
use crate::web::dto::errors::ErrorResponse;
use crate::web::error::Result;

/// Key numbers for the caller's dashboard.
#[utoipa::path(get, path = "/api/dashboard", tag = "mentorship",
    responses((status = 200, body = Dashboard), (status = 401, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn dashboard(State(state): State<AppState>, current: CurrentUser) -> Result<Json<Dashboard>> {
    let summary = dashboard::summary(&state, &current.user).await?;
    let next_session = dashboard::next_session(&state, &current.user).await?;
    let counts = summary.counts;
    Ok(Json(Dashboard {
        active_mentors: counts.active_mentors,
        active_mentees: counts.active_mentees,
        pending_requests: counts.incoming_pending + counts.outgoing_pending,
        incoming_requests: counts.incoming_pending,
        outgoing_requests: counts.outgoing_pending,
        upcoming_sessions: summary.upcoming_sessions,
        total_hours: summary.total_hours,
        next_session: match next_session {
            Some(s) => Some(super::session_notes::with_note(&state, &current.user, s).await?),
            None => None,
        },
    }))
}
