//! Errors met on pages become HTML pages (the API keeps its JSON).

use askama::Template;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::shell::{to_sign_in, Shell};
use crate::state::AppState;
use crate::web::error::{Error, ErrorMarker};

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    shell: Shell,
    heading: String,
    message: String,
}

/// Paths that answer JSON (or plain text) rather than pages.
pub fn is_machine_path(path: &str) -> bool {
    path == "/api"
        || path.starts_with("/api/")
        || path.starts_with("/trpc")
        || path.starts_with("/calendar/")
        || matches!(path, "/healthz" | "/readyz" | "/metrics")
}

pub async fn html_errors(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    if is_machine_path(&path) {
        return next.run(request).await;
    }
    let uri = request.uri().clone();
    let headers = request.headers().clone();
    let response = next.run(request).await;
    let Some(marker) = response.extensions().get::<ErrorMarker>().cloned() else {
        return response;
    };
    if marker.status == StatusCode::UNAUTHORIZED {
        return to_sign_in(&path);
    }
    let mut builder = Request::builder().uri(uri);
    if let Some(h) = builder.headers_mut() {
        *h = headers;
    }
    let Ok(synthetic) = builder.body(()) else {
        return response;
    };
    let (mut parts, ()) = synthetic.into_parts();
    let shell = match Shell::from_request_parts(&mut parts, &state).await {
        Ok(shell) => shell,
        Err(_) => return response,
    };
    let heading = match marker.status {
        StatusCode::NOT_FOUND => "Page not found".to_owned(),
        StatusCode::FORBIDDEN => "Not allowed".to_owned(),
        StatusCode::TOO_MANY_REQUESTS => "Slow down".to_owned(),
        s if s.is_server_error() => "Something went wrong".to_owned(),
        _ => "That did not work".to_owned(),
    };
    let message = match marker.status {
        StatusCode::NOT_FOUND => {
            "We could not find that page. It may have moved, or you may not have access to it.".to_owned()
        }
        _ => marker.message,
    };
    let page = ErrorPage {
        shell,
        heading,
        message,
    };
    let mut html = page.shell.render(&page);
    *html.status_mut() = marker.status;
    for (name, value) in response.headers() {
        if name == axum::http::header::RETRY_AFTER {
            html.headers_mut().insert(name, value.clone());
        }
    }
    html
}

/// Unknown paths: 404 in the format of the part of the site asked for.
pub async fn not_found() -> impl IntoResponse {
    Error::NotFound
}
