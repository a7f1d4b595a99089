//! What a dashboard counts, in one statement: the person's mentorships by
//! side and state (the statement `mentorship_counts` runs), and their
//! sessions (1:1 and group) ahead and held: one round trip instead of three.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::mentorships::{MentorshipCounts, MENTORSHIP_COUNTS};
use crate::sessions::SessionTotals;
use crate::sql::{Param, Sql};
use crate::{Store, StoreResult};

/// Sessions ahead and held, 1:1 and group, beside `MENTORSHIP_COUNTS`.
const SESSIONS: &str = "(SELECT CAST(COALESCE(SUM(CASE WHEN status = 'scheduled' AND ends_at > $2 THEN 1 ELSE 0 END), 0) AS BIGINT) AS up, \
      CAST(COALESCE(SUM(CASE WHEN status = 'completed' AND no_show IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS done, \
      CAST(COALESCE(SUM(CASE WHEN status = 'completed' AND no_show IS NULL THEN duration ELSE 0 END), 0) AS BIGINT) \
        AS minutes \
      FROM sessions WHERE mentor_id = $1 OR mentee_id = $1) s, \
     (SELECT CAST(COALESCE(SUM(CASE WHEN g.status = 'scheduled' AND g.ends_at > $2 THEN 1 ELSE 0 END), 0) AS BIGINT) AS up, \
      CAST(COALESCE(SUM(CASE WHEN g.status = 'completed' THEN 1 ELSE 0 END), 0) AS BIGINT) AS done, \
      CAST(COALESCE(SUM(CASE WHEN g.status = 'completed' THEN g.duration ELSE 0 END), 0) AS BIGINT) AS minutes \
      FROM group_sessions g WHERE g.host_id = $1 OR EXISTS (SELECT 1 FROM group_seats t \
      WHERE t.group_session_id = g.id AND t.user_id = $1 AND t.status = 'attending')) g";

type Row = (i64, i64, i64, i64, i64, i64, i64, i64, i64, i64);

impl Store {
    pub async fn dashboard_totals(
        &self,
        user: Uuid,
        now: DateTime<Utc>,
    ) -> StoreResult<(MentorshipCounts, SessionTotals)> {
        let sql = format!(
            "SELECT m.a, m.b, m.c, m.d, s.up, s.done, s.minutes, g.up, g.done, g.minutes FROM ({MENTORSHIP_COUNTS}) m, {SESSIONS}"
        );
        let r: Row = self
            .read_one(&Sql::of(sql, vec![Param::Uuid(user), Param::Time(now)]))
            .await?;
        let counts = MentorshipCounts {
            active_mentors: r.0,
            active_mentees: r.1,
            incoming_pending: r.2,
            outgoing_pending: r.3,
        };
        let totals = SessionTotals {
            upcoming: r.4 + r.7,
            completed: r.5 + r.8,
            completed_minutes: r.6 + r.9,
        };
        Ok((counts, totals))
    }
}
