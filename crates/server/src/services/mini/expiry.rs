//! Requests whose time ran out.

use crate::services::error::Error;
use crate::services::notifications;
use crate::state::AppState;

/// Marks expired requests and tells their owners; safe to run on every
/// instance at once (each request is returned to exactly one sweep).
pub async fn sweep_expired(state: &AppState) -> Result<usize, Error> {
    let expired = state.store.expire_mini_requests(state.clock.now()).await?;
    for (_, mentee, title) in &expired {
        notifications::send(
            state,
            *mentee,
            "mini_request_expired",
            format!("Your request expired: {title}"),
            "No mentor claimed it in time. You can post it again.".into(),
            Some("/mentorship/dashboard".into()),
        )
        .await;
    }
    Ok(expired.len())
}
