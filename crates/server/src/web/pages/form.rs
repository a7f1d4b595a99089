//! Form bodies that must carry the page's CSRF token.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::web::auth::csrf;
use crate::web::error::Error;
use crate::web::extract::body_error;

pub struct CsrfForm<T>(pub T);

/// A form that carries nothing but its CSRF token.
#[derive(Deserialize)]
pub struct NoFields {}

/// A text field's value for a template (empty when missing).
pub fn text_of(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("")
}

/// A number typed into a text field: `None` when empty or not a number,
/// so the rule reports it as a field error (not a form that cannot be read).
pub fn number_of(value: &Option<String>) -> Option<i64> {
    value.as_deref().map(str::trim).and_then(|v| v.parse().ok())
}

/// A form's token against the one this browser must send (`csrf::expected`);
/// also for multipart forms, which carry it as a part.
pub fn check_token(expected: Option<&str>, given: &str) -> Result<(), Error> {
    match expected {
        Some(expected) if csrf::matches(expected, given) => Ok(()),
        _ => Err(Error::forbidden(
            "This form has expired or came from another site. Go back, reload the page and try again.",
        )),
    }
}

#[derive(Deserialize)]
struct Token {
    #[serde(default)]
    csrf: String,
}

impl<S, T> FromRequest<S> for CsrfForm<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let expected = csrf::expected(req.headers());
        let bytes = Bytes::from_request(req, state).await.map_err(body_error)?;
        crate::web::input_guard::check_form(&bytes)?;
        let token: Token = serde_urlencoded::from_bytes(&bytes).unwrap_or(Token { csrf: String::new() });
        check_token(expected.as_deref(), &token.csrf)?;
        serde_urlencoded::from_bytes(&bytes)
            .map(CsrfForm)
            .map_err(|err| Error::BadRequest("invalid_form", format!("The form could not be read: {err}.")))
    }
}
