//! Email. Events enqueue an `email` job (`services::notifications`); the
//! job composes the message from fresh data in the recipient's zone
//! (`compose.rs`, templates in `templates/email/`), records it in the
//! outbox and sends it over SMTP (`smtp.rs`, lettre with rustls), or holds
//! it in the outbox when no SMTP server is configured. `unsubscribe.rs`
//! signs the one-click unsubscribe links.

pub mod compose;
pub mod events;
mod group;
pub mod smtp;
pub mod unsubscribe;

use crate::services::calendar::ics::Method;

/// A composed email, ready for any transport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    pub to_name: String,
    pub to_address: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// A calendar file (`invite.ics`) with its iTIP method.
    pub ics: Option<(Method, String)>,
    /// The one-click unsubscribe address (RFC 8058); none for security mail.
    pub unsubscribe: Option<String>,
    /// Where a reply should go (the other person), if anywhere.
    pub reply_to: Option<(String, String)>,
}
