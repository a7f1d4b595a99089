//! Who may write to whom, and what sending does.

pub mod batches;
pub mod group_room;
pub mod send_limiter;

use chrono::Duration;
use mentorhub_store::{ConversationRecord, MessageRecord, NewMessage, NewNotification, UserRecord};
use uuid::Uuid;

use crate::realtime::events::{self, Event};
use crate::services::conflict::Conflict;
use crate::services::error::Error;
use crate::services::preferences;
use crate::state::AppState;

pub const MAX_BODY: usize = 4000;
/// The notification a message leaves when its recipient is not looking.
const NOTIFICATION_KIND: &str = "chat_message";
/// A page that reported "viewing" this recently counts as open.
pub const PRESENCE_SECONDS: i64 = 90;

/// A body of 1..4000 characters, kept exactly as written.
pub fn check_body(body: Option<&str>) -> Result<String, Error> {
    let body = body.unwrap_or("");
    if body.trim().is_empty() {
        return Err(Error::field("body", "Write a message first."));
    }
    if body.chars().count() > MAX_BODY {
        return Err(Error::field(
            "body",
            format!("A message is at most {MAX_BODY} characters."),
        ));
    }
    Ok(body.to_owned())
}

/// A conversation the caller takes part in; 404 for everyone else.
pub async fn visible(state: &AppState, me: &UserRecord, id: Uuid) -> Result<ConversationRecord, Error> {
    match state.store.conversation(id).await? {
        Some(c) if c.has(me.id) => Ok(c),
        _ => Err(Error::NotFound),
    }
}

/// Where messages go: a two-person conversation or a group session's room.
#[derive(Debug, Clone)]
pub enum Room {
    Pair(ConversationRecord),
    Group(Uuid),
}

/// The conversation or group room with this id that the caller is in; 404
/// when neither exists for them, 403 for a group they see but left.
pub async fn room(state: &AppState, me: &UserRecord, id: Uuid) -> Result<Room, Error> {
    match state.store.conversation(id).await? {
        Some(c) if c.has(me.id) => Ok(Room::Pair(c)),
        Some(_) => Err(Error::NotFound),
        None => crate::services::groups::room(state, me, id)
            .await
            .map(|g| Room::Group(g.id)),
    }
}

#[derive(Debug, Clone, Copy)]
pub enum Target {
    Recipient(Uuid),
    Conversation(Uuid),
}

pub async fn send(
    state: &AppState,
    me: &UserRecord,
    target: Target,
    body: Option<&str>,
) -> Result<MessageRecord, Error> {
    let body = check_body(body)?;
    let recipient_id = match target {
        Target::Conversation(id) => match room(state, me, id).await? {
            Room::Pair(c) => c.other(me.id),
            Room::Group(id) => return group_room::send(state, me, id, Some(&body)).await,
        },
        Target::Recipient(id) => id,
    };
    if recipient_id == me.id {
        return Err(Error::field("recipientId", "You cannot write to yourself."));
    }
    let now = state.clock.now();
    let mut recipient = state
        .store
        .message_recipient(
            recipient_id,
            me.id,
            now - Duration::seconds(PRESENCE_SECONDS),
            preferences::kind_of(NOTIFICATION_KIND).unwrap_or_default(),
        )
        .await?
        .ok_or(Error::NotFound)?;
    let existing = recipient.conversation.take();
    if !recipient.user.is_active() {
        // The thread stays readable; nobody writes into it any more.
        return Err(match existing {
            Some(_) => Conflict::AccountUnavailable.into(),
            None => Error::NotFound,
        });
    }
    if recipient.blocks_sender {
        return Err(Error::forbidden("You cannot write to this person."));
    }
    // A conversation is created only with a permitted first message, so
    // once it exists both people may answer. The first message may go to
    // any mentor, or from a mentor to someone they share a mentorship or
    // mini session with.
    let may_start = || async {
        Ok::<bool, Error>(
            recipient.user.is_mentor
                || (me.is_mentor && state.store.share_relationship(me.id, recipient.user.id).await?),
        )
    };
    if existing.is_none() && !may_start().await? {
        return Err(Error::forbidden(
            "You can write to mentors, and to people you share a mentorship or mini session with.",
        ));
    }
    state.chat_limiter.check(me.id).map_err(Error::RateLimited)?;
    let viewing = recipient.viewing;
    let conversation = match existing {
        Some(c) => c,
        None => state.store.open_conversation(me.id, recipient.user.id, now).await?,
    };
    let to = recipient.user.id;
    // Unless they are looking at it, an email follows if it stays unread
    // and a notification (if they want one) now; both are written with
    // the message.
    let email = (!viewing)
        .then(|| crate::services::mail::events::chat_message(state, conversation.id, to))
        .flatten();
    let notification = (!viewing && preferences::chosen(recipient.in_app)).then(|| NewNotification {
        user_id: to,
        kind: NOTIFICATION_KIND.to_owned(),
        title: format!("{} sent you a message", me.name),
        body: body.chars().take(140).collect(),
        link: Some(format!("/chat/{}", conversation.id)),
    });
    let message = NewMessage {
        id: Uuid::new_v4(),
        conversation_id: conversation.id,
        sender_id: me.id,
        body: body.clone(),
        email,
        notification,
        at: now,
    };
    let id = message.id;
    // With the other sends of the moment, in one statement on PostgreSQL.
    state.message_batches.write(&state.store, message).await?;
    // The thread on both sides, and the recipient's badge.
    events::publish_all(
        state,
        &[
            Event::Message {
                to: vec![to, me.id],
                message_id: id,
            },
            Event::Notification { to: vec![to] },
        ],
    )
    .await;
    Ok(MessageRecord {
        id,
        conversation_id: conversation.id,
        sender_id: me.id,
        body,
        created_at: now,
    })
}

/// Stops `other` from writing to the caller; they must exist.
pub async fn block(state: &AppState, me: &UserRecord, other: Uuid) -> Result<(), Error> {
    state.store.user_by_id(other).await?;
    state.store.block(me.id, other, state.clock.now()).await?;
    Ok(())
}

/// Lets `other` write to the caller again.
pub async fn unblock(state: &AppState, me: &UserRecord, other: Uuid) -> Result<(), Error> {
    state.store.unblock(me.id, other).await?;
    Ok(())
}

/// Marks everything up to now read and tells the other person's pages.
pub async fn mark_read(state: &AppState, me: &UserRecord, id: Uuid) -> Result<(), Error> {
    // Group rooms keep no read markers.
    let Room::Pair(conversation) = room(state, me, id).await? else {
        return Ok(());
    };
    let now = state.clock.now();
    state.store.mark_conversation_read(id, me.id, now).await?;
    state
        .store
        .mark_notifications_read_for(me.id, &format!("/chat/{id}"), now)
        .await?;
    events::publish(
        state,
        Event::Read {
            to: vec![conversation.other(me.id), me.id],
            conversation_id: id,
            user_id: me.id,
            read_at: now.to_rfc3339(),
        },
    )
    .await;
    events::publish(state, Event::Notification { to: vec![me.id] }).await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_kept_as_written_within_limits() {
        assert_eq!(check_body(Some("  <b>hi</b>\n")).unwrap(), "  <b>hi</b>\n");
        assert!(check_body(Some("   ")).is_err());
        assert!(check_body(None).is_err());
        assert!(check_body(Some(&"é".repeat(4000))).is_ok());
        assert!(check_body(Some(&"é".repeat(4001))).is_err());
    }
}
