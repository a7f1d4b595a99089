//! Account rules shared by the JSON API and the pages: sign-up, sign-in,
//! sign-out and profile changes.

pub mod password;
pub mod sign_in_guard;
pub mod token_cache;
pub mod tokens;

use chrono::Duration;
use mentorhub_domain::profile::tags;
use mentorhub_domain::validation::bounded_text;
use mentorhub_domain::{Email, FieldErrors, MentorProfile, MentorProfileInput, Password, PersonName, Roles, TimeZone};
use mentorhub_store::{MentorProfileRecord, NewUser, TokenKind, UserChanges, UserRecord};
use uuid::Uuid;

use crate::services::error::Error;
use crate::services::rate_limit::{self, Rule};
use crate::state::AppState;

pub const SESSION_DAYS: i64 = 30;
pub const API_TOKEN_DAYS: i64 = 90;

/// Sign-up fields as they arrive (`None`: missing).
#[derive(Debug, Default)]
pub struct Registration {
    pub email: Option<String>,
    pub password: Option<String>,
    pub name: Option<String>,
    pub roles: Option<Vec<String>>,
    pub timezone: Option<String>,
}

fn required<'a>(errors: &mut FieldErrors, field: &str, label: &str, value: &'a Option<String>) -> Option<&'a str> {
    match value.as_deref() {
        Some(v) => Some(v),
        None => {
            errors.add(field, format!("{label} is required."));
            None
        }
    }
}

/// Creates the account and signs it in with a token of `kind`.
pub async fn register(
    state: &AppState,
    input: Registration,
    client: &str,
    kind: TokenKind,
) -> Result<(UserRecord, String), Error> {
    let per_client = Rule::new(
        "register_client",
        state.limits.registrations_per_client,
        std::time::Duration::from_secs(3600),
    );
    rate_limit::take(state, per_client, client).await?;
    let mut errors = FieldErrors::new();
    let email =
        required(&mut errors, "email", "Email", &input.email).and_then(|v| errors.take("email", Email::parse(v)));
    let name =
        required(&mut errors, "name", "Name", &input.name).and_then(|v| errors.take("name", PersonName::parse(v)));
    let known_to_guessers = [
        input.email.as_deref().unwrap_or(""),
        input.name.as_deref().unwrap_or(""),
    ];
    let password = required(&mut errors, "password", "Password", &input.password)
        .and_then(|v| errors.take("password", Password::parse(v, &known_to_guessers)));
    let roles = errors.take("roles", Roles::parse(input.roles.as_deref().unwrap_or(&[])));
    let timezone = errors.take("timezone", TimeZone::parse(input.timezone.as_deref().unwrap_or("UTC")));
    let (Some(email), Some(password), Some(name), Some(roles), Some(timezone)) =
        (email, password, name, roles, timezone)
    else {
        return Err(Error::Invalid(errors));
    };
    let password_hash = state.hasher.hash(password.expose().to_owned()).await?;
    let new_user = NewUser {
        id: Uuid::new_v4(),
        email: email.as_str().to_owned(),
        email_normalized: email.normalized(),
        password_hash,
        name: name.as_str().to_owned(),
        is_mentee: roles.mentee,
        is_mentor: roles.mentor,
        is_admin: false,
        timezone: timezone.name().to_owned(),
        now: state.clock.now(),
    };
    let user = state.store.create_user(&new_user).await?;
    tracing::info!(user.id = %user.id, "account created");
    let token = issue_token(state, user.id, kind).await?;
    Ok((user, token))
}

/// Replaces a hash made with older parameters; a failure only waits for
/// the next sign-in.
async fn upgrade_hash(state: &AppState, user: &UserRecord, old: &str, password_text: &str) {
    let fresh = match state.hasher.hash(password_text.to_owned()).await {
        Ok(fresh) => fresh,
        Err(err) => return tracing::warn!(user.id = %user.id, error = %err, "could not rehash a password"),
    };
    if let Err(err) = state
        .store
        .replace_password_hash(user.id, old, &fresh, state.clock.now())
        .await
    {
        tracing::warn!(user.id = %user.id, error = %err, "could not store a rehashed password");
    }
}

/// Checks the credentials (rate limited) and issues a token of `kind`.
pub async fn sign_in(
    state: &AppState,
    email: &str,
    password_text: &str,
    client: &str,
    kind: TokenKind,
) -> Result<(UserRecord, String), Error> {
    let normalized = email.trim().to_lowercase();
    sign_in_guard::before_attempt(state, &normalized, client).await?;
    let found = state.store.user_credentials(&normalized).await?;
    let (user, hash) = match found {
        Some((user, hash)) => (Some(user), Some(hash)),
        None => (None, None),
    };
    let ok = state.hasher.verify(password_text.to_owned(), hash.clone()).await?;
    match (user, ok) {
        // Told only to someone who knows the password.
        (Some(user), true) if user.deleted_at.is_some() => Err(Error::BadCredentials),
        (Some(user), true) if user.suspended_at.is_some() => Err(Error::Suspended),
        (Some(user), true) => {
            sign_in_guard::succeeded(state, &normalized, client).await?;
            if let Some(old) = hash.filter(|h| password::needs_rehash(h)) {
                upgrade_hash(state, &user, &old, password_text).await;
            }
            let token = issue_token(state, user.id, kind).await?;
            tracing::info!(user.id = %user.id, "signed in");
            Ok((user, token))
        }
        _ => {
            sign_in_guard::failed(state, &normalized, client).await?;
            Err(Error::BadCredentials)
        }
    }
}

pub async fn issue_token(state: &AppState, user_id: Uuid, kind: TokenKind) -> Result<String, Error> {
    let raw = tokens::new_token();
    let now = state.clock.now();
    let days = match kind {
        TokenKind::Session => SESSION_DAYS,
        TokenKind::Api => API_TOKEN_DAYS,
    };
    state
        .store
        .insert_token(
            &tokens::hash_token(&raw),
            user_id,
            kind,
            now,
            now + Duration::days(days),
        )
        .await?;
    Ok(raw)
}

pub async fn sign_out(state: &AppState, raw_token: &str) -> Result<(), Error> {
    let hash = tokens::hash_token(raw_token);
    state.store.delete_token(&hash).await?;
    state.tokens.forget(&hash);
    Ok(())
}

/// Changes name and/or time zone.
pub async fn update_account(
    state: &AppState,
    user: &UserRecord,
    name: Option<&str>,
    timezone: Option<&str>,
) -> Result<UserRecord, Error> {
    let mut errors = FieldErrors::new();
    let name = name.and_then(|v| errors.take("name", PersonName::parse(v)));
    let timezone = timezone.and_then(|v| errors.take("timezone", TimeZone::parse(v)));
    errors.into_result()?;
    let changes = UserChanges {
        name: name.as_ref().map(PersonName::as_str),
        timezone: timezone.map(|t| t.name()),
        ..UserChanges::default()
    };
    let updated = state.store.update_user(user.id, &changes, state.clock.now()).await?;
    state.tokens.forget_user(user.id);
    Ok(updated)
}

/// Changes what a mentee wants to learn; used for recommendations.
pub async fn update_learning_goals(
    state: &AppState,
    user: &UserRecord,
    interests: Option<&[String]>,
    goals: Option<&str>,
) -> Result<UserRecord, Error> {
    let mut errors = FieldErrors::new();
    let interests = interests.and_then(|v| errors.take("interests", tags(v, "Interests", 0)));
    let goals = goals.and_then(|v| errors.take("goals", bounded_text(v, "Goals", 0, 1000)));
    errors.into_result()?;
    let changes = UserChanges {
        interests: interests.as_deref(),
        goals: goals.as_deref(),
        ..UserChanges::default()
    };
    let updated = state.store.update_user(user.id, &changes, state.clock.now()).await?;
    state.tokens.forget_user(user.id);
    Ok(updated)
}

/// Saves a mentor's profile; only mentors have one.
pub async fn save_mentor_profile(
    state: &AppState,
    user: &UserRecord,
    input: MentorProfileInput,
) -> Result<MentorProfileRecord, Error> {
    if !user.is_mentor {
        return Err(Error::forbidden("Only mentors have a mentor profile."));
    }
    let profile = MentorProfile::parse(input)?;
    Ok(state
        .store
        .upsert_mentor_profile(user.id, &profile, state.clock.now())
        .await?)
}
