//! `GET /api/users/{id}/photo`, `PUT|DELETE /api/me/photo`.

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Path, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::services::photos::{self, Picture, MAX_UPLOAD_BYTES};
use crate::state::AppState;
use crate::web::auth::CurrentUser;
use crate::web::dto::errors::ErrorResponse;
use crate::web::error::{Error, Result};
use crate::web::extract::body_error;

/// Uploads may be up to 5 MiB; the limit leaves room for the rest of a form.
pub const UPLOAD_LIMIT_BYTES: usize = MAX_UPLOAD_BYTES + 64 * 1024;

pub fn upload_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(UPLOAD_LIMIT_BYTES)
}

/// Someone's photo (a JPEG), or their initials avatar (SVG) when they have none.
#[utoipa::path(get, path = "/api/users/{id}/photo", tag = "accounts",
    params(("id" = uuid::Uuid, Path, description = "the person")),
    responses((status = 200, description = "image/jpeg or image/svg+xml", content_type = "image/jpeg"),
        (status = 404, description = "no such person", body = ErrorResponse)))]
pub async fn photo(State(state): State<AppState>, Path(id): Path<uuid::Uuid>) -> Result<Response> {
    let headers = |content_type: String| {
        [
            (header::CONTENT_TYPE, content_type),
            // Short: a new photo should show up soon everywhere.
            (header::CACHE_CONTROL, "public, max-age=300".to_string()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
        ]
    };
    Ok(match photos::picture(&state, id).await? {
        Picture::Photo(p) => (headers(p.content_type), p.data).into_response(),
        Picture::Initials(svg) => (headers("image/svg+xml".into()), svg).into_response(),
    })
}

/// Replace your photo: the body is the image itself (JPEG, PNG or WebP, at
/// most 5 MiB). The server keeps a re-encoded 320 × 320 JPEG without metadata.
#[utoipa::path(put, path = "/api/me/photo", tag = "accounts",
    request_body(content = Vec<u8>, content_type = "image/jpeg", description = "JPEG, PNG or WebP bytes"),
    responses((status = 204, description = "saved"),
        (status = 422, description = "not a photo we can read", body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn put(State(state): State<AppState>, me: CurrentUser, req: Request) -> Result<StatusCode> {
    let bytes = Bytes::from_request(req, &state).await.map_err(body_error)?;
    photos::upload(&state, &me.user, bytes.to_vec()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Remove your photo (your initials show instead).
#[utoipa::path(delete, path = "/api/me/photo", tag = "accounts",
    responses((status = 204, description = "removed"), (status = 404, description = "you had no photo", body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn delete(State(state): State<AppState>, me: CurrentUser) -> Result<StatusCode> {
    if photos::remove(&state, &me.user).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(Error::NotFound)
    }
}
