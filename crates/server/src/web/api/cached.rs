//! The response cache (`web/response_cache.rs`) as handlers use it.

use std::future::Future;

use axum::response::Response;
use mentorhub_store::changes::Table;
use serde::Serialize;

use crate::state::AppState;
use crate::web::error::Result;
use crate::web::response_cache::Key;

/// The answer for `key`, kept or read by `read` from `tables`, with the
/// state's cache, its store's change counters and its clock.
pub async fn cached<T, F>(state: &AppState, key: Key, tables: &[Table], read: F) -> Result<Response>
where
    T: Serialize,
    F: Future<Output = Result<T>>,
{
    let now = state.clock.now();
    state
        .responses
        .json(state.store.changes(), now, key, tables, read)
        .await
}
