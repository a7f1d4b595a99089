//! Sends one email: checks the recipient still wants it, composes it from
//! fresh data, records it in the outbox (one row per job, so a retry never
//! makes a second), and hands it to SMTP or holds it. A failed delivery is
//! an error, so the runner retries it with backoff.

use mentorhub_store::JobRecord;

use super::MAX_ATTEMPTS;
use crate::services::mail::compose::{compose, MailJob};
use crate::services::mail::smtp::Delivery;
use crate::services::preferences::{self, Channel};
use crate::services::{self, Error};
use crate::state::AppState;
use mentorhub_store::NewEmail;

pub async fn run(state: &AppState, job: &JobRecord) -> services::Result<()> {
    let mail: MailJob =
        serde_json::from_str(&job.payload).map_err(|e| Error::Internal(format!("bad email payload: {e}")))?;
    let to = match state.store.user_by_id(mail.user_id).await {
        Ok(user) => user,
        Err(mentorhub_store::StoreError::NotFound) => return Ok(()),
        Err(err) => return Err(err.into()),
    };
    if !preferences::allows(state, to.id, &mail.event, Channel::Email).await? {
        return Ok(());
    }
    let Some(email) = compose(state, &mail, &to).await? else {
        return Ok(());
    };
    let now = state.clock.now();
    let record = state
        .store
        .record_email(
            &NewEmail {
                job_id: job.id,
                user_id: Some(to.id),
                recipient: email.to_address.clone(),
                kind: preferences::kind_of(&mail.event).unwrap_or("security").to_owned(),
                template: mail.event.clone(),
                subject: email.subject.clone(),
                text_body: email.text.clone(),
                html_body: email.html.clone(),
                ics: email.ics.as_ref().map(|(_, ics)| ics.clone()),
            },
            now,
        )
        .await?;
    if record.status == "sent" || record.status == "held" {
        return Ok(());
    }
    match state.mailer.send(&email).await {
        Ok(Delivery::Sent) => {
            state.metrics.record_mail(true);
            state
                .store
                .mark_email(record.id, "sent", None, state.clock.now())
                .await?;
            Ok(())
        }
        Ok(Delivery::Held) => {
            state
                .store
                .mark_email(record.id, "held", None, state.clock.now())
                .await?;
            Ok(())
        }
        Err(err) => {
            state.metrics.record_mail(false);
            let status = if job.attempts >= MAX_ATTEMPTS {
                "failed"
            } else {
                "sending"
            };
            state
                .store
                .mark_email(record.id, status, Some(&err), state.clock.now())
                .await?;
            Err(Error::Internal(err))
        }
    }
}
