use axum::extract::State;
use axum::Json;

use super::dto::{ErrorResponse, MentorProfileBody, MentorProfileDto, UpdateMeBody, UserDto};
use crate::accounts;
use crate::auth::CurrentUser;
use crate::error::Result;
use crate::extract::ApiJson;
use crate::state::AppState;

/// The signed-in user.
#[utoipa::path(get, path = "/api/me", tag = "accounts",
    responses((status = 200, body = UserDto), (status = 401, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn get_me(State(state): State<AppState>, current: CurrentUser) -> Result<Json<UserDto>> {
    let profile = state.store.mentor_profile(current.user.id).await?;
    Ok(Json(UserDto::new(&current.user, profile.as_ref())))
}

/// Change name and/or time zone.
#[utoipa::path(put, path = "/api/me", tag = "accounts", request_body = UpdateMeBody,
    responses((status = 200, body = UserDto), (status = 401, body = ErrorResponse), (status = 422, body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn put_me(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiJson(body): ApiJson<UpdateMeBody>,
) -> Result<Json<UserDto>> {
    let user = accounts::update_account(
        &state,
        &current.user,
        body.name.as_deref(),
        body.timezone.as_deref(),
    )
    .await?;
    let profile = state.store.mentor_profile(user.id).await?;
    Ok(Json(UserDto::new(&user, profile.as_ref())))
}

/// Create or replace the caller's mentor profile (mentors only).
#[utoipa::path(put, path = "/api/me/mentor-profile", tag = "accounts", request_body = MentorProfileBody,
    responses((status = 200, body = MentorProfileDto), (status = 403, description = "not a mentor", body = ErrorResponse),
              (status = 422, body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn put_mentor_profile(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiJson(body): ApiJson<MentorProfileBody>,
) -> Result<Json<MentorProfileDto>> {
    let record = accounts::save_mentor_profile(&state, &current.user, body.into()).await?;
    Ok(Json(MentorProfileDto::from(&record)))
}
