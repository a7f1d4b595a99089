//! The signed-in caller, from a bearer token or the session cookie.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, Method};
use mentorhub_store::{TokenKind, UserRecord};

use super::{cookies, csrf};
use crate::services::accounts::tokens as token;
use crate::state::AppState;
use crate::web::error::Error;

/// How the caller proved who they are.
#[derive(Debug, Clone)]
pub enum Credential {
    Bearer(String),
    Session(String),
}

impl Credential {
    pub fn token(&self) -> &str {
        match self {
            Credential::Bearer(t) | Credential::Session(t) => t,
        }
    }
}

#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: UserRecord,
    pub credential: Credential,
}

/// `CurrentUser` when signed in, `None` otherwise (a bad token counts as
/// not signed in on pages; the API answers 401 through `CurrentUser`).
#[derive(Debug, Clone)]
pub struct MaybeUser(pub Option<CurrentUser>);

fn credential(parts: &Parts) -> Result<Option<Credential>, Error> {
    if let Some(value) = parts.headers.get(header::AUTHORIZATION) {
        let value = value.to_str().map_err(|_| Error::Unauthorized)?;
        let token = value
            .strip_prefix("Bearer ")
            .or_else(|| value.strip_prefix("bearer "))
            .ok_or(Error::Unauthorized)?;
        return Ok(Some(Credential::Bearer(token.trim().to_owned())));
    }
    Ok(cookies::get(&parts.headers, cookies::SESSION).map(|t| Credential::Session(t.to_owned())))
}

async fn resolve(parts: &Parts, state: &AppState) -> Result<Option<CurrentUser>, Error> {
    let Some(credential) = credential(parts)? else {
        return Ok(None);
    };
    let kind = match credential {
        Credential::Bearer(_) => TokenKind::Api,
        Credential::Session(_) => TokenKind::Session,
    };
    let hash = token::hash_token(credential.token());
    let now = state.clock.now();
    let user = match state.tokens.get(&hash, kind, now) {
        Some(user) => Some(user),
        None => {
            let generation = state.tokens.generation();
            let found = state.store.token_holder(&hash, kind, now).await?;
            found.map(|(user, expires_at)| {
                state.tokens.put(&hash, kind, expires_at, user.clone(), generation);
                user
            })
        }
    };
    // "Last active", kept coarse: at most one write an hour per person.
    if let Some(u) = user
        .as_ref()
        .filter(|u| u.last_active_at.is_none_or(|t| now - t > chrono::Duration::hours(1)))
    {
        match state.store.touch_user(u.id, now).await {
            Ok(()) => state.tokens.touched(u.id, now),
            Err(err) => tracing::warn!(error = %err, "could not record activity"),
        }
    }
    Ok(user.map(|user| CurrentUser { user, credential }))
}

/// Cookie-authenticated JSON that changes something must carry the CSRF
/// header (forms are checked by `pages::form::CsrfForm`).
fn check_api_csrf(parts: &Parts, current: &CurrentUser) -> Result<(), Error> {
    let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
    let path = parts.uri.path();
    if safe || !(path.starts_with("/api/") || path.starts_with("/trpc/")) {
        return Ok(());
    }
    if let Credential::Session(session) = &current.credential {
        let expected = csrf::derive_from_session(session);
        let given = parts
            .headers
            .get(csrf::HEADER)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if !csrf::matches(&expected, given) {
            return Err(Error::forbidden(
                "This request needs the X-CSRF-Token header of your page.",
            ));
        }
    }
    Ok(())
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        if let Some(current) = parts.extensions.get::<CurrentUser>() {
            return Ok(current.clone());
        }
        let current = resolve(parts, state).await?.ok_or(Error::Unauthorized)?;
        check_api_csrf(parts, &current)?;
        parts.extensions.insert(current.clone());
        Ok(current)
    }
}

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        match resolve(parts, state).await {
            Ok(found) => Ok(MaybeUser(found)),
            Err(Error::Unauthorized) => Ok(MaybeUser(None)),
            Err(other) => Err(other),
        }
    }
}

/// The client's address, used by rate limits. The connection's address,
/// unless it is a trusted proxy (`MENTORHUB_TRUSTED_PROXIES`): then the
/// nearest untrusted address in `X-Forwarded-For`, read from the right (the
/// left part of that header is whatever the client wrote).
#[derive(Debug, Clone)]
pub struct ClientAddr(pub String);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let Some(peer) = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|info| info.0.ip())
        else {
            return Ok(ClientAddr("local".into()));
        };
        let proxies = &state.config.trusted_proxies;
        if !proxies.contains(peer) {
            return Ok(ClientAddr(peer.to_string()));
        }
        let forwarded: Vec<std::net::IpAddr> = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|v| v.trim().parse())
            .collect::<Result<_, _>>()
            .unwrap_or_default();
        let client = forwarded
            .into_iter()
            .rev()
            .find(|ip| !proxies.contains(*ip))
            .unwrap_or(peer);
        Ok(ClientAddr(client.to_string()))
    }
}
