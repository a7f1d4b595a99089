use thiserror::Error;

/// What a caller can do something about, named after the database
/// constraint or guard that caught it. The sentences people read are the
/// services' concern, not the store's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictKind {
    EmailTaken,
    /// The pair already has a pending or accepted mentorship.
    PairActive,
    /// The mentee already waits on the most requests allowed.
    TooManyPending,
    /// The mentor does not accept mentees or has no room.
    MentorUnavailable,
    /// Accepting would take the mentor past their maximum.
    MentorFull,
    /// Sessions can be booked only within an accepted mentorship.
    MentorshipNotAccepted,
    /// The time overlaps another scheduled session of the mentor or mentee.
    SessionOverlap,
    /// The mentee already rated this session.
    FeedbackGiven,
    /// The mini request is not (or no longer) claimed by this mentor.
    NotClaimed,
    /// The mentee already has the most open mini requests allowed.
    TooManyOpenMini,
    /// The group session is cancelled, completed or (for joins) has started.
    GroupClosed,
}

impl ConflictKind {
    /// Maps a unique-violation to its kind: PostgreSQL reports the
    /// constraint name, SQLite the table and columns.
    fn from_violation(constraint: Option<&str>, message: &str) -> Option<Self> {
        const TABLE: &[(&str, &str, ConflictKind)] = &[
            ("users_email_key", "users.email_normalized", ConflictKind::EmailTaken),
            (
                "mentorships_active_pair",
                "mentorships.mentor_id, mentorships.mentee_id",
                ConflictKind::PairActive,
            ),
            (
                "session_feedback_pkey",
                "session_feedback.session_id",
                ConflictKind::FeedbackGiven,
            ),
            (
                "group_feedback_pkey",
                "group_feedback.group_session_id, group_feedback.user_id",
                ConflictKind::FeedbackGiven,
            ),
        ];
        TABLE
            .iter()
            .find_map(|(name, columns, kind)| (constraint == Some(*name) || message.contains(columns)).then_some(*kind))
    }
}

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("conflict: {0:?}")]
    Conflict(ConflictKind),
    #[error("configuration: {0}")]
    Config(String),
    #[error(transparent)]
    Database(sqlx::Error),
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            // SQLite reports a primary-key clash with its own code; the message is the same.
            sqlx::Error::Database(db)
                if db.is_unique_violation() || db.message().starts_with("UNIQUE constraint failed") =>
            {
                match ConflictKind::from_violation(db.constraint(), db.message()) {
                    Some(kind) => StoreError::Conflict(kind),
                    None => StoreError::Database(err),
                }
            }
            _ => StoreError::Database(err),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn violations_map_on_both_backends() {
        assert_eq!(
            ConflictKind::from_violation(Some("users_email_key"), ""),
            Some(ConflictKind::EmailTaken)
        );
        assert_eq!(
            ConflictKind::from_violation(None, "UNIQUE constraint failed: users.email_normalized"),
            Some(ConflictKind::EmailTaken)
        );
        assert_eq!(ConflictKind::from_violation(Some("other"), "x"), None);
        assert_eq!(
            ConflictKind::from_violation(None, "UNIQUE constraint failed: session_feedback.session_id"),
            Some(ConflictKind::FeedbackGiven)
        );
    }
}
