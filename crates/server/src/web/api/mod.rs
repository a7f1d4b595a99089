//! The JSON API under `/api` (contract: shared/API.md).

pub mod admin;
mod auth;
mod availability;
mod cached;
mod calendars;
pub mod chat;
pub mod dashboard;
pub mod groups;
mod me;
pub mod mentors;
pub mod mentorship;
pub mod mini;
mod notifications;
pub mod openapi;
mod photos;
pub use photos::upload_limit as photo_upload_limit;
pub use photos::UPLOAD_LIMIT_BYTES as PHOTO_UPLOAD_LIMIT_BYTES;
pub mod ops;
mod preferences;
mod programs;
mod progress;
mod session_notes;
pub mod sessions;
mod trust;

use axum::routing::{delete, get, patch, post, put};
use axum::Router;

use crate::state::AppState;

pub fn router(state: &AppState) -> Router<AppState> {
    let admin = Router::new()
        .route("/api/admin/reports", get(admin::reports))
        .route("/api/admin/reports/{id}/resolve", post(admin::resolve))
        .route("/api/admin/users", get(admin::users))
        .route("/api/admin/users/{id}/suspend", post(admin::suspend))
        .route("/api/admin/users/{id}/restore", post(admin::restore))
        .route("/api/admin/audit", get(admin::audit))
        .route("/api/admin/stats", get(admin::stats))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::web::auth::admin_only::api,
        ));
    Router::new()
        .merge(admin)
        .route("/api/auth/register", post(auth::register))
        .route("/api/auth/login", post(auth::login))
        .route("/api/auth/logout", post(auth::logout))
        .route("/api/me", get(me::get_me).put(me::put_me).delete(trust::delete_me))
        .route("/api/me/export", get(trust::export))
        .route("/api/reports", post(trust::create_report))
        .route("/api/me/mentor-profile", put(me::put_mentor_profile))
        .route("/api/me/availability", get(availability::get).put(availability::put))
        .route(
            "/api/me/notification-preferences",
            get(preferences::get).put(preferences::put),
        )
        .route(
            "/api/me/photo",
            put(photos::put).delete(photos::delete).layer(photos::upload_limit()),
        )
        .route("/api/users/{id}/photo", get(photos::photo))
        .route("/api/me/calendars", get(calendars::list).post(calendars::connect))
        .route("/api/me/calendars/{id}", delete(calendars::remove))
        .route("/api/me/calendars/{id}/sync", post(calendars::sync))
        .route("/api/me/calendar", get(sessions::my_calendar))
        .route("/api/me/calendar/rotate", post(sessions::rotate_calendar))
        .route("/api/mentors/{id}/slots", get(availability::slots))
        .route("/api/mentorship/sessions", get(sessions::list).post(sessions::create))
        .route("/api/mentorship/sessions/{id}", get(sessions::get_one))
        .route("/api/mentorship/sessions/{id}/cancel", post(sessions::cancel))
        .route("/api/mentorship/sessions/{id}/reschedule", post(sessions::reschedule))
        .route("/api/mentorship/sessions/{id}/complete", post(sessions::complete))
        .route("/api/mentorship/sessions/{id}/notes", put(sessions::notes))
        .route("/api/mentorship/sessions/{id}/feedback", post(sessions::feedback))
        .route("/api/mentorship/sessions/{id}/no-show", post(trust::mark_no_show))
        .route("/api/mentorship/sessions/{id}/ics", get(sessions::session_ics))
        .route("/api/mentorship/sessions/{id}/agenda", put(session_notes::agenda))
        .route(
            "/api/mentorship/sessions/{id}/private-note",
            put(session_notes::private_note),
        )
        .route("/api/mentorship/sessions/{id}/recording", put(session_notes::recording))
        .route("/api/mentorship/sessions/{id}/actions", post(progress::session_action))
        .route("/api/programs", get(programs::list).post(programs::create))
        .route(
            "/api/programs/{id}",
            get(programs::get_one).put(programs::update).delete(programs::delete),
        )
        .route("/api/mentorship/{id}/plan", get(progress::plan))
        .route("/api/mentorship/{id}/program", post(progress::apply))
        .route(
            "/api/mentorship/{id}/milestones/{mid}/{change}",
            post(progress::milestone),
        )
        .route("/api/mentorship/{id}/goals", post(progress::create_goal))
        .route("/api/goals/{id}", patch(progress::update_goal))
        .route("/api/goals/{id}/actions", post(progress::add_action))
        .route("/api/actions/{id}", patch(progress::update_action))
        .route("/api/mentorship/{id}/skills", post(progress::assess))
        .route("/api/mentorship/{id}/progress", get(progress::progress_report))
        .route("/api/mentorship/{id}/progress.csv", get(progress::progress_csv))
        .route("/calendar/{file}", get(sessions::feed))
        .route("/api/mentors", get(mentors::search))
        .route("/api/mentors/recommended", get(mentors::recommended))
        .route("/api/mentors/suggestion", get(mentors::suggestion))
        .route("/api/mentors/{id}", get(mentors::detail))
        .route("/api/mentors/{id}/reviews", get(mentors::reviews))
        .route("/api/mentorship", get(mentorship::list).post(mentorship::create))
        .route("/api/mentorship/{id}", get(mentorship::get_one))
        .route("/api/mentorship/{id}/accept", post(mentorship::accept))
        .route("/api/mentorship/{id}/reject", post(mentorship::reject))
        .route("/api/mentorship/{id}/cancel", post(mentorship::cancel))
        .route("/api/mentorship/{id}/end", post(mentorship::end))
        .route("/api/dashboard", get(dashboard::dashboard))
        .route("/api/mini/requests", get(mini::mine).post(mini::create))
        .route("/api/mini/requests/{id}", get(mini::get_one))
        .route("/api/mini/requests/{id}/cancel", post(mini::cancel))
        .route("/api/mini/requests/{id}/claim", post(mini::claim))
        .route("/api/mini/requests/{id}/release", post(mini::release))
        .route("/api/mini/requests/{id}/schedule", post(mini::schedule))
        .route("/api/mini/open", get(mini::open))
        .route("/api/mini/board", get(mini::board))
        .route("/api/mini/claimed", get(mini::claimed))
        .route("/api/mini/sessions", get(mini::sessions))
        .route("/api/mini/sessions/{id}/complete", post(mini::complete))
        .route("/api/group-sessions", get(groups::list).post(groups::create))
        .route("/api/group-sessions/{id}", get(groups::get_one))
        .route("/api/group-sessions/{id}/attendees", get(groups::attendees))
        .route("/api/group-sessions/{id}/join", post(groups::join))
        .route("/api/group-sessions/{id}/leave", post(groups::leave))
        .route("/api/group-sessions/{id}/cancel", post(groups::cancel))
        .route("/api/group-sessions/{id}/complete", post(groups::complete))
        .route("/api/group-sessions/{id}/feedback", post(groups::feedback))
        .route("/api/group-sessions/{id}/chat", get(groups::chat))
        .route("/api/group-sessions/{id}/ics", get(groups::ics))
        .route("/api/notifications", get(notifications::list))
        .route("/api/notifications/unread-count", get(notifications::unread_count))
        .route("/api/notifications/read-all", post(notifications::mark_all_read))
        .route("/api/notifications/{id}/read", post(notifications::mark_read))
        .route("/api/chat", get(chat::list).post(chat::send))
        .route("/api/chat/{id}/messages", get(chat::messages))
        .route("/api/chat/{id}/read", post(chat::read))
        .route("/api/users/{id}/block", post(chat::block).delete(chat::unblock))
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(ops::metrics))
}
