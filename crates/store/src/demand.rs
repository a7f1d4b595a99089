//! Demand and supply per specialization, for the admin dashboard: what
//! mentees search for and ask for (counted per week), against the mentors
//! who offer it and have room.

use crate::sql::Sql;
use crate::{on_pool, BackendKind, Store, StoreResult};

/// Demand for one specialization over a range of weeks, and its supply now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemandRecord {
    pub specialization: String,
    pub searches: i64,
    pub requests: i64,
    /// Listed mentors accepting mentees with a free place.
    pub mentors_with_room: i64,
}

impl Store {
    /// Counts a search filtered by `specialization`, or a request to a
    /// mentor offering it, in the week starting `week` (YYYY-MM-DD).
    pub async fn count_demand(&self, specialization: &str, week: &str, request: bool) -> StoreResult<()> {
        let (searches, requests) = if request { (0, 1) } else { (1, 0) };
        const SQL: &str =
            "INSERT INTO demand_counts (specialization, week, searches, requests) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (specialization, week) DO UPDATE SET searches = demand_counts.searches + $3, \
             requests = demand_counts.requests + $4";
        let tag = specialization.trim().to_lowercase();
        on_pool!(self, pool => sqlx::query(SQL).bind(&tag).bind(week).bind(searches as i64).bind(requests as i64)
            .execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Every specialization with demand in the weeks `from..=to` or mentors
    /// offering it, most wanted first.
    pub async fn demand_and_supply(&self, from: &str, to: &str) -> StoreResult<Vec<DemandRecord>> {
        let supply = match self.kind() {
            BackendKind::Sqlite => {
                "SELECT lower(trim(j.value)) AS tag, COUNT(*) AS mentors FROM mentor_profiles p, json_each(p.specializations) j \
                 WHERE p.listed AND p.accepting_mentees AND p.active_mentees < p.max_mentees GROUP BY lower(trim(j.value))"
            }
            BackendKind::Postgres => {
                "SELECT lower(trim(j)) AS tag, COUNT(*) AS mentors FROM mentor_profiles p, \
                 jsonb_array_elements_text(p.specializations::jsonb) j \
                 WHERE p.listed AND p.accepting_mentees AND p.active_mentees < p.max_mentees GROUP BY lower(trim(j))"
            }
        };
        let demand: Vec<(String, i64, i64)> = self
            .read_all(&Sql::of(
            "SELECT specialization, CAST(SUM(searches) AS BIGINT), CAST(SUM(requests) AS BIGINT) FROM demand_counts \
             WHERE week >= $1 AND week <= $2 GROUP BY specialization",
            vec![from.into(), to.into()],
            ))
            .await?;
        let supply: Vec<(String, i64)> = self.read_all(&Sql::of(supply, vec![])).await?;
        let mut out: Vec<DemandRecord> = demand
            .into_iter()
            .map(|(specialization, searches, requests)| DemandRecord {
                mentors_with_room: supply.iter().find(|(t, _)| *t == specialization).map_or(0, |(_, n)| *n),
                specialization,
                searches,
                requests,
            })
            .collect();
        for (tag, n) in supply {
            if !out.iter().any(|d| d.specialization == tag) && !tag.is_empty() {
                out.push(DemandRecord {
                    specialization: tag,
                    searches: 0,
                    requests: 0,
                    mentors_with_room: n,
                });
            }
        }
        out.sort_by(|a, b| {
            (b.searches + b.requests)
                .cmp(&(a.searches + a.requests))
                .then_with(|| a.specialization.cmp(&b.specialization))
        });
        Ok(out)
    }
}
