use axum::extract::State;
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use super::dto::ErrorResponse;
use crate::auth::CurrentUser;
use crate::error::Result;
use crate::state::AppState;

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
    #[schema(value_type = Option<Object>)]
    pub next_session: Option<serde_json::Value>,
}

/// Key numbers for the caller's dashboard.
#[utoipa::path(get, path = "/api/dashboard", tag = "mentorship",
    responses((status = 200, body = Dashboard), (status = 401, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn dashboard(State(state): State<AppState>, current: CurrentUser) -> Result<Json<Dashboard>> {
    let counts = state.store.mentorship_counts(current.user.id).await?;
    Ok(Json(Dashboard {
        active_mentors: counts.active_mentors,
        active_mentees: counts.active_mentees,
        pending_requests: counts.incoming_pending + counts.outgoing_pending,
        incoming_requests: counts.incoming_pending,
        outgoing_requests: counts.outgoing_pending,
        // Sessions arrive with the scheduling feature; until then none exist.
        upcoming_sessions: 0,
        total_hours: 0.0,
        next_session: None,
    }))
}
