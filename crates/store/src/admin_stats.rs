//! The rows behind the admin dashboard's weekly series, read for a range
//! of at most a year; the services bucket them by week.

use chrono::{DateTime, Utc};

use crate::sql::Sql;
use crate::{Store, StoreResult};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct StatsRows {
    pub signups: Vec<DateTime<Utc>>,
    /// (asked at, status, answered at)
    pub requests: Vec<(DateTime<Utc>, String, Option<DateTime<Utc>>)>,
    /// Held sessions, 1:1 and group (start, minutes); no-shows left out.
    pub sessions: Vec<(DateTime<Utc>, i64)>,
    /// (created at, status, claimed at)
    pub minis: Vec<(DateTime<Utc>, String, Option<DateTime<Utc>>)>,
    /// Group sessions not cancelled (start, seats taken).
    pub seats: Vec<(DateTime<Utc>, i64)>,
}

impl Store {
    pub async fn stats_rows(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> StoreResult<StatsRows> {
        let signups: Vec<(DateTime<Utc>,)> = self
            .read_all(&Sql::of(
                "SELECT created_at FROM users WHERE created_at >= $1 AND created_at < $2",
                vec![from.into(), to.into()],
            ))
            .await?;
        let requests = self
            .read_all(&Sql::of(
                "SELECT created_at, status, responded_at FROM mentorships WHERE created_at >= $1 AND created_at < $2",
                vec![from.into(), to.into()],
            ))
            .await?;
        let sessions = self
            .read_all(&Sql::of(
            "SELECT scheduled_at, CAST(duration AS BIGINT) FROM sessions WHERE status = 'completed' AND no_show IS NULL \
             AND scheduled_at >= $1 AND scheduled_at < $2 \
             UNION ALL SELECT scheduled_at, CAST(duration AS BIGINT) FROM group_sessions WHERE status = 'completed' \
             AND scheduled_at >= $1 AND scheduled_at < $2",
            vec![from.into(), to.into()],
            ))
            .await?;
        let minis = self
            .read_all(&Sql::of(
                "SELECT created_at, status, claimed_at FROM mini_requests WHERE created_at >= $1 AND created_at < $2",
                vec![from.into(), to.into()],
            ))
            .await?;
        let seats = self
            .read_all(&Sql::of(
                "SELECT scheduled_at, CAST(seats_taken AS BIGINT) FROM group_sessions WHERE status <> 'cancelled' \
             AND scheduled_at >= $1 AND scheduled_at < $2",
                vec![from.into(), to.into()],
            ))
            .await?;
        Ok(StatsRows {
            signups: signups.into_iter().map(|(t,)| t).collect(),
            requests,
            sessions,
            minis,
            seats,
        })
    }
}
