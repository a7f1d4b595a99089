use axum::extract::State;
use axum::Json;

use crate::services::accounts;
use crate::state::AppState;
use crate::web::auth::CurrentUser;
use crate::web::dto::accounts::{MentorProfileBody, MentorProfileDto, UpdateMeBody, UserDto};
use crate::web::dto::errors::ErrorResponse;
use crate::web::error::Result;
use crate::web::extract::ApiJson;

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
    // Check every field before changing any, so a bad one changes nothing.
    let mut errors = mentorhub_domain::FieldErrors::new();
    if let Some(name) = &body.name {
        errors.take("name", mentorhub_domain::PersonName::parse(name));
    }
    if let Some(zone) = &body.timezone {
        errors.take("timezone", mentorhub_domain::TimeZone::parse(zone));
    }
    if let Some(interests) = &body.interests {
        errors.take("interests", mentorhub_domain::profile::tags(interests, "Interests", 0));
    }
    if let Some(goals) = &body.goals {
        errors.take(
            "goals",
            mentorhub_domain::validation::bounded_text(goals, "Goals", 0, 1000),
        );
    }
    errors.into_result()?;
    let mut user =
        accounts::update_account(&state, &current.user, body.name.as_deref(), body.timezone.as_deref()).await?;
    if body.interests.is_some() || body.goals.is_some() {
        user = accounts::update_learning_goals(&state, &user, body.interests.as_deref(), body.goals.as_deref()).await?;
    }
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
