//! Notification preferences: `{kinds: [{kind, label, email, inApp}]}`.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PreferenceDto {
    /// mentorship_requests, mentorship_updates, session_updates,
    /// session_reminders, mini_updates, chat_messages or group_sessions.
    pub kind: String,
    /// What the kind covers (ignored when saving).
    #[serde(default)]
    pub label: String,
    pub email: bool,
    pub in_app: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Preferences {
    pub kinds: Vec<PreferenceDto>,
}
