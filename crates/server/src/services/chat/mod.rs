//! Who may write to whom, and what sending does.

pub mod group_room;
pub mod send_limiter;

use chrono::Duration;
use mentorhub_store::{ConversationRecord, MessageRecord, StoreError, UserRecord};
use uuid::Uuid;

use crate::realtime::events::{self, Event};
use crate::services::conflict::Conflict;
use crate::services::error::Error;
use crate::services::notifications;
use crate::state::AppState;

pub const MAX_BODY: usize = 4000;
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
    let existing = match target {
        Target::Conversation(id) => match room(state, me, id).await? {
            Room::Pair(c) => Some(c),
            Room::Group(id) => return group_room::send(state, me, id, Some(&body)).await,
        },
        Target::Recipient(id) => state.store.conversation_between(me.id, id).await?,
    };
    let recipient_id = match (&existing, target) {
        (Some(c), _) => c.other(me.id),
        (None, Target::Recipient(id)) => id,
        (None, Target::Conversation(_)) => return Err(Error::NotFound),
    };
    if recipient_id == me.id {
        return Err(Error::field("recipientId", "You cannot write to yourself."));
    }
    let recipient = match state.store.user_by_id(recipient_id).await {
        Ok(user) if user.is_active() => user,
        // The thread stays readable; nobody writes into it any more.
        Ok(_) if existing.is_some() => return Err(Conflict::AccountUnavailable.into()),
        Ok(_) | Err(StoreError::NotFound) => return Err(Error::NotFound),
        Err(other) => return Err(other.into()),
    };
    if state.store.is_blocked(recipient.id, me.id).await? {
        return Err(Error::forbidden("You cannot write to this person."));
    }
    // A conversation is created only with a permitted first message, so
    // once it exists both people may answer. The first message may go to
    // any mentor, or from a mentor to someone they share a mentorship or
    // mini session with.
    let may_start = || async {
        Ok::<bool, Error>(
            recipient.is_mentor || (me.is_mentor && state.store.share_relationship(me.id, recipient.id).await?),
        )
    };
    if existing.is_none() && !may_start().await? {
        return Err(Error::forbidden(
            "You can write to mentors, and to people you share a mentorship or mini session with.",
        ));
    }
    state.chat_limiter.check(me.id).map_err(Error::RateLimited)?;
    let now = state.clock.now();
    let conversation = match existing {
        Some(c) => c,
        None => state.store.open_conversation(me.id, recipient.id, now).await?,
    };
    let viewing = state
        .store
        .is_viewing(recipient.id, conversation.id, now - Duration::seconds(PRESENCE_SECONDS))
        .await?;
    // Unless they are looking at it, an email follows if it stays unread;
    // the job is written with the message.
    let email = (!viewing)
        .then(|| crate::services::mail::events::chat_message(state, conversation.id, recipient.id))
        .flatten();
    let jobs = mentorhub_store::JobChanges::create(email.into_iter().collect());
    let message = state
        .store
        .add_message(conversation.id, me.id, &body, &jobs, now)
        .await?;
    events::publish(
        state,
        Event::Message {
            to: vec![recipient.id, me.id],
            message_id: message.id,
        },
    )
    .await;
    let notified = !viewing
        && notifications::send(
            state,
            recipient.id,
            "chat_message",
            format!("{} sent you a message", me.name),
            body.chars().take(140).collect(),
            Some(format!("/chat/{}", conversation.id)),
        )
        .await;
    // A written notification published the badge update already.
    if !notified {
        events::publish(state, Event::Notification { to: vec![recipient.id] }).await;
    }
    Ok(message)
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
