//! The JSON API under `/api` (contract: shared/API.md).

mod auth;
pub mod dto;
mod me;
pub mod openapi;
pub mod ops;

use axum::routing::{get, post, put};
use axum::Router;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/auth/register", post(auth::register))
        .route("/api/auth/login", post(auth::login))
        .route("/api/auth/logout", post(auth::logout))
        .route("/api/me", get(me::get_me).put(me::put_me))
        .route("/api/me/mentor-profile", put(me::put_mentor_profile))
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(ops::metrics))
}
