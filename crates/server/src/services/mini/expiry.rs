//! Requests whose time ran out.

use crate::services::error::Error;
use crate::services::notifications;
use crate::state::AppState;

/// Marks expired requests and tells their owners; safe to run on every
/// instance at once (each request is returned to exactly one sweep).
pub async fn sweep_expired(state: &AppState) -> Result<usize, Error> {
    let expired = state.store.expire_mini_requests(state.clock.now()).await?;
    for (id, mentee, title) in &expired {
        let title = format!("Your request expired: {title}");
        let body = "No mentor claimed it in time. You can post it again.";
        let link = "/mentorship/dashboard";
        // The sweep is itself a job; its emails are deduplicated by request.
        notifications::send_and_mail(state, *mentee, "mini_request_expired", (&title, body, link), *id).await;
    }
    Ok(expired.len())
}
