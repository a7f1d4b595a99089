//! Middleware every response passes through: request metrics, the
//! contract's error format for axum's own errors, and security headers.

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::state::AppState;
use crate::web::error::{Error, ErrorMarker};

/// Times every request, labelled by its route pattern (not the raw path,
/// which would give one series per id).
pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().as_str().to_owned();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".into());
    let response = next.run(request).await;
    state
        .metrics
        .record(&method, &route, response.status().as_u16(), started.elapsed());
    response
}

/// Errors that axum itself produces (wrong method, unreadable body) get the
/// contract's error format too.
pub async fn uniform_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let bare = !response.headers().contains_key(header::CONTENT_TYPE)
        || response
            .headers()
            .get(header::CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().starts_with(b"text/plain"));
    if !(status.is_client_error() || status.is_server_error())
        || response.extensions().get::<ErrorMarker>().is_some()
        || !bare
    {
        return response;
    }
    let error = match status {
        StatusCode::METHOD_NOT_ALLOWED => Error::MethodNotAllowed,
        StatusCode::PAYLOAD_TOO_LARGE => Error::PayloadTooLarge,
        StatusCode::NOT_FOUND => Error::NotFound,
        StatusCode::UNSUPPORTED_MEDIA_TYPE | StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY => {
            Error::BadRequest("bad_request", "The request could not be read.".into())
        }
        s if s.is_server_error() => Error::internal(format!("bare {s} response")),
        _ => return response,
    };
    let mut replaced = error.into_response();
    if let Some(allow) = response.headers().get(header::ALLOW) {
        replaced.headers_mut().insert(header::ALLOW, allow.clone());
    }
    replaced
}

pub async fn security_headers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let docs = request.uri().path().starts_with("/api/docs");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    // Swagger UI sets inline styles; everything else is held to 'self'.
    let csp = if docs {
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    } else {
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    };
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(csp));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    if state.config.secure_cookies() {
        // Served over https: browsers must not try plain http again for a year.
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Runs the rest of the request in its own task, so a client that hangs up
/// cannot cancel a handler halfway: a transaction is always committed or
/// rolled back by the code that opened it, never abandoned mid-statement
/// (PostgreSQL logged "there is no transaction in progress" when a dropped
/// future's rollback met a connection whose commit had already gone out).
pub async fn run_to_completion(request: Request, next: Next) -> Response {
    // The body is read first, while the connection is certainly there: once
    // the task starts it needs nothing more from the client. Only the photo
    // uploads may bring more than the usual 1 MiB.
    let (parts, body) = request.into_parts();
    let limit = if parts.uri.path().ends_with("/photo") {
        crate::web::api::PHOTO_UPLOAD_LIMIT_BYTES
    } else {
        crate::web::BODY_LIMIT
    };
    let bytes = match axum::body::to_bytes(body, limit).await {
        Ok(bytes) => bytes,
        Err(_) => return Error::PayloadTooLarge.into_response(),
    };
    let request = Request::from_parts(parts, axum::body::Body::from(bytes));
    match tokio::spawn(next.run(request)).await {
        Ok(response) => response,
        // A panic in the task: the same answer CatchPanicLayer gives.
        Err(err) => Error::internal(err).into_response(),
    }
}
