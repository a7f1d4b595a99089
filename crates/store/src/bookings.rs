//! Booking and moving sessions without double booking: both people's rows
//! are locked (in id order, so no deadlock) and overlaps counted inside one
//! transaction, so two concurrent bookings of one slot cannot both succeed.

use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use crate::job_changes::{apply_jobs, JobChanges};
use crate::sessions::{NewSession, SessionOrigin, SessionRecord};
use crate::{on_pool, ConflictKind, Store, StoreError, StoreResult};

/// Locks the two people's rows in a fixed order (no deadlocks) and counts
/// their scheduled sessions that would overlap `[start, end)` widened by
/// `buffer`, leaving out `exclude`.
pub(crate) const LOCK_USER: &str = "UPDATE users SET updated_at = updated_at WHERE id = $1";
/// Group sessions count too (those either person hosts or attends), and
/// the mentor's (`$1`) imported calendar busy time.
const OVERLAPS: &str = "SELECT (SELECT COUNT(*) FROM sessions WHERE status = 'scheduled' AND id <> $5 \
     AND (mentor_id IN ($1, $2) OR mentee_id IN ($1, $2)) AND scheduled_at < $4 AND ends_at > $3) \
     + (SELECT COUNT(*) FROM group_sessions WHERE status = 'scheduled' AND host_id IN ($1, $2) \
       AND scheduled_at < $4 AND ends_at > $3) \
     + (SELECT COUNT(*) FROM group_seats st JOIN group_sessions g ON g.id = st.group_session_id \
       WHERE st.user_id IN ($1, $2) AND st.status = 'attending' AND g.status = 'scheduled' \
       AND g.scheduled_at < $4 AND g.ends_at > $3) \
     + (SELECT COUNT(*) FROM external_busy WHERE user_id = $1 AND starts_at < $4 AND ends_at > $3)";

impl Store {
    pub async fn create_session(
        &self,
        new: &NewSession,
        jobs: &JobChanges,
        now: DateTime<Utc>,
    ) -> StoreResult<SessionRecord> {
        // The session is written only while what it belongs to still allows
        // it: an accepted mentorship, or a mini request this mentor claimed.
        const INSERT_COLUMNS: &str = "INSERT INTO sessions (id, mentorship_id, mini_request_id, mentor_id, \
             mentee_id, scheduled_at, ends_at, duration, topic, notes, status, meeting_url, sequence, created_at, \
             updated_at) SELECT $1, $2, $12, $3, $4, $5, $6, $7, $8, $9, 'scheduled', $10, 0, $11, $11";
        let (mentorship_id, mini_id, guard) = match new.origin {
            SessionOrigin::Mentorship(id) => (
                Some(id),
                None,
                "WHERE EXISTS (SELECT 1 FROM mentorships m WHERE m.id = $2 AND m.status = 'accepted')",
            ),
            SessionOrigin::Mini(id) => (
                None,
                Some(id),
                "WHERE EXISTS (SELECT 1 FROM mini_requests r WHERE r.id = $12 AND r.status = 'claimed' \
                 AND r.claimed_by = $3)",
            ),
        };
        let insert = format!("{INSERT_COLUMNS} {guard}");
        const MARK_SCHEDULED: &str = "UPDATE mini_requests SET status = 'scheduled', updated_at = $2 WHERE id = $1";
        let end = new.scheduled_at + Duration::minutes(new.duration);
        let buffer = Duration::minutes(new.buffer_minutes);
        let (first, second) = ordered(new.mentor_id, new.mentee_id);
        let inserted = on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let result = async {
                sqlx::query(LOCK_USER).bind(first).execute(&mut *tx).await?;
                sqlx::query(LOCK_USER).bind(second).execute(&mut *tx).await?;
                let (overlaps,): (i64,) = sqlx::query_as(OVERLAPS)
                    .bind(new.mentor_id)
                    .bind(new.mentee_id)
                    .bind(new.scheduled_at - buffer)
                    .bind(end + buffer)
                    .bind(new.id)
                    .fetch_one(&mut *tx)
                    .await?;
                if overlaps > 0 {
                    return Err(StoreError::Conflict(ConflictKind::SessionOverlap));
                }
                let done = sqlx::query(&insert)
                    .bind(new.id)
                    .bind(mentorship_id)
                    .bind(new.mentor_id)
                    .bind(new.mentee_id)
                    .bind(new.scheduled_at)
                    .bind(end)
                    .bind(new.duration as i32)
                    .bind(&new.topic)
                    .bind(new.notes.as_deref())
                    .bind(&new.meeting_url)
                    .bind(now)
                    .bind(mini_id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if let (Some(mini), 1) = (mini_id, done) {
                    sqlx::query(MARK_SCHEDULED).bind(mini).bind(now).execute(&mut *tx).await?;
                }
                if done == 1 {
                    apply_jobs!(tx, jobs, now).await?;
                }
                Ok::<u64, StoreError>(done)
            }
            .await;
            pool.finish(tx, result).await
        })?;
        if inserted == 0 {
            return Err(StoreError::Conflict(match new.origin {
                SessionOrigin::Mentorship(_) => ConflictKind::MentorshipNotAccepted,
                SessionOrigin::Mini(_) => ConflictKind::NotClaimed,
            }));
        }
        self.session(new.id).await?.ok_or(StoreError::NotFound)
    }

    /// Moves a scheduled session; false when it is no longer scheduled.
    pub async fn reschedule_session(
        &self,
        session: &SessionRecord,
        start: DateTime<Utc>,
        buffer_minutes: i64,
        jobs: &JobChanges,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        const MOVE: &str = "UPDATE sessions SET scheduled_at = $2, ends_at = $3, sequence = sequence + 1, \
             updated_at = $4 WHERE id = $1 AND status = 'scheduled'";
        let end = start + Duration::minutes(session.duration.into());
        let buffer = Duration::minutes(buffer_minutes);
        let (first, second) = ordered(session.mentor_id, session.mentee_id);
        let moved = on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let result = async {
                sqlx::query(LOCK_USER).bind(first).execute(&mut *tx).await?;
                sqlx::query(LOCK_USER).bind(second).execute(&mut *tx).await?;
                let (overlaps,): (i64,) = sqlx::query_as(OVERLAPS)
                    .bind(session.mentor_id)
                    .bind(session.mentee_id)
                    .bind(start - buffer)
                    .bind(end + buffer)
                    .bind(session.id)
                    .fetch_one(&mut *tx)
                    .await?;
                if overlaps > 0 {
                    return Err(StoreError::Conflict(ConflictKind::SessionOverlap));
                }
                let done = sqlx::query(MOVE).bind(session.id).bind(start).bind(end).bind(now).execute(&mut *tx).await?;
                if done.rows_affected() > 0 {
                    apply_jobs!(tx, jobs, now).await?;
                }
                Ok::<u64, StoreError>(done.rows_affected())
            }
            .await;
            pool.finish(tx, result).await
        })?;
        Ok(moved > 0)
    }
}

fn ordered(a: Uuid, b: Uuid) -> (Uuid, Uuid) {
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}
