//! `GET|PUT /api/me/notification-preferences`.

use axum::extract::State;
use axum::Json;
use mentorhub_store::Preference;

use crate::services::preferences;
use crate::state::AppState;
use crate::web::auth::CurrentUser;
use crate::web::dto::errors::ErrorResponse;
use crate::web::dto::preferences::{PreferenceDto, Preferences};
use crate::web::error::Result;
use crate::web::extract::ApiJson;

async fn current(state: &AppState, user: uuid::Uuid) -> Result<Json<Preferences>> {
    let kinds = preferences::all(state, user)
        .await?
        .into_iter()
        .map(|(p, label)| PreferenceDto {
            kind: p.kind,
            label: label.to_owned(),
            email: p.email,
            in_app: p.in_app,
        })
        .collect();
    Ok(Json(Preferences { kinds }))
}

/// Which notifications come by email and in the app (every kind, on by default).
#[utoipa::path(get, path = "/api/me/notification-preferences", tag = "notifications",
    responses((status = 200, body = Preferences)), security(("bearer" = [])))]
pub async fn get(State(state): State<AppState>, me: CurrentUser) -> Result<Json<Preferences>> {
    current(&state, me.user.id).await
}

/// Change the channels of the listed kinds (others stay as they are).
#[utoipa::path(put, path = "/api/me/notification-preferences", tag = "notifications", request_body = Preferences,
    responses((status = 200, body = Preferences), (status = 422, description = "an unknown kind", body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn put(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(body): ApiJson<Preferences>,
) -> Result<Json<Preferences>> {
    let changes: Vec<Preference> = body
        .kinds
        .into_iter()
        .map(|p| Preference {
            kind: p.kind,
            email: p.email,
            in_app: p.in_app,
        })
        .collect();
    preferences::save(&state, me.user.id, &changes).await?;
    current(&state, me.user.id).await
}
