//! Extractors whose rejections speak the API's error format.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, FromRequestParts, RawPathParams, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::web::error::Error;

/// A JSON body. The content type is not insisted on (a client that forgets
/// it still gets its request read); malformed JSON and wrong types are 400.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state).await.map_err(body_error)?;
        parse_json(&bytes).map(ApiJson)
    }
}

pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Error> {
    crate::web::input_guard::check_json(bytes)?;
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error_free(&mut de)?;
    de.end()
        .map_err(|_| Error::BadRequest("malformed_json", "The body is not valid JSON.".into()))?;
    Ok(value)
}

fn serde_path_to_error_free<'de, T: DeserializeOwned>(
    de: &mut serde_json::Deserializer<serde_json::de::SliceRead<'de>>,
) -> Result<T, Error> {
    T::deserialize(de).map_err(|err| {
        use serde_json::error::Category;
        match err.classify() {
            Category::Data => Error::BadRequest("invalid_body", format!("The body has a wrong type: {err}.")),
            Category::Eof | Category::Syntax | Category::Io => {
                Error::BadRequest("malformed_json", "The body is not valid JSON.".into())
            }
        }
    })
}

pub fn body_error(rejection: BytesRejection) -> Error {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        Error::PayloadTooLarge
    } else {
        Error::BadRequest("bad_body", "The request body could not be read.".into())
    }
}

/// Query parameters; a wrong type is a 400 naming the problem.
pub struct ApiQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiQuery<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        serde_urlencoded::from_str(query)
            .map(ApiQuery)
            .map_err(|err| Error::BadRequest("invalid_query", format!("The query string is invalid: {err}.")))
    }
}

/// A JSON body that may be left out entirely (an empty body is `None`).
pub struct MaybeJson<T>(pub Option<T>);

impl<S, T> FromRequest<S> for MaybeJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state).await.map_err(body_error)?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(MaybeJson(None));
        }
        parse_json(&bytes).map(|v| MaybeJson(Some(v)))
    }
}

/// An id given as text (a path segment, a tRPC input). A malformed id
/// names nothing that could exist, so it is a 404 like any unknown id.
pub fn parse_id(text: &str) -> Result<Uuid, Error> {
    Uuid::parse_str(text.trim()).map_err(|_| Error::NotFound)
}

/// The `{id}` segment of the route as a UUID; 404 when it is not one.
pub struct Id(pub Uuid);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let params = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|_| Error::NotFound)?;
        let text = params
            .iter()
            .find_map(|(name, value)| (name == "id").then_some(value))
            .ok_or(Error::NotFound)?;
        parse_id(text).map(Id)
    }
}
