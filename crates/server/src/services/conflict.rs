//! Every conflict a person can meet (HTTP 409), with its stable code and the
//! sentence they read. Kept in one place so the store names constraints and
//! the services name rules, while the wording lives here.

use mentorhub_domain::mentorship::{Action, MAX_PENDING_PER_MENTEE};
use mentorhub_domain::mini::{MiniStatus, MAX_OPEN_PER_MENTEE};
use mentorhub_domain::session::SessionStatus;
use mentorhub_domain::MentorshipStatus;
use mentorhub_store::ConflictKind;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// A constraint of the database caught it.
    Store(ConflictKind),
    /// A mentee asked themselves.
    SelfMentorship,
    /// The mentorship is not in the state the action needs.
    MentorshipState {
        from: MentorshipStatus,
        required: MentorshipStatus,
        action: Action,
    },
    /// Someone else changed the mentorship between reading and writing it.
    MentorshipChanged,
    /// The mentor has published hours and the time is outside them.
    OutsideAvailability,
    /// Only a scheduled session can be moved, cancelled or completed.
    SessionNotScheduled(SessionStatus),
    /// A session is completed only once it has started.
    NotStarted,
    /// A session is rated only once it is completed.
    NotCompleted,
    /// The mini request is not in a state that allows this.
    MiniRequestState(MiniStatus),
    /// A mentor tried to claim their own mini request.
    OwnMiniRequest,
    /// The mini request was claimed by someone else, or closed, first.
    MiniNotOpen(MiniStatus),
    /// The mini session is not scheduled.
    MiniSessionState(SessionStatus),
    /// The mini session changed between reading and writing it.
    MiniSessionChanged,
    /// Availability needs a published mentor profile first.
    NoMentorProfile,
    /// The host tried to join their own group session.
    OwnGroupSession,
    /// Only attendees of a completed group session rate it.
    NotAnAttendee,
    /// An agenda is set while the session is ahead.
    AgendaClosed,
    /// A recording exists only once the session started.
    RecordingTooEarly,
    /// A no-show is recorded once the session has ended.
    SessionNotEnded,
    /// The 72 hours for recording a no-show are over.
    NoShowWindowClosed,
    /// A no-show was recorded for this session already.
    NoShowRecorded,
    /// Another admin resolved the report first.
    ReportResolved,
    /// The person is suspended already, or is not suspended.
    SuspensionState(bool),
    /// Admins do not suspend themselves, nor report their own things.
    OwnAccount,
    /// The other person is suspended or closed their account.
    AccountUnavailable,
}

impl From<ConflictKind> for Conflict {
    fn from(kind: ConflictKind) -> Self {
        Conflict::Store(kind)
    }
}

impl Conflict {
    /// The stable machine-readable code (`error.code` in the contract).
    pub fn code(&self) -> &'static str {
        match self {
            Conflict::Store(kind) => match kind {
                ConflictKind::EmailTaken => "email_taken",
                ConflictKind::PairActive => "mentorship_exists",
                ConflictKind::TooManyPending => "too_many_pending_requests",
                ConflictKind::MentorUnavailable => "mentor_unavailable",
                ConflictKind::MentorFull => "mentor_full",
                ConflictKind::MentorshipNotAccepted => "mentorship_not_accepted",
                ConflictKind::SessionOverlap => "session_overlap",
                ConflictKind::FeedbackGiven => "feedback_given",
                ConflictKind::NotClaimed => "not_claimed",
                ConflictKind::TooManyOpenMini => "too_many_open_requests",
                ConflictKind::GroupClosed => "group_closed",
            },
            Conflict::SelfMentorship => "self_mentorship",
            Conflict::MentorshipState { .. } | Conflict::MentorshipChanged | Conflict::SessionNotScheduled(_) => {
                "invalid_transition"
            }
            Conflict::OutsideAvailability => "outside_availability",
            Conflict::NotStarted => "not_started",
            Conflict::NotCompleted => "not_completed",
            Conflict::MiniRequestState(_) | Conflict::MiniSessionState(_) | Conflict::MiniSessionChanged => {
                "invalid_state"
            }
            Conflict::OwnMiniRequest => "own_request",
            Conflict::MiniNotOpen(_) => "not_open",
            Conflict::NoMentorProfile => "no_mentor_profile",
            Conflict::OwnGroupSession => "own_group_session",
            Conflict::NotAnAttendee => "not_attending",
            Conflict::AgendaClosed => "agenda_closed",
            Conflict::RecordingTooEarly => "not_started",
            Conflict::SessionNotEnded => "session_not_ended",
            Conflict::NoShowWindowClosed => "no_show_window_closed",
            Conflict::NoShowRecorded => "no_show_recorded",
            Conflict::ReportResolved => "report_resolved",
            Conflict::SuspensionState(true) => "already_suspended",
            Conflict::SuspensionState(false) => "not_suspended",
            Conflict::OwnAccount => "own_account",
            Conflict::AccountUnavailable => "account_unavailable",
        }
    }

    /// The sentence shown to the person.
    pub fn message(&self) -> String {
        match self {
            Conflict::Store(kind) => match kind {
                ConflictKind::EmailTaken => "An account with this email already exists.".into(),
                ConflictKind::PairActive => "You already have a pending or active mentorship with this mentor.".into(),
                ConflictKind::TooManyPending => format!(
                    "You already have {MAX_PENDING_PER_MENTEE} requests waiting for an answer; wait or cancel one first."
                ),
                ConflictKind::MentorUnavailable => "This mentor is not accepting new mentees right now.".into(),
                ConflictKind::MentorFull => {
                    "You have reached your maximum number of mentees; end a mentorship or raise the maximum first."
                        .into()
                }
                ConflictKind::MentorshipNotAccepted => "Sessions can be booked only in an accepted mentorship.".into(),
                ConflictKind::SessionOverlap => "That time overlaps another session of the mentor or the mentee.".into(),
                ConflictKind::FeedbackGiven => "You already rated this session.".into(),
                ConflictKind::NotClaimed => "This request is not claimed by you any more.".into(),
                ConflictKind::TooManyOpenMini => format!(
                    "You already have {MAX_OPEN_PER_MENTEE} open requests; wait for a mentor or cancel one first."
                ),
                ConflictKind::GroupClosed => {
                    "This group session has started, or it was cancelled or completed; it takes no more changes.".into()
                }
            },
            Conflict::SelfMentorship => "You cannot ask yourself for mentorship.".into(),
            Conflict::MentorshipState { from, required, action } => format!(
                "This mentorship is {}; only a {} one can be {}.",
                from.as_str(),
                required.as_str(),
                action.past_tense()
            ),
            Conflict::MentorshipChanged => {
                "This mentorship was changed by someone else just now; reload to see its state.".into()
            }
            Conflict::OutsideAvailability => "That time is outside the mentor's available hours.".into(),
            Conflict::SessionNotScheduled(status) => {
                format!("This session is {}; only a scheduled one can change.", status.as_str())
            }
            Conflict::NotStarted => "A session can be completed once it has started.".into(),
            Conflict::NotCompleted => "A session can be rated once it is completed.".into(),
            Conflict::MiniRequestState(status) => format!("This request is {}.", status.label().to_lowercase()),
            Conflict::OwnMiniRequest => "You cannot claim your own request.".into(),
            Conflict::MiniNotOpen(status) => format!(
                "This request is no longer open (it is {}).",
                status.label().to_lowercase()
            ),
            Conflict::MiniSessionState(status) => format!("This session is {}.", status.as_str()),
            Conflict::MiniSessionChanged => "This session changed meanwhile.".into(),
            Conflict::NoMentorProfile => "Publish your mentor profile first.".into(),
            Conflict::OwnGroupSession => "You host this group session; hosts do not take a seat.".into(),
            Conflict::NotAnAttendee => "Only people who attended rate a group session.".into(),
            Conflict::AgendaClosed => "The agenda can be set until the session starts.".into(),
            Conflict::RecordingTooEarly => "A recording link can be added once the session has started.".into(),
            Conflict::SessionNotEnded => "A no-show can be recorded once the session has ended.".into(),
            Conflict::NoShowWindowClosed => "No-shows are recorded within 72 hours of a session's end.".into(),
            Conflict::NoShowRecorded => "A no-show was recorded for this session already.".into(),
            Conflict::ReportResolved => "This report was resolved already.".into(),
            Conflict::SuspensionState(true) => "This account is suspended already.".into(),
            Conflict::SuspensionState(false) => "This account is not suspended.".into(),
            Conflict::OwnAccount => "You cannot do this to your own account or content.".into(),
            Conflict::AccountUnavailable => {
                "This person's account is suspended or closed; they cannot be reached here now.".into()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_sentences_are_stable() {
        let c = Conflict::from(ConflictKind::PairActive);
        assert_eq!(c.code(), "mentorship_exists");
        assert!(Conflict::from(ConflictKind::TooManyPending)
            .message()
            .contains("5 requests"));
        let state = Conflict::MentorshipState {
            from: MentorshipStatus::Ended,
            required: MentorshipStatus::Pending,
            action: Action::Accept,
        };
        assert_eq!(state.code(), "invalid_transition");
        assert_eq!(
            state.message(),
            "This mentorship is ended; only a pending one can be accepted."
        );
        assert_eq!(
            Conflict::MiniNotOpen(MiniStatus::Claimed).message(),
            "This request is no longer open (it is claimed)."
        );
    }
}
