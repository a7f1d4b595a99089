//! The mentorship state machine: who may move a request from which state
//! to which.

use serde::{Deserialize, Serialize};

use crate::validation::bounded_text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentorshipStatus {
    Pending,
    Accepted,
    Rejected,
    Cancelled,
    Ended,
    /// Left unanswered until `MENTORHUB_MENTORSHIP_REQUEST_TTL` ran out.
    Expired,
}

impl MentorshipStatus {
    pub const ALL: [MentorshipStatus; 6] = [
        Self::Pending,
        Self::Accepted,
        Self::Rejected,
        Self::Cancelled,
        Self::Ended,
        Self::Expired,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Accepted => "accepted",
            Self::Rejected => "rejected",
            Self::Cancelled => "cancelled",
            Self::Ended => "ended",
            Self::Expired => "expired",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }

    /// Pending and accepted mentorships block a new request by the same pair.
    pub fn is_active(self) -> bool {
        matches!(self, Self::Pending | Self::Accepted)
    }
}

// Which side of a mentorship the caller is on.
string_enum!(Side { Mentor => "mentor", Mentee => "mentee" });

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Accept,
    Reject,
    Cancel,
    End,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Accept => "accept",
            Action::Reject => "reject",
            Action::Cancel => "cancel",
            Action::End => "end",
        }
    }

    /// What the mentorship is after this action ("accepted").
    pub fn past_tense(self) -> &'static str {
        match self {
            Action::Accept => "accepted",
            Action::Reject => "rejected",
            Action::Cancel => "cancelled",
            Action::End => "ended",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransitionError {
    /// This side may never take this action.
    NotYourAction(&'static str),
    /// The action is not possible from the current state: it needs `required`.
    WrongState {
        from: MentorshipStatus,
        required: MentorshipStatus,
    },
}

/// The state `action` leads to, if `side` may take it from `from`.
pub fn transition(from: MentorshipStatus, side: Side, action: Action) -> Result<MentorshipStatus, TransitionError> {
    use MentorshipStatus::*;
    let (allowed_side, required, to) = match action {
        Action::Accept => (Some(Side::Mentor), Pending, Accepted),
        Action::Reject => (Some(Side::Mentor), Pending, Rejected),
        Action::Cancel => (Some(Side::Mentee), Pending, Cancelled),
        Action::End => (None, Accepted, Ended),
    };
    if let Some(allowed) = allowed_side {
        if allowed != side {
            return Err(TransitionError::NotYourAction(match allowed {
                Side::Mentor => "Only the mentor can do this.",
                Side::Mentee => "Only the mentee can do this.",
            }));
        }
    }
    if from != required {
        return Err(TransitionError::WrongState { from, required });
    }
    Ok(to)
}

/// The personal message of a request: what the mentee hopes for.
pub fn parse_message(value: &str) -> Result<String, String> {
    bounded_text(value, "Message", 1, 2000)
}

/// An optional reason given when rejecting.
pub fn parse_reason(value: Option<&str>) -> Result<Option<String>, String> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => bounded_text(text, "Reason", 1, 1000).map(Some),
    }
}

/// At most this many requests may wait for an answer per mentee.
pub const MAX_PENDING_PER_MENTEE: i64 = 5;

#[cfg(test)]
mod tests {
    use super::MentorshipStatus::*;
    use super::*;

    #[test]
    fn every_allowed_transition() {
        assert_eq!(transition(Pending, Side::Mentor, Action::Accept), Ok(Accepted));
        assert_eq!(transition(Pending, Side::Mentor, Action::Reject), Ok(Rejected));
        assert_eq!(transition(Pending, Side::Mentee, Action::Cancel), Ok(Cancelled));
        assert_eq!(transition(Accepted, Side::Mentor, Action::End), Ok(Ended));
        assert_eq!(transition(Accepted, Side::Mentee, Action::End), Ok(Ended));
    }

    #[test]
    fn wrong_side_is_refused_before_state() {
        for (side, action) in [
            (Side::Mentee, Action::Accept),
            (Side::Mentee, Action::Reject),
            (Side::Mentor, Action::Cancel),
        ] {
            for from in MentorshipStatus::ALL {
                assert!(matches!(
                    transition(from, side, action),
                    Err(TransitionError::NotYourAction(_))
                ));
            }
        }
    }

    #[test]
    fn every_other_state_is_a_conflict() {
        for from in MentorshipStatus::ALL {
            for (side, action, ok_from) in [
                (Side::Mentor, Action::Accept, Pending),
                (Side::Mentor, Action::Reject, Pending),
                (Side::Mentee, Action::Cancel, Pending),
                (Side::Mentee, Action::End, Accepted),
            ] {
                let result = transition(from, side, action);
                assert_eq!(result.is_ok(), from == ok_from, "{from:?} {action:?}");
                if from != ok_from {
                    assert!(matches!(result, Err(TransitionError::WrongState { .. })));
                }
            }
        }
    }

    #[test]
    fn statuses_round_trip() {
        for status in MentorshipStatus::ALL {
            assert_eq!(MentorshipStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(MentorshipStatus::parse("open"), None);
        assert!(Pending.is_active() && Accepted.is_active() && !Ended.is_active());
    }

    #[test]
    fn messages_and_reasons_are_checked() {
        assert!(parse_message("  ").is_err());
        assert_eq!(parse_message(" Help me grow ").unwrap(), "Help me grow");
        assert_eq!(parse_reason(Some("  ")).unwrap(), None);
        assert_eq!(parse_reason(Some("Full")).unwrap().as_deref(), Some("Full"));
        assert!(parse_reason(Some(&"x".repeat(1001))).is_err());
    }
}
