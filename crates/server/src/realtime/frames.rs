//! What travels over a WebSocket: frames the server pushes and frames a
//! page sends. The chat message inside a frame is the same JSON shape the
//! REST API returns (`web::dto::chat` re-exports it).

use chrono::{DateTime, Utc};
use mentorhub_store::MessageRecord;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    pub id: Uuid,
    pub conversation_id: Uuid,
    pub sender_id: Uuid,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

impl From<MessageRecord> for Message {
    fn from(m: MessageRecord) -> Self {
        Self {
            id: m.id,
            conversation_id: m.conversation_id,
            sender_id: m.sender_id,
            body: m.body,
            created_at: m.created_at,
        }
    }
}

/// Pushed by the server.
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum ServerFrame {
    /// A new message in one of the person's conversations.
    Message { message: Message },
    /// Someone read a conversation up to `read_at`.
    #[serde(rename_all = "camelCase")]
    Read {
        conversation_id: Uuid,
        user_id: Uuid,
        read_at: String,
    },
    /// Fresh unread counts for the navigation badges.
    #[serde(rename_all = "camelCase")]
    Notification {
        unread_notifications: i64,
        unread_messages: i64,
        /// Unread notifications other than chat messages (the bell).
        unread_alerts: i64,
    },
}

impl ServerFrame {
    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Sent by a page: which conversation it shows (silencing notifications
/// for it), or a keep-alive.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum ClientFrame {
    #[serde(rename_all = "camelCase")]
    Viewing {
        conversation_id: Option<Uuid>,
    },
    Ping,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_have_the_documented_shape() {
        let frame = ServerFrame::Notification {
            unread_notifications: 2,
            unread_messages: 1,
            unread_alerts: 1,
        };
        let value: serde_json::Value = serde_json::from_str(&frame.to_text()).unwrap();
        assert_eq!(value["type"], "notification");
        assert_eq!(value["unreadNotifications"], 2);
        assert_eq!(value["unreadAlerts"], 1);
        let viewing: ClientFrame = serde_json::from_str(r#"{"type":"viewing","conversationId":null}"#).unwrap();
        assert!(matches!(viewing, ClientFrame::Viewing { conversation_id: None }));
    }
}
