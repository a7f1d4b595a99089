//! The services' one error type, and how errors cross the layers.
//!
//! ```text
//! mentorhub_store::StoreError ──From──> services::Error ──From──> web::Error
//!   NotFound                              NotFound                  404 (JSON, HTML page, tRPC NOT_FOUND)
//!   Conflict(ConflictKind)                Conflict(Conflict)        409 with the conflict's code
//!   Database, Migrate, Config             Store(..)                 500, logged once where answered
//! ```
//!
//! A service says what went wrong in the terms of its rules (not found or
//! not visible, forbidden, a conflict with the current state, invalid
//! fields, rate limited); the web layer alone decides statuses and formats.
//! Jobs log a `services::Error` and retry; they never see an HTTP type.
//! The sentences people read for conflicts are in `conflict.rs`.

use mentorhub_domain::FieldErrors;
use mentorhub_store::StoreError;

use super::conflict::Conflict;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The thing does not exist, or the caller may not know it exists.
    #[error("not found")]
    NotFound,
    /// The caller is known but may not do this; the sentence says why.
    #[error("{0}")]
    Forbidden(String),
    /// The current state forbids it (a rule, a race lost, a duplicate).
    #[error("{}", .0.message())]
    Conflict(Conflict),
    /// Fields break their rules; nothing was changed.
    #[error("Some fields need attention.")]
    Invalid(FieldErrors),
    /// Too many attempts; try again after this many seconds.
    #[error("Too many attempts. Try again in {0} seconds.")]
    RateLimited(u64),
    /// Sign-in with an unknown email or a wrong password (one answer for both).
    #[error("The email or password is not right.")]
    BadCredentials,
    /// The right password, but an admin suspended the account.
    #[error("This account is suspended. Write to the team if you think this is a mistake.")]
    Suspended,
    /// The database failed in a way the caller cannot fix.
    #[error(transparent)]
    Store(StoreError),
    /// Something of ours failed (hashing, a broken invariant).
    #[error("{0}")]
    Internal(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn forbidden(message: impl Into<String>) -> Self {
        Error::Forbidden(message.into())
    }

    /// One invalid field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        let mut errors = FieldErrors::new();
        errors.add(field, message);
        Error::Invalid(errors)
    }

    pub fn internal(cause: impl std::fmt::Display) -> Self {
        Error::Internal(cause.to_string())
    }
}

impl From<StoreError> for Error {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => Error::NotFound,
            StoreError::Conflict(kind) => Error::Conflict(Conflict::from(kind)),
            other => Error::Store(other),
        }
    }
}

impl From<FieldErrors> for Error {
    fn from(errors: FieldErrors) -> Self {
        Error::Invalid(errors)
    }
}

impl From<Conflict> for Error {
    fn from(conflict: Conflict) -> Self {
        Error::Conflict(conflict)
    }
}
