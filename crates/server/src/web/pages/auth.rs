//! Sign-up, sign-in and sign-out pages.

use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use mentorhub_domain::FieldErrors;
use mentorhub_store::TokenKind;
use serde::Deserialize;

use super::form::CsrfForm;
use super::shell::{redirect_with_flash, Shell};
use crate::services::accounts::{self, Registration, SESSION_DAYS};
use crate::state::AppState;
use crate::web::auth::{cookies, ClientAddr, MaybeUser};
use crate::web::error::{Error, Result};
use crate::web::extract::ApiQuery;
use mentorhub_domain::local_time::zone_names;

#[derive(Default)]
pub struct SignupForm {
    name: String,
    email: String,
    mentee: bool,
    mentor: bool,
    timezone: String,
    /// Lets the page's script pick the browser's zone on a fresh form only.
    zone_untouched: bool,
}

#[derive(Template)]
#[template(path = "signup.html")]
struct SignupPage {
    shell: Shell,
    form: SignupForm,
    errors: FieldErrors,
    zones: Vec<&'static str>,
}

#[derive(Template)]
#[template(path = "signin.html")]
struct SigninPage {
    shell: Shell,
    email: String,
    next: String,
    error: Option<String>,
}

pub async fn signup_page(shell: Shell) -> Response {
    if shell.user.is_some() {
        return Redirect::to("/dashboard").into_response();
    }
    let form = SignupForm {
        mentee: true,
        timezone: "UTC".into(),
        zone_untouched: true,
        ..SignupForm::default()
    };
    let page = SignupPage {
        shell,
        form,
        errors: FieldErrors::new(),
        zones: zone_names(),
    };
    page.shell.render(&page)
}

#[derive(Deserialize)]
pub struct SignupFields {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    role_mentee: Option<String>,
    role_mentor: Option<String>,
    #[serde(default)]
    timezone: String,
}

pub async fn signup(
    State(state): State<AppState>,
    shell: Shell,
    ClientAddr(client): ClientAddr,
    CsrfForm(fields): CsrfForm<SignupFields>,
) -> Result<Response> {
    let mut roles = Vec::new();
    if fields.role_mentee.is_some() {
        roles.push("mentee".to_owned());
    }
    if fields.role_mentor.is_some() {
        roles.push("mentor".to_owned());
    }
    let input = Registration {
        email: Some(fields.email.clone()),
        password: Some(fields.password),
        name: Some(fields.name.clone()),
        roles: Some(roles),
        timezone: Some(fields.timezone.clone()),
    };
    let result = match accounts::register(&state, input, &client, TokenKind::Session)
        .await
        .map_err(Error::from)
    {
        // On the page a taken email is shown beside the email field.
        Err(Error::Conflict("email_taken", message)) => {
            let mut errors = FieldErrors::new();
            errors.add("email", message);
            Err(Error::Validation(errors))
        }
        other => other,
    };
    match result {
        Ok((user, token)) => {
            let message = format!("Welcome to Mentorhub, {}!", user.name);
            Ok(signed_in(&state, "/dashboard", &token, &message))
        }
        Err(Error::Validation(errors)) => {
            let form = SignupForm {
                name: fields.name,
                email: fields.email,
                mentee: fields.role_mentee.is_some(),
                mentor: fields.role_mentor.is_some(),
                timezone: fields.timezone,
                zone_untouched: false,
            };
            let page = SignupPage {
                shell,
                form,
                errors,
                zones: zone_names(),
            };
            let mut response = page.shell.render(&page);
            *response.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(other) => Err(other),
    }
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// Only same-site paths, so a link cannot bounce a user to another site.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => path.to_owned(),
        _ => "/dashboard".to_owned(),
    }
}

pub async fn signin_page(shell: Shell, ApiQuery(query): ApiQuery<NextQuery>) -> Response {
    if shell.user.is_some() {
        return Redirect::to("/dashboard").into_response();
    }
    let page = SigninPage {
        shell,
        email: String::new(),
        next: safe_next(query.next.as_deref()),
        error: None,
    };
    page.shell.render(&page)
}

#[derive(Deserialize)]
pub struct SigninFields {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

pub async fn signin(
    State(state): State<AppState>,
    shell: Shell,
    ClientAddr(client): ClientAddr,
    CsrfForm(fields): CsrfForm<SigninFields>,
) -> Result<Response> {
    let next = safe_next(fields.next.as_deref());
    match accounts::sign_in(&state, &fields.email, &fields.password, &client, TokenKind::Session)
        .await
        .map_err(Error::from)
    {
        Ok((user, token)) => Ok(signed_in(
            &state,
            &next,
            &token,
            &format!("Welcome back, {}.", user.name),
        )),
        Err(err @ (Error::BadCredentials(_) | Error::RateLimited(_))) => {
            let status = err.status();
            let page = SigninPage {
                shell,
                email: fields.email,
                next,
                error: Some(err.to_string()),
            };
            let mut response = page.shell.render(&page);
            *response.status_mut() = status;
            if let Error::RateLimited(seconds) = err {
                response.headers_mut().insert(header::RETRY_AFTER, seconds.into());
            }
            Ok(response)
        }
        Err(other) => Err(other),
    }
}

fn signed_in(state: &AppState, to: &str, token: &str, message: &str) -> Response {
    let secure = state.config.secure_cookies();
    let mut response = redirect_with_flash(to, "success", message, secure);
    let max_age = u64::try_from(SESSION_DAYS * 86_400).unwrap_or(0);
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::set(cookies::SESSION, token, max_age, true, secure),
    );
    response
}

#[derive(Deserialize)]
pub struct NoFields {}

pub async fn signout(
    State(state): State<AppState>,
    MaybeUser(current): MaybeUser,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response> {
    if let Some(current) = current {
        accounts::sign_out(&state, current.credential.token()).await?;
    }
    let secure = state.config.secure_cookies();
    let mut response = redirect_with_flash("/", "info", "You are signed out.", secure);
    response
        .headers_mut()
        .append(header::SET_COOKIE, cookies::set(cookies::SESSION, "", 0, true, secure));
    Ok(response)
}
