use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use mentorhub_store::TokenKind;

use crate::services::accounts::{self, Registration};
use crate::state::AppState;
use crate::web::auth::{ClientAddr, CurrentUser};
use crate::web::dto::accounts::{AuthResponse, LoginBody, RegisterBody, UserDto};
use crate::web::dto::errors::ErrorResponse;
use crate::web::error::{Error, Result};
use crate::web::extract::ApiJson;

/// Create an account and receive a bearer token.
#[utoipa::path(post, path = "/api/auth/register", tag = "accounts", request_body = RegisterBody,
    responses((status = 201, body = AuthResponse), (status = 400, body = ErrorResponse),
              (status = 409, description = "the email is taken", body = ErrorResponse), (status = 422, description = "a field breaks a rule", body = ErrorResponse)))]
pub async fn register(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    ApiJson(body): ApiJson<RegisterBody>,
) -> Result<(StatusCode, Json<AuthResponse>)> {
    let input = Registration {
        email: body.email,
        password: body.password,
        name: body.name,
        roles: body.roles,
        timezone: body.timezone,
    };
    let (user, token) = accounts::register(&state, input, &client, TokenKind::Api).await?;
    Ok((
        StatusCode::CREATED,
        Json(AuthResponse {
            token,
            user: UserDto::new(&user, None),
        }),
    ))
}

/// Sign in with email and password and receive a bearer token.
#[utoipa::path(post, path = "/api/auth/login", tag = "accounts", request_body = LoginBody,
    responses((status = 200, body = AuthResponse), (status = 401, body = ErrorResponse),
              (status = 429, description = "too many attempts; see Retry-After", body = ErrorResponse)))]
pub async fn login(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    ApiJson(body): ApiJson<LoginBody>,
) -> Result<Json<AuthResponse>> {
    let (Some(email), Some(password)) = (body.email, body.password) else {
        let mut errors = mentorhub_domain::FieldErrors::new();
        errors.add("email", "Email and password are required.");
        errors.add("password", "Email and password are required.");
        return Err(Error::Validation(errors));
    };
    let (user, token) = accounts::sign_in(&state, &email, &password, &client, TokenKind::Api).await?;
    let profile = state.store.mentor_profile(user.id).await?;
    Ok(Json(AuthResponse {
        token,
        user: UserDto::new(&user, profile.as_ref()),
    }))
}

/// Revoke the token (or browser session) this request was made with.
#[utoipa::path(post, path = "/api/auth/logout", tag = "accounts",
    responses((status = 204, description = "signed out"), (status = 401, body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn logout(State(state): State<AppState>, current: CurrentUser) -> Result<StatusCode> {
    accounts::sign_out(&state, current.credential.token()).await?;
    Ok(StatusCode::NO_CONTENT)
}
