//! The web layer's one error type. It answers in the JSON format of the API
//! contract; page routes turn it into an HTML page (`pages::errors`) and
//! tRPC into its own shape (`trpc::wire`). Services return
//! `services::Error`, converted here (see `services::error` for the layers).

use std::collections::BTreeMap;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use mentorhub_domain::FieldErrors;
use mentorhub_store::StoreError;
use serde::Serialize;

use crate::services;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{1}")]
    BadRequest(&'static str, String),
    #[error("You need to sign in.")]
    Unauthorized,
    #[error("{0}")]
    BadCredentials(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    Suspended(String),
    #[error("Not found.")]
    NotFound,
    #[error("{1}")]
    Conflict(&'static str, String),
    #[error("The request body is larger than 1 MiB.")]
    PayloadTooLarge,
    #[error("Some fields need attention.")]
    Validation(FieldErrors),
    #[error("Too many attempts. Try again in {0} seconds.")]
    RateLimited(u64),
    #[error("Method not allowed.")]
    MethodNotAllowed,
    #[error("internal error: {0}")]
    Internal(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn status(&self) -> StatusCode {
        match self {
            Error::BadRequest(..) => StatusCode::BAD_REQUEST,
            Error::Unauthorized | Error::BadCredentials(_) => StatusCode::UNAUTHORIZED,
            Error::Forbidden(_) | Error::Suspended(_) => StatusCode::FORBIDDEN,
            Error::NotFound => StatusCode::NOT_FOUND,
            Error::Conflict(..) => StatusCode::CONFLICT,
            Error::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Error::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Error::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
            Error::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Error::BadRequest(code, _) | Error::Conflict(code, _) => code,
            Error::Unauthorized => "unauthorized",
            Error::BadCredentials(_) => "bad_credentials",
            Error::Forbidden(_) => "forbidden",
            Error::Suspended(_) => "account_suspended",
            Error::NotFound => "not_found",
            Error::PayloadTooLarge => "payload_too_large",
            Error::Validation(_) => "validation_failed",
            Error::RateLimited(_) => "rate_limited",
            Error::MethodNotAllowed => "method_not_allowed",
            Error::Internal(_) => "internal",
        }
    }

    /// The sentence shown to the client; a 500 tells nothing of its cause.
    pub fn public_message(&self) -> String {
        match self {
            Error::Internal(_) => "Something went wrong on our side. Please try again.".into(),
            other => other.to_string(),
        }
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Error::Forbidden(message.into())
    }

    pub fn field(field: &str, message: impl Into<String>) -> Self {
        let mut errors = FieldErrors::new();
        errors.add(field, message);
        Error::Validation(errors)
    }

    pub fn internal(err: impl std::fmt::Display) -> Self {
        Error::Internal(err.to_string())
    }
}

/// Services speak in rules; here they become statuses (see the table in
/// `services::error`).
impl From<services::Error> for Error {
    fn from(err: services::Error) -> Self {
        use services::Error as S;
        match err {
            S::NotFound => Error::NotFound,
            S::Forbidden(message) => Error::Forbidden(message),
            S::Conflict(conflict) => Error::Conflict(conflict.code(), conflict.message()),
            S::Invalid(fields) => Error::Validation(fields),
            S::RateLimited(seconds) => Error::RateLimited(seconds),
            bad @ S::BadCredentials => Error::BadCredentials(bad.to_string()),
            suspended @ S::Suspended => Error::Suspended(suspended.to_string()),
            S::Store(cause) => Error::Internal(cause.to_string()),
            S::Internal(cause) => Error::Internal(cause),
        }
    }
}

/// Handlers that read the store directly map its errors the same way.
impl From<StoreError> for Error {
    fn from(err: StoreError) -> Self {
        services::Error::from(err).into()
    }
}

impl From<FieldErrors> for Error {
    fn from(errors: FieldErrors) -> Self {
        Error::Validation(errors)
    }
}

#[derive(Serialize)]
struct Body<'a> {
    error: Detail<'a>,
}

#[derive(Serialize)]
struct Detail<'a> {
    code: &'a str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    fields: Option<&'a BTreeMap<String, String>>,
}

/// Left on an error response so page routes can render it as HTML.
#[derive(Clone, Debug)]
pub struct ErrorMarker {
    pub status: StatusCode,
    pub message: String,
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status = self.status();
        if let Error::Internal(cause) = &self {
            // Logged once, here, where it is handled.
            tracing::error!(error.cause = %cause, "request failed");
        }
        let message = self.public_message();
        let fields = match &self {
            Error::Validation(errors) => Some(&errors.0),
            _ => None,
        };
        let body = Body {
            error: Detail {
                code: self.code(),
                message: message.clone(),
                fields,
            },
        };
        let mut response = (status, Json(body)).into_response();
        if let Error::RateLimited(seconds) = self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
        }
        response.extensions_mut().insert(ErrorMarker { status, message });
        response
    }
}
