//! Mentorship rules shared by the API and the pages: asking, answering,
//! cancelling and ending, with notifications to the other person.

use mentorhub_domain::mentorship::{self, transition, Action, Side, TransitionError};
use mentorhub_domain::FieldErrors;
use mentorhub_store::{JobChanges, MentorshipRecord, StoreError, UserRecord};
use uuid::Uuid;

use crate::services::conflict::Conflict;
use crate::services::error::Error;
use crate::services::mail;
use crate::services::notifications;
use crate::services::trust;
use crate::state::AppState;

/// A mentorship the caller takes part in; 404 for everyone else.
pub async fn visible(state: &AppState, me: &UserRecord, id: Uuid) -> Result<MentorshipRecord, Error> {
    match state.store.mentorship(id).await? {
        Some(record) if record.mentor_id == me.id || record.mentee_id == me.id => Ok(record),
        _ => Err(Error::NotFound),
    }
}

pub async fn request(
    state: &AppState,
    me: &UserRecord,
    mentor_id: Option<Uuid>,
    message: Option<&str>,
) -> Result<MentorshipRecord, Error> {
    let mut errors = FieldErrors::new();
    if mentor_id.is_none() {
        errors.add("mentorId", "Choose a mentor.");
    }
    let message = errors.take("message", mentorship::parse_message(message.unwrap_or("")));
    errors.into_result()?;
    let (Some(mentor_id), Some(message)) = (mentor_id, message) else {
        return Err(Error::internal("validated fields missing"));
    };
    if !me.is_mentee {
        return Err(Error::forbidden(
            "Only mentees can ask for mentorship. Add the mentee role to your account first.",
        ));
    }
    let mentor = match state.store.user_by_id(mentor_id).await {
        Ok(user) if user.is_mentor && user.is_active() => user,
        Ok(_) | Err(StoreError::NotFound) => return Err(Error::NotFound),
        Err(other) => return Err(other.into()),
    };
    if mentor.id == me.id {
        return Err(Conflict::SelfMentorship.into());
    }
    let id = Uuid::new_v4();
    let title = format!("{} asked you for mentorship", me.name);
    let (body, link) = (excerpt(&message), "/mentorship?tab=requests");
    let jobs = JobChanges::create(
        mail::events::notification(
            state,
            mentor.id,
            "mentorship_requested",
            (&title, &body, Some(link)),
            id,
        )
        .into_iter()
        .collect(),
    );
    let record = state
        .store
        .create_mentorship(id, mentor.id, me.id, &message, &jobs, state.clock.now())
        .await?;
    mail::events::committed(state, &jobs);
    tracing::info!(mentorship.id = %record.id, "mentorship requested");
    // The request stands whatever happens here (demand is best effort).
    match state.store.mentor_profile(mentor.id).await {
        Ok(Some(p)) => trust::demand::count(state, &p.profile.specializations, true).await,
        Ok(None) => {}
        Err(err) => tracing::warn!(error = %err, "could not count demand"),
    }
    notifications::send(state, mentor.id, "mentorship_requested", title, body, Some(link.into())).await;
    Ok(record)
}

fn excerpt(text: &str) -> String {
    let mut out: String = text.chars().take(200).collect();
    if text.chars().count() > 200 {
        out.push('…');
    }
    out
}

/// Accept, reject, cancel or end. 404 for strangers, 403 for the wrong
/// side, 409 for the wrong state (also when someone else acted first).
pub async fn act(
    state: &AppState,
    me: &UserRecord,
    id: Uuid,
    action: Action,
    reason: Option<&str>,
) -> Result<MentorshipRecord, Error> {
    let record = visible(state, me, id).await?;
    let side = if record.mentor_id == me.id {
        Side::Mentor
    } else {
        Side::Mentee
    };
    let to = transition(record.status, side, action).map_err(|err| match err {
        TransitionError::NotYourAction(message) => Error::forbidden(message),
        TransitionError::WrongState { from, required } => Conflict::MentorshipState { from, required, action }.into(),
    })?;
    let reason = match action {
        Action::Reject => mentorship::parse_reason(reason).map_err(|m| Error::field("reason", m))?,
        _ => None,
    };
    let (other, title, body) = match action {
        Action::Accept => (
            record.mentee_id,
            format!("{} accepted your request", record.mentor_name),
            String::new(),
        ),
        Action::Reject => (
            record.mentee_id,
            format!("{} declined your request", record.mentor_name),
            reason.clone().unwrap_or_default(),
        ),
        Action::Cancel => (
            record.mentor_id,
            format!("{} withdrew their request", record.mentee_name),
            String::new(),
        ),
        Action::End => {
            let (other, other_name) = match side {
                Side::Mentor => (record.mentee_id, &record.mentor_name),
                Side::Mentee => (record.mentor_id, &record.mentee_name),
            };
            (other, format!("{other_name} ended your mentorship"), String::new())
        }
    };
    let kind = match action {
        Action::Accept => "mentorship_accepted",
        Action::Reject => "mentorship_rejected",
        Action::Cancel => "mentorship_cancelled",
        Action::End => "mentorship_ended",
    };
    // Accepting and declining also come by email, written with the change.
    let emailed = matches!(action, Action::Accept | Action::Reject);
    let jobs = JobChanges::create(
        emailed
            .then(|| mail::events::notification(state, other, kind, (&title, &body, Some("/mentorship")), record.id))
            .flatten()
            .into_iter()
            .collect(),
    );
    let changed = state
        .store
        .change_mentorship_status(&record, record.status, to, reason.as_deref(), &jobs, state.clock.now())
        .await?;
    if !changed {
        return Err(Conflict::MentorshipChanged.into());
    }
    mail::events::committed(state, &jobs);
    tracing::info!(mentorship.id = %record.id, mentorship.action = action.as_str(), "mentorship changed");
    if matches!(action, Action::Accept | Action::Reject) {
        if let Err(err) = trust::responsiveness::refresh(state, record.mentor_id).await {
            tracing::warn!(error = %err, "could not refresh responsiveness");
        }
    }
    notifications::send(state, other, kind, title, body, Some("/mentorship".into())).await;
    visible(state, me, id).await
}
