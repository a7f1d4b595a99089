//! Delivery over SMTP with lettre: `smtp://` (plain, for local relays),
//! `smtp://...?tls=starttls` (STARTTLS required) and `smtps://` (implicit
//! TLS), with credentials from the URL. Without `MENTORHUB_SMTP_URL` mail is
//! held in the outbox and logged.

use std::time::Duration;

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::Email;
use crate::config::Config;
use crate::services::calendar::ics::Method;

const SEND_TIMEOUT: Duration = Duration::from_secs(30);

pub enum Mailer {
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
    /// No SMTP server: mail stays in the outbox.
    Hold { from: Mailbox },
}

/// What happened to a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    Sent,
    Held,
}

impl Mailer {
    pub fn from_config(config: &Config) -> Result<Self, String> {
        let from: Mailbox = config
            .mail_from
            .parse()
            .map_err(|e| format!("MENTORHUB_MAIL_FROM is not an address: {e}"))?;
        let Some(url) = config.smtp_url.as_deref() else {
            return Ok(Mailer::Hold { from });
        };
        // The contract spells STARTTLS `tls=starttls`; lettre calls it `required`.
        let url = url.replace("tls=starttls", "tls=required");
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&url)
            .map_err(|e| format!("MENTORHUB_SMTP_URL is not usable: {e}"))?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        Ok(Mailer::Smtp { transport, from })
    }

    pub fn from_address(&self) -> String {
        match self {
            Mailer::Smtp { from, .. } | Mailer::Hold { from } => from.email.to_string(),
        }
    }

    pub async fn send(&self, email: &Email) -> Result<Delivery, String> {
        match self {
            Mailer::Hold { .. } => {
                tracing::info!(mail.to = %email.to_address, mail.subject = %email.subject, "mail held in the outbox (no SMTP server configured)");
                Ok(Delivery::Held)
            }
            Mailer::Smtp { transport, from } => {
                let message = message(from, email)?;
                // A hard bound over the whole exchange (a pooled connection
                // that went silent must not stall the job runner).
                match tokio::time::timeout(SEND_TIMEOUT, transport.send(message)).await {
                    Ok(Ok(_)) => Ok(Delivery::Sent),
                    Ok(Err(e)) => Err(format!("SMTP: {e}")),
                    Err(_) => Err(format!("SMTP: no answer within {} s", SEND_TIMEOUT.as_secs())),
                }
            }
        }
    }
}

/// The MIME message: text and HTML alternatives, the calendar file when
/// there is one, Message-ID, Date, Reply-To and the unsubscribe headers.
pub fn message(from: &Mailbox, email: &Email) -> Result<Message, String> {
    let to = Mailbox::new(
        Some(email.to_name.clone()),
        email.to_address.parse().map_err(|e| format!("bad recipient: {e}"))?,
    );
    let mut builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(email.subject.clone())
        .message_id(None)
        .date_now();
    if let Some((name, address)) = &email.reply_to {
        if let Ok(address) = address.parse() {
            builder = builder.reply_to(Mailbox::new(Some(name.clone()), address));
        }
    }
    if let Some(url) = &email.unsubscribe {
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{url}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".into(),
            ));
    }
    let alternative = MultiPart::alternative_plain_html(email.text.clone(), email.html.clone());
    let body = match &email.ics {
        None => alternative,
        Some((method, ics)) => {
            let method = match method {
                Method::Request => "REQUEST",
                Method::Cancel => "CANCEL",
            };
            let kind = ContentType::parse(&format!("text/calendar; charset=utf-8; method={method}"))
                .map_err(|e| e.to_string())?;
            MultiPart::mixed()
                .multipart(alternative)
                .singlepart(Attachment::new("invite.ics".into()).body(ics.clone(), kind))
        }
    };
    builder.multipart(body).map_err(|e| e.to_string())
}
