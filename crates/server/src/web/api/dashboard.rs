use axum::extract::State;
use axum::response::Response;
use mentorhub_store::changes::Table;

use crate::services::dashboard;
use crate::state::AppState;
use crate::web::auth::CurrentUser;
use crate::web::dto::dashboard::Dashboard;
use crate::web::dto::errors::ErrorResponse;
use crate::web::error::Result;
use crate::web::response_cache::Key;

use super::cached::cached;

/// Key numbers for the caller's dashboard.
#[utoipa::path(get, path = "/api/dashboard", tag = "mentorship",
    responses((status = 200, body = Dashboard), (status = 401, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn dashboard(State(state): State<AppState>, current: CurrentUser) -> Result<Response> {
    let key = Key::private("dashboard", current.user.id, None);
    let read = read(&state, &current);
    cached(&state, key, TABLES, read).await
}

/// What a dashboard is read from: mentorships, 1:1 and group sessions, the
/// next session's people, rating and private note, which is every table
/// `Changes` follows.
const TABLES: &[Table] = &Table::ALL;

async fn read(state: &AppState, current: &CurrentUser) -> Result<Dashboard> {
    let summary = dashboard::summary(state, &current.user).await?;
    let next_session = dashboard::next_session(state, &current.user).await?;
    let counts = summary.counts;
    Ok(Dashboard {
        active_mentors: counts.active_mentors,
        active_mentees: counts.active_mentees,
        pending_requests: counts.incoming_pending + counts.outgoing_pending,
        incoming_requests: counts.incoming_pending,
        outgoing_requests: counts.outgoing_pending,
        upcoming_sessions: summary.upcoming_sessions,
        total_hours: summary.total_hours,
        next_session: match next_session {
            Some(s) => Some(super::session_notes::with_note(state, &current.user, s).await?),
            None => None,
        },
    })
}
