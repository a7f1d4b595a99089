//! Hosting, joining and leaving group sessions without ever overselling a
//! seat or double booking a person. Every change locks the group session's
//! row first and a person's row second (bookings lock only people), so
//! concurrent joins, leaves and bookings queue instead of deadlocking; the
//! seat count is read and raised under that lock, and a CHECK backs it.

use chrono::{DateTime, Duration, Utc};
use mentorhub_domain::group::{NewGroup, SeatStatus};
use uuid::Uuid;

use crate::bookings::LOCK_USER;
use crate::job_changes::{apply_jobs, JobChanges};
use crate::{on_pool, ConflictKind, Store, StoreError, StoreResult};

/// How many scheduled commitments of person `$1` overlap `[$2, $3)`: their
/// 1:1 sessions, the group sessions they host, and those they attend,
/// leaving out group session `$4`.
pub(crate) const PERSON_OVERLAPS: &str = "SELECT \
     (SELECT COUNT(*) FROM sessions WHERE status = 'scheduled' AND (mentor_id = $1 OR mentee_id = $1) \
       AND scheduled_at < $3 AND ends_at > $2) \
     + (SELECT COUNT(*) FROM group_sessions WHERE status = 'scheduled' AND host_id = $1 AND id <> $4 \
       AND scheduled_at < $3 AND ends_at > $2) \
     + (SELECT COUNT(*) FROM group_seats st JOIN group_sessions g ON g.id = st.group_session_id \
       WHERE st.user_id = $1 AND st.status = 'attending' AND g.status = 'scheduled' AND g.id <> $4 \
       AND g.scheduled_at < $3 AND g.ends_at > $2)";

/// The place a join takes: position, seats taken, capacity, start, end.
type Place = (i64, i32, i32, DateTime<Utc>, DateTime<Utc>);

/// What a leave did: the seat it gave up, and who took it from the waitlist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LeaveOutcome {
    pub left: Option<SeatStatus>,
    pub promoted: Option<Uuid>,
}

/// Counts `$person`'s commitments overlapping `[$from, $to)` other than
/// group `$except`, on `$tx`.
macro_rules! overlaps {
    ($tx:expr, $person:expr, $from:expr, $to:expr, $except:expr) => {
        sqlx::query_as::<_, (i64,)>(PERSON_OVERLAPS)
            .bind($person)
            .bind($from)
            .bind($to)
            .bind($except)
            .fetch_one(&mut *$tx)
            .await
            .map(|(n,)| n)
    };
}

impl Store {
    /// Creates a group session; `Conflict(SessionOverlap)` when its time
    /// overlaps another commitment of the host.
    pub async fn create_group_session(
        &self,
        id: Uuid,
        host: Uuid,
        group: &NewGroup,
        meeting_url: &str,
        jobs: &JobChanges,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        const INSERT: &str = "INSERT INTO group_sessions (id, host_id, title, description, scheduled_at, ends_at, \
             duration, capacity, seats_taken, next_position, audience, status, meeting_url, sequence, created_at, \
             updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, 0, $9, 'scheduled', $10, 0, $11, $11)";
        let ends_at = group.scheduled_at + Duration::minutes(group.duration);
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let result = async {
                sqlx::query(LOCK_USER).bind(host).execute(&mut *tx).await?;
                if overlaps!(tx, host, group.scheduled_at, ends_at, id)? > 0 {
                    return Err(StoreError::Conflict(ConflictKind::SessionOverlap));
                }
                sqlx::query(INSERT)
                    .bind(id)
                    .bind(host)
                    .bind(&group.title)
                    .bind(&group.description)
                    .bind(group.scheduled_at)
                    .bind(ends_at)
                    .bind(group.duration as i32)
                    .bind(group.capacity as i32)
                    .bind(group.audience.as_str())
                    .bind(meeting_url)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                apply_jobs!(tx, jobs, now).await?;
                Ok::<(), StoreError>(())
            }
            .await;
            pool.finish(tx, result).await
        })
    }

    /// Takes a seat, or a place on the waitlist when every seat is taken;
    /// joining twice keeps the first place. `Conflict(GroupClosed)` when
    /// the session is no longer scheduled or has started,
    /// `Conflict(SessionOverlap)` when the person is busy then.
    pub async fn join_group_session(&self, id: Uuid, user: Uuid, now: DateTime<Utc>) -> StoreResult<SeatStatus> {
        const TAKE_PLACE: &str = "UPDATE group_sessions SET next_position = next_position + 1 \
             WHERE id = $1 AND status = 'scheduled' AND scheduled_at > $2 \
             RETURNING next_position, seats_taken, capacity, scheduled_at, ends_at";
        const SEAT: &str = "SELECT status FROM group_seats WHERE group_session_id = $1 AND user_id = $2";
        const INSERT: &str = "INSERT INTO group_seats (group_session_id, user_id, status, position, joined_at) \
             VALUES ($1, $2, $3, $4, $5)";
        const TAKE_SEAT: &str =
            "UPDATE group_sessions SET seats_taken = seats_taken + 1, updated_at = $2 WHERE id = $1";
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let result = async {
                let place: Option<Place> =
                    sqlx::query_as(TAKE_PLACE).bind(id).bind(now).fetch_optional(&mut *tx).await?;
                let Some((position, taken, capacity, start, end)) = place else {
                    return Err(StoreError::Conflict(ConflictKind::GroupClosed));
                };
                let seat: Option<(String,)> = sqlx::query_as(SEAT).bind(id).bind(user).fetch_optional(&mut *tx).await?;
                if let Some(status) = seat.and_then(|(s,)| SeatStatus::parse(&s)) {
                    return Ok(status);
                }
                sqlx::query(LOCK_USER).bind(user).execute(&mut *tx).await?;
                if overlaps!(tx, user, start, end, id)? > 0 {
                    return Err(StoreError::Conflict(ConflictKind::SessionOverlap));
                }
                let status = if taken < capacity { SeatStatus::Attending } else { SeatStatus::Waitlisted };
                sqlx::query(INSERT).bind(id).bind(user).bind(status.as_str()).bind(position).bind(now)
                    .execute(&mut *tx).await?;
                if status == SeatStatus::Attending {
                    sqlx::query(TAKE_SEAT).bind(id).bind(now).execute(&mut *tx).await?;
                }
                Ok::<SeatStatus, StoreError>(status)
            }
            .await;
            pool.finish(tx, result).await
        })
    }

    /// Gives up a seat or a waitlist place. A freed seat goes at once to the
    /// first person on the waitlist who is free at that time. Leaving
    /// without a place changes nothing; `Conflict(GroupClosed)` once the
    /// session is cancelled or completed.
    pub async fn leave_group_session(&self, id: Uuid, user: Uuid, now: DateTime<Utc>) -> StoreResult<LeaveOutcome> {
        const LOCK: &str = "UPDATE group_sessions SET updated_at = $2 WHERE id = $1 AND status = 'scheduled' \
             RETURNING scheduled_at, ends_at";
        const DELETE: &str = "DELETE FROM group_seats WHERE group_session_id = $1 AND user_id = $2 RETURNING status";
        const LINE: &str = "SELECT user_id FROM group_seats WHERE group_session_id = $1 AND status = 'waitlisted' \
             ORDER BY position";
        const PROMOTE: &str =
            "UPDATE group_seats SET status = 'attending' WHERE group_session_id = $1 AND user_id = $2";
        const FREE_SEAT: &str = "UPDATE group_sessions SET seats_taken = seats_taken - 1 WHERE id = $1";
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let result = async {
                let locked: Option<(DateTime<Utc>, DateTime<Utc>)> =
                    sqlx::query_as(LOCK).bind(id).bind(now).fetch_optional(&mut *tx).await?;
                let Some((start, end)) = locked else {
                    return Err(StoreError::Conflict(ConflictKind::GroupClosed));
                };
                let gone: Option<(String,)> = sqlx::query_as(DELETE).bind(id).bind(user).fetch_optional(&mut *tx).await?;
                let left = gone.and_then(|(s,)| SeatStatus::parse(&s));
                let mut outcome = LeaveOutcome { left, promoted: None };
                if left != Some(SeatStatus::Attending) {
                    return Ok(outcome);
                }
                let line: Vec<(Uuid,)> = sqlx::query_as(LINE).bind(id).fetch_all(&mut *tx).await?;
                // People are locked in id order, as bookings lock them.
                let mut by_id: Vec<Uuid> = line.iter().map(|(u,)| *u).collect();
                by_id.sort();
                for person in by_id {
                    sqlx::query(LOCK_USER).bind(person).execute(&mut *tx).await?;
                }
                for (candidate,) in line {
                    if overlaps!(tx, candidate, start, end, id)? == 0 {
                        sqlx::query(PROMOTE).bind(id).bind(candidate).execute(&mut *tx).await?;
                        outcome.promoted = Some(candidate);
                        return Ok(outcome);
                    }
                }
                sqlx::query(FREE_SEAT).bind(id).execute(&mut *tx).await?;
                Ok::<LeaveOutcome, StoreError>(outcome)
            }
            .await;
            pool.finish(tx, result).await
        })
    }
}
