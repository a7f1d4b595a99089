//! The chat room of a group session: the host and attendees write and read
//! it through the same chat API as a two-person conversation, with the
//! session's id as the conversation id. Leaving the session closes the room
//! for that person. Room messages send no email (a busy room would flood
//! inboxes); live delivery reaches everyone in the room.

use mentorhub_store::{MessageRecord, UserRecord};
use uuid::Uuid;

use super::check_body;
use crate::realtime::events::{self, Event};
use crate::services::error::Error;
use crate::services::groups;
use crate::state::AppState;

pub async fn send(state: &AppState, me: &UserRecord, room: Uuid, body: Option<&str>) -> Result<MessageRecord, Error> {
    let body = check_body(body)?;
    groups::room(state, me, room).await?;
    state.chat_limiter.check(me.id).map_err(Error::RateLimited)?;
    let message = state
        .store
        .add_group_message(room, me.id, &body, state.clock.now())
        .await?;
    let to = state.store.group_room_members(room).await?;
    events::publish(
        state,
        Event::GroupMessage {
            to,
            message_id: message.id,
        },
    )
    .await;
    Ok(message)
}
