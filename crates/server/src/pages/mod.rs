//! HTML pages: plain forms with POST-redirect-GET, enhanced by small JS.

mod assets;
mod auth;
mod dashboard;
pub mod errors;
mod form;
mod settings;
pub mod shell;

use axum::routing::{get, post};
use axum::Router;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(dashboard::home))
        .route("/signup", get(auth::signup_page).post(auth::signup))
        .route("/signin", get(auth::signin_page).post(auth::signin))
        .route("/signout", post(auth::signout))
        .route("/dashboard", get(dashboard::dashboard))
        .route("/settings", get(settings::settings))
        .route("/settings/account", post(settings::save_account))
        .route("/settings/mentor-profile", post(settings::save_mentor_profile))
        .route("/static/app.css", get(assets::css))
        .route("/static/app.js", get(assets::js))
}
