//! CSRF protection. A signed-in browser's token is derived from its session
//! token (which is HttpOnly, so another site can neither read nor forge it);
//! before sign-in a random `mh_csrf` cookie is double-submitted. Forms send
//! the token as the `csrf` field, JavaScript as the `X-CSRF-Token` header.

use axum::http::HeaderMap;
use sha2::{Digest, Sha256};

use super::cookies;
use crate::services::accounts::tokens::new_token;

pub const HEADER: &str = "x-csrf-token";

pub fn derive_from_session(session_token: &str) -> String {
    let digest = Sha256::digest(format!("mentorhub-csrf:{session_token}").as_bytes());
    digest.iter().take(24).map(|b| format!("{b:02x}")).collect()
}

/// The token this browser must send back, if it has one yet.
pub fn expected(headers: &HeaderMap) -> Option<String> {
    match cookies::get(headers, cookies::SESSION) {
        Some(session) => Some(derive_from_session(session)),
        None => cookies::get(headers, cookies::CSRF).map(str::to_owned),
    }
}

/// The token to put in a page's forms, and a fresh pre-sign-in cookie to set
/// when the browser has neither cookie yet.
pub fn for_page(headers: &HeaderMap) -> (String, Option<String>) {
    match expected(headers) {
        Some(token) => (token, None),
        None => {
            let fresh = new_token();
            (fresh.clone(), Some(fresh))
        }
    }
}

/// Compares without stopping at the first different byte.
pub fn matches(expected: &str, given: &str) -> bool {
    expected.len() == given.len()
        && expected
            .bytes()
            .zip(given.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{header, HeaderValue};

    #[test]
    fn the_session_decides_the_token() {
        let mut headers = HeaderMap::new();
        assert_eq!(expected(&headers), None);
        headers.insert(header::COOKIE, HeaderValue::from_static("mh_csrf=abc"));
        assert_eq!(expected(&headers).as_deref(), Some("abc"));
        headers.insert(header::COOKIE, HeaderValue::from_static("mh_csrf=abc; mh_session=s1"));
        assert_eq!(expected(&headers), Some(derive_from_session("s1")));
        assert_ne!(derive_from_session("s1"), derive_from_session("s2"));
        assert!(matches("abc", "abc"));
        assert!(!matches("abc", "abd"));
        assert!(!matches("abc", "ab"));
    }
}
