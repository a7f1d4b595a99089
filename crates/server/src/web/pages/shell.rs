//! What every page shares: the signed-in user, navigation, CSRF token and
//! the flash message, gathered by one extractor.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use axum::response::{Html, IntoResponse, Redirect, Response};
use mentorhub_store::UserRecord;

use crate::services;
use crate::state::AppState;
use crate::web::auth::{cookies, csrf, MaybeUser};
use crate::web::error::Error;

pub struct NavItem {
    pub href: &'static str,
    pub label: &'static str,
    pub current: bool,
}

/// Sections in the navigation: link, label, and the paths that belong to
/// it (the longest match wins, so /mentorship/find is "Find a mentor").
const SECTIONS: &[(&str, &str, &[&str])] = &[
    ("/dashboard", "Dashboard", &["/dashboard"]),
    ("/mentorship/find", "Find a mentor", &["/mentorship/find", "/mentors"]),
    ("/mentorship", "Mentorship", &["/mentorship"]),
    ("/mini", "Mini mentorship", &["/mini", "/mentorship/dashboard"]),
    ("/groups", "Groups", &["/groups"]),
    ("/chat", "Chat", &["/chat"]),
];
const ADMIN: (&str, &str, &[&str]) = ("/admin", "Admin", &["/admin"]);

pub struct Flash {
    pub kind: &'static str,
    pub message: String,
}

pub struct Shell {
    pub user: Option<UserRecord>,
    /// Unread notifications except chat messages, for the bell.
    pub unread: i64,
    /// Unread chat messages, for the Chat item.
    pub unread_messages: i64,
    pub csrf: String,
    pub flash: Option<Flash>,
    pub nav: Vec<NavItem>,
    set_csrf_cookie: Option<String>,
    clear_flash: bool,
    secure: bool,
}

impl FromRequestParts<AppState> for Shell {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let MaybeUser(current) = MaybeUser::from_request_parts(parts, state).await?;
        let (csrf, set_csrf_cookie) = csrf::for_page(&parts.headers);
        let flash = read_flash(&parts.headers);
        let path = parts.uri.path();
        // Visitors see the one public section.
        let sections: Vec<_> = SECTIONS
            .iter()
            .filter(|(href, _, _)| current.is_some() || *href == "/mentorship/find" || *href == "/groups")
            .chain(current.as_ref().filter(|c| c.user.is_admin).map(|_| &ADMIN))
            .collect();
        let matched = |prefix: &str| path == prefix || path.starts_with(&format!("{prefix}/"));
        let current_href = sections
            .iter()
            .filter_map(|(href, _, prefixes)| prefixes.iter().filter(|p| matched(p)).map(|p| (p.len(), *href)).max())
            .max()
            .map(|(_, href)| href);
        let nav = sections
            .iter()
            .map(|(href, label, _)| NavItem {
                href,
                label,
                current: Some(*href) == current_href,
            })
            .collect();
        let (unread, unread_messages) = match &current {
            Some(c) => (
                state.store.unread_alerts(c.user.id).await?,
                state.store.unread_messages(c.user.id).await?,
            ),
            None => (0, 0),
        };
        Ok(Shell {
            user: current.map(|c| c.user),
            unread,
            unread_messages,
            csrf,
            clear_flash: flash.is_some(),
            flash,
            nav,
            set_csrf_cookie,
            secure: state.config.secure_cookies(),
        })
    }
}

impl Shell {
    /// Renders a page, setting or clearing the cookies the shell looked at.
    pub fn render(&self, template: &impl askama::Template) -> Response {
        match template.render() {
            Ok(html) => {
                let mut response = Html(html).into_response();
                self.apply_cookies(response.headers_mut());
                response
            }
            Err(err) => Error::internal(err).into_response(),
        }
    }

    /// Renders a page with a status other than 200 (422 for a form to fix).
    pub fn render_status(&self, status: axum::http::StatusCode, template: &impl askama::Template) -> Response {
        let mut response = self.render(template);
        *response.status_mut() = status;
        response
    }

    pub fn apply_cookies(&self, headers: &mut HeaderMap) {
        if let Some(token) = &self.set_csrf_cookie {
            headers.append(
                header::SET_COOKIE,
                cookies::set(cookies::CSRF, token, 60 * 60 * 24, true, self.secure),
            );
        }
        if self.clear_flash {
            headers.append(
                header::SET_COOKIE,
                cookies::set(cookies::FLASH, "", 0, true, self.secure),
            );
        }
    }
}

/// A redirect after a form post, carrying a flash message for the next page.
pub fn redirect_with_flash(to: &str, kind: &'static str, message: &str, secure: bool) -> Response {
    let mut response = Redirect::to(to).into_response();
    let value = format!("{kind}:{}", encode_flash(message));
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::set(cookies::FLASH, &value, 60, true, secure),
    );
    response
}

/// After an action posted from a page: back to `back` with the success
/// sentence, or with what went wrong when the person can act on it (a
/// conflict, a refusal, an invalid field). Anything else is an error page.
pub fn flash_outcome<M: AsRef<str>>(
    back: &str,
    result: Result<M, services::Error>,
    secure: bool,
) -> Result<Response, Error> {
    let problem = match result {
        Ok(message) => return Ok(redirect_with_flash(back, "success", message.as_ref(), secure)),
        Err(services::Error::Conflict(conflict)) => conflict.message(),
        Err(services::Error::Forbidden(why)) => why,
        Err(services::Error::Invalid(errors)) => errors.0.into_values().next().unwrap_or_default(),
        Err(other) => return Err(other.into()),
    };
    Ok(redirect_with_flash(back, "error", &problem, secure))
}

/// Where a page that needs a signed-in user sends everyone else.
pub fn to_sign_in(path: &str) -> Response {
    Redirect::to(&format!("/signin?next={}", encode_flash(path))).into_response()
}

fn encode_flash(message: &str) -> String {
    let mut out = String::new();
    for byte in message.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn decode_flash(value: &str) -> String {
    fn hex(b: u8) -> Option<u8> {
        (b as char).to_digit(16).map(|d| d as u8)
    }
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push(hi * 16 + lo);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn read_flash(headers: &HeaderMap) -> Option<Flash> {
    let raw = cookies::get(headers, cookies::FLASH)?;
    let (kind, message) = raw.split_once(':')?;
    let kind = match kind {
        "success" => "success",
        "error" => "error",
        _ => "info",
    };
    let message: String = decode_flash(message).chars().take(300).collect();
    Some(Flash { kind, message })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flash_messages_survive_the_cookie() {
        let message = "Welcome, Zoë; you're in!";
        assert_eq!(decode_flash(&encode_flash(message)), message);
        assert_eq!(decode_flash("100%"), "100%");
        assert_eq!(decode_flash("%Zé%4"), "%Zé%4");
    }
}
