//! Conversations, messages and their cursors.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use mentorhub_store::{ConversationSummary, UserRecord};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::people::PersonRef;
/// A chat message, as REST answers and WebSocket frames carry it.
pub use crate::realtime::frames::Message;

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Conversation {
    pub id: Uuid,
    pub participants: Vec<PersonRef>,
    pub last_message: Option<Message>,
    pub unread_count: i64,
}

pub fn conversation(me: &UserRecord, c: ConversationSummary) -> Conversation {
    Conversation {
        id: c.id,
        participants: vec![
            PersonRef::new(me.id, me.name.clone(), None),
            PersonRef::new(c.other_id, c.other_name, c.other_headline),
        ],
        last_message: c.last_message.map(Message::from),
        unread_count: c.unread,
    }
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct PageParams {
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct SendBody {
    /// Start or continue the conversation with this person...
    pub recipient_id: Option<String>,
    /// ...or write into this conversation.
    pub conversation_id: Option<String>,
    /// 1..4000 characters.
    pub body: Option<String>,
}

pub fn encode_cursor(m: &Message) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}|{}", m.created_at.to_rfc3339(), m.id))
}

pub fn decode_cursor(cursor: &str) -> Option<(DateTime<Utc>, Uuid)> {
    let text = String::from_utf8(URL_SAFE_NO_PAD.decode(cursor).ok()?).ok()?;
    let (at, id) = text.split_once('|')?;
    Some((
        DateTime::parse_from_rfc3339(at).ok()?.with_timezone(&Utc),
        Uuid::parse_str(id).ok()?,
    ))
}
