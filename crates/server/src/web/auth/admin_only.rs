//! The gate in front of every admin route, run before the handler's own
//! extractors: a non-admin gets 403 on `/api/admin/*` and 404 on `/admin*`
//! whatever else is wrong with the request (a bad id or body must not tell
//! them more than "no").

use axum::extract::{FromRequestParts, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::{CurrentUser, MaybeUser};
use crate::state::AppState;
use crate::web::error::Error;

pub async fn api(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let (mut parts, body) = request.into_parts();
    match CurrentUser::from_request_parts(&mut parts, &state).await {
        Ok(current) if current.user.is_admin => next.run(Request::from_parts(parts, body)).await,
        Ok(_) => Error::forbidden("Only admins can do this.").into_response(),
        Err(err) => err.into_response(),
    }
}

pub async fn pages(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let (mut parts, body) = request.into_parts();
    match MaybeUser::from_request_parts(&mut parts, &state).await {
        Ok(MaybeUser(Some(current))) if current.user.is_admin => next.run(Request::from_parts(parts, body)).await,
        Ok(_) => Error::NotFound.into_response(),
        Err(err) => err.into_response(),
    }
}
