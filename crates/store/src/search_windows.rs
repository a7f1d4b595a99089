//! A search with words, window by window (`RANKED_WINDOW`): on PostgreSQL
//! the way to each window's matches is chosen from a sample
//! (`search_plan.rs`), and a walk is bounded; the statements themselves
//! are written in `mentor_search.rs`.

use crate::mentor_search::{pg_tsquery, RANKED_WINDOW};
use crate::mentors::{MentorCardRecord, MentorQuery};
use crate::row::{DbRow, Record};
use crate::search_plan::{MatchPath, Sample, Window, SAMPLE};
use crate::sql::{Param, Sql};
use crate::{BackendKind, Store, StoreResult};

/// A card with the number of matches in its window, to tell whether a
/// bounded walk found the whole window.
struct WindowCard {
    card: MentorCardRecord,
    window_rows: i64,
}

impl Record for WindowCard {
    fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error> {
        Ok(Self {
            card: MentorCardRecord::read(row)?,
            window_rows: row.col("window_rows")?,
        })
    }
}

impl Store {
    /// A search with words, window by window (see `RANKED_WINDOW`): the page's rows
    /// come from the window its offset falls in, and from the next one when
    /// the page runs past its end.
    pub(crate) async fn ranked_in_windows(&self, query: &MentorQuery) -> StoreResult<Vec<MentorCardRecord>> {
        let mut cards = Vec::new();
        let sample = self.sample(query).await?;
        let mut window = self.window(sample, query.offset / RANKED_WINDOW);
        window.skip = query.offset % RANKED_WINDOW;
        window.take = query.limit + 1;
        loop {
            let found = self.window_cards(query, window).await?;
            let got = found.len() as i64;
            cards.extend(found);
            // A window that ended before RANKED_WINDOW rows was the last.
            if got >= window.take || window.skip + got < RANKED_WINDOW {
                return Ok(cards);
            }
            window = Window {
                skip: 0,
                take: window.take - got,
                ..self.window(sample, window.index + 1)
            };
        }
    }

    /// Window `index`, the way to its matches chosen from the sample.
    fn window(&self, sample: Option<Sample>, index: i64) -> Window {
        let (path, bound) = match sample {
            None => (MatchPath::FullText, None),
            Some(sample) => {
                let path = sample.path(index, RANKED_WINDOW);
                let bound = (path == MatchPath::Walk)
                    .then(|| sample.walk_bound(index, RANKED_WINDOW))
                    .flatten();
                (path, bound)
            }
        };
        Window {
            index,
            skip: 0,
            take: 0,
            path,
            bound,
        }
    }

    /// One window's part of the page. A bounded walk counts on finding
    /// the whole window before its bound; when the window came back short
    /// (or empty), the bound may have cut it, and it is read again without.
    async fn window_cards(&self, query: &MentorQuery, window: Window) -> StoreResult<Vec<MentorCardRecord>> {
        if window.bound.is_some() {
            let found: Vec<WindowCard> = self.read_all(&self.search_sql(query, Some(window))).await?;
            if found.first().is_some_and(|c| c.window_rows == RANKED_WINDOW) {
                return Ok(found.into_iter().map(|c| c.card).collect());
            }
        }
        let unbounded = Window { bound: None, ..window };
        self.cards(&self.search_sql(query, Some(unbounded))).await
    }

    /// On PostgreSQL, the first `SAMPLE` profiles in key order tested
    /// against the search (`search_plan.rs`). SQLite's full-text index
    /// yields its matches in key order: it needs no choice.
    async fn sample(&self, query: &MentorQuery) -> StoreResult<Option<Sample>> {
        if self.kind() != BackendKind::Postgres {
            return Ok(None);
        }
        let mut sql = Sql::default();
        let tsquery = sql.param(Param::Text(pg_tsquery(query)));
        sql.push(&format!(
            "SELECT CAST(COUNT(*) FILTER (WHERE p.listed AND p.search_vector @@ to_tsquery('simple', {tsquery})"
        ));
        self.push_filters(&mut sql, query);
        // Only the columns a filter reads: the sample's rows stay narrow.
        sql.push(&format!(
            ") AS BIGINT), CAST(COUNT(*) AS BIGINT), CAST(COALESCE(MAX(p.search_key), 0) AS BIGINT), \
             CAST((SELECT reltuples FROM pg_class WHERE oid = CAST('mentor_profiles' AS regclass)) AS BIGINT) \
             FROM (SELECT p.user_id, p.listed, p.search_vector, p.accepting_mentees, p.active_mentees, \
             p.max_mentees, p.specializations, p.expertise, p.company, p.search_key \
             FROM mentor_profiles p ORDER BY p.search_key LIMIT {SAMPLE}) p"
        ));
        let sql = sql.planned_with_values();
        let (matched, sampled, last_key, profiles): (i64, i64, i64, i64) = self.read_one(&sql).await?;
        Ok(Some(Sample {
            matched,
            sampled,
            last_key,
            profiles,
        }))
    }
}
