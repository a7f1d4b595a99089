//! HTML pages: plain forms with POST-redirect-GET, enhanced by small JS.

mod admin;
mod assets;
mod auth;
mod chat;
mod dashboard;
pub mod errors;
mod find;
mod form;
mod groups;
mod linkify;
mod mentor;
mod mentorship;
mod mini;
mod notifications;
mod progress;
mod report;
mod scheduler;
mod session_views;
mod sessions;
mod settings;
pub mod shell;
mod svg;
mod unsubscribe;
mod views;

use axum::routing::{get, post};
use axum::Router;

use crate::state::AppState;

pub fn router(state: &AppState) -> Router<AppState> {
    let admin = Router::new()
        .route("/admin", get(admin::dashboard::page))
        .route("/admin/reports", get(admin::reports::page))
        .route("/admin/reports/{id}/resolve", post(admin::reports::resolve))
        .route("/admin/users", get(admin::users::page))
        .route("/admin/users/{id}/suspend", post(admin::users::suspend))
        .route("/admin/users/{id}/restore", post(admin::users::restore))
        .route("/admin/audit", get(admin::audit::page))
        .route("/admin/outbox", get(admin::outbox::outbox))
        .route("/admin/jobs/{id}/retry", post(admin::outbox::retry_job))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::web::auth::admin_only::pages,
        ));
    Router::new()
        .merge(admin)
        .route("/", get(dashboard::home))
        .route("/signup", get(auth::signup_page).post(auth::signup))
        .route("/signin", get(auth::signin_page).post(auth::signin))
        .route("/signout", post(auth::signout))
        .route("/dashboard", get(dashboard::dashboard))
        .route("/mentorship", get(mentorship::page))
        .route("/mentorship/find", get(find::find))
        .route("/mentorship/dashboard", get(mini::dashboard))
        .route("/mentorship/dashboard/requests", post(mini::create))
        .route("/mini", get(mini::board))
        .route("/mini/{id}", get(mini::detail))
        .route("/mini/{id}/{action}", post(mini::act))
        .route("/mini/sessions/{id}/complete", post(mini::complete))
        .route("/mini/sessions/{id}/feedback", post(mini::feedback))
        .route("/mentorship/sessions/new", get(scheduler::new_session))
        .route("/mentorship/sessions", post(scheduler::book))
        .route("/mentorship/sessions/{id}/{action}", post(sessions::act))
        .route("/mentorship/{id}/progress", get(progress::page).post(progress::act))
        .route("/mentorship/{id}/{action}", post(mentorship::act))
        .route(
            "/programs",
            get(progress::programs::library).post(progress::programs::create),
        )
        .route(
            "/programs/{id}",
            get(progress::programs::view).post(progress::programs::save),
        )
        .route("/programs/{id}/delete", post(progress::programs::delete))
        .route("/mentors", get(find::to_find))
        .route("/mentors/{id}", get(mentor::profile))
        .route("/mentors/{id}/connect", post(mentor::connect))
        .route("/chat", get(chat::list))
        .route("/chat/{id}", get(chat::view))
        .route("/chat/{id}/messages", post(chat::send_in))
        .route("/chat/{id}/block", post(chat::block))
        .route("/chat/with/{id}", get(chat::with).post(chat::send_first))
        .route("/groups", get(groups::list).post(groups::create))
        .route("/groups/new", get(groups::new_page))
        .route("/groups/{id}", get(groups::detail))
        .route("/groups/{id}/messages", post(groups::send))
        .route("/groups/{id}/{action}", post(groups::act))
        .route("/notifications", get(notifications::list))
        .route("/notifications/read-all", post(notifications::mark_all_read))
        .route("/notifications/{id}/read", post(notifications::mark_read))
        .route("/notifications/{id}/open", get(notifications::open))
        .route("/settings", get(settings::settings))
        .route("/settings/learning", post(settings::save_learning))
        .route("/settings/availability", post(settings::save_availability))
        .route("/settings/calendar/rotate", post(settings::rotate_calendar))
        .route("/settings/calendars", post(settings::connect_calendar))
        .route("/settings/calendars/{id}/{action}", post(settings::calendar_action))
        .route("/settings/notifications", post(settings::save_notifications))
        .route(
            "/unsubscribe/{token}",
            get(unsubscribe::page).post(unsubscribe::confirm),
        )
        .route("/report", get(report::form).post(report::file))
        .route("/settings/account", post(settings::save_account))
        .route("/settings/export", get(settings::export_data))
        .route("/settings/delete", post(settings::delete_account))
        .route(
            "/settings/photo",
            post(settings::upload_photo).layer(crate::web::api::photo_upload_limit()),
        )
        .route("/settings/photo/remove", post(settings::remove_photo))
        .route("/settings/mentor-profile", post(settings::save_mentor_profile))
        .route("/static/app.css", get(assets::css))
        .route("/static/app.js", get(assets::js))
        .route("/favicon.svg", get(assets::icon))
        .route("/favicon.ico", get(assets::icon))
}
