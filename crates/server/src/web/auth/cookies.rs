//! Reading and writing our few cookies.

use axum::http::{header, HeaderMap, HeaderValue};

pub const SESSION: &str = "mh_session";
pub const CSRF: &str = "mh_csrf";
pub const FLASH: &str = "mh_flash";

/// The value of a cookie in the request, if sent.
pub fn get<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
        .filter(|value| !value.is_empty())
}

/// A `Set-Cookie` value. `max_age` of zero deletes the cookie.
pub fn set(name: &str, value: &str, max_age_secs: u64, http_only: bool, secure: bool) -> HeaderValue {
    let mut cookie = format!("{name}={value}; Path=/; Max-Age={max_age_secs}; SameSite=Lax");
    if http_only {
        cookie.push_str("; HttpOnly");
    }
    if secure {
        cookie.push_str("; Secure");
    }
    HeaderValue::from_str(&cookie).expect("cookie values are URL-safe")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("a=1; mh_session=tok; b=2"));
        assert_eq!(get(&headers, SESSION), Some("tok"));
        assert_eq!(get(&headers, "c"), None);
        let value = set(SESSION, "x", 60, true, true);
        assert_eq!(
            value,
            "mh_session=x; Path=/; Max-Age=60; SameSite=Lax; HttpOnly; Secure"
        );
    }
}
