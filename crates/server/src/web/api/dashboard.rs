use axum::extract::State;
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use mentorhub_store::SessionScope;

use super::dto::ErrorResponse;
use super::sessions::Session;
use crate::state::AppState;
use crate::web::auth::CurrentUser;
use crate::web::error::Result;

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    /// Accepted mentorships where the caller is the mentee.
    pub active_mentors: i64,
    /// Accepted mentorships where the caller is the mentor.
    pub active_mentees: i64,
    /// Pending requests the caller takes part in (incoming + outgoing).
    pub pending_requests: i64,
    /// Pending requests waiting for the caller's answer (as mentor).
    pub incoming_requests: i64,
    /// The caller's own requests waiting for a mentor.
    pub outgoing_requests: i64,
    pub upcoming_sessions: i64,
    /// Hours of completed sessions.
    pub total_hours: f64,
    pub next_session: Option<Session>,
}

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

/// Minutes as hours, to one decimal.
pub fn hours(minutes: i64) -> f64 {
    (minutes as f64 / 60.0 * 10.0).round() / 10.0
}
