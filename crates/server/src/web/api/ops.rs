use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use serde_json::json;

use crate::state::AppState;
use crate::web::auth::csrf;
use crate::web::dto::errors::ErrorResponse;
use crate::web::error::{Error, Result};

/// The process is up.
#[utoipa::path(get, path = "/healthz", tag = "operations", responses((status = 200, description = "up")))]
pub async fn healthz() -> Json<serde_json::Value> {
    Json(json!({"status": "ok"}))
}

/// The database answers.
#[utoipa::path(get, path = "/readyz", tag = "operations",
    responses((status = 200, description = "ready"), (status = 503, description = "database unreachable")))]
pub async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, Json(json!({"status": "ready"}))),
        Err(err) => {
            tracing::warn!(error = %err, "database not reachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({"status": "database unreachable"})),
            )
        }
    }
}

/// Prometheus metrics, for the bearer of `MENTORHUB_METRICS_TOKEN`; without
/// that setting they are not served at all.
#[utoipa::path(get, path = "/metrics", tag = "operations",
    responses((status = 200, description = "Prometheus text"), (status = 401, description = "the metrics token is missing or wrong", body = ErrorResponse),
              (status = 404, description = "metrics are switched off (no MENTORHUB_METRICS_TOKEN)", body = ErrorResponse)),
    security(("metrics" = [])))]
pub async fn metrics(State(state): State<AppState>, headers: HeaderMap) -> Result<impl IntoResponse> {
    let Some(expected) = state.config.metrics_token.as_deref() else {
        return Err(Error::NotFound);
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if !csrf::matches(expected, given.trim()) {
        return Err(Error::Unauthorized);
    }
    let mut body = state.metrics.render(state.store.pool_stats());
    body.push_str(&state.metrics.render_jobs(&state.store.job_counts().await?));
    Ok(([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], body))
}

/// Any other path under /api.
pub async fn not_found() -> Error {
    Error::NotFound
}

pub async fn method_not_allowed() -> Result<()> {
    Err(Error::MethodNotAllowed)
}
