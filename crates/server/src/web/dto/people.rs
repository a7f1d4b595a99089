//! How people appear inside other resources.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// A person as other people see them.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PersonRef {
    pub id: Uuid,
    pub name: String,
    pub headline: Option<String>,
}

impl PersonRef {
    pub fn new(id: Uuid, name: String, headline: Option<String>) -> Self {
        Self { id, name, headline }
    }
}
