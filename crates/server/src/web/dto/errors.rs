//! The error body, as documented in the OpenAPI spec (the web error type
//! writes it).

use serde::Serialize;
use utoipa::ToSchema;

/// The error format of every failed request.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorResponse {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    #[schema(example = "validation_failed")]
    pub code: String,
    #[schema(example = "Some fields need attention.")]
    pub message: String,
    /// Field name to what is wrong with it; only for validation errors.
    pub fields: Option<std::collections::BTreeMap<String, String>>,
}
