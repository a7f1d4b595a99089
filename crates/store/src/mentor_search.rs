//! Mentor search: full-text matches (FTS5 on SQLite, tsvector on
//! PostgreSQL), filters and sorting, then the page's cards.

use mentorhub_domain::search;

use crate::mentors::{MentorCardRecord, MentorQuery, MentorSort, CARD_COLUMNS, RATING_AVERAGE};
use crate::search_plan::{MatchPath, Window};
use crate::sql::{Param, Sql};
use crate::{BackendKind, Store, StoreResult};

/// How many matches of a search with words are sorted together. A broad
/// word matches a tenth of all mentors, and scoring and sorting every match
/// (bm25 reads each row's column sizes, ts_rank each row's vector) took 15 of
/// a search's 20 ms at 100,000 mentors and grows with the directory. So
/// matches are taken a window of this many at a time, in the order of a key
/// that never changes (`search_key`, the order profiles were made, on both
/// databases), and sorted within their window. A search with
/// fewer matches (names, companies, several words, most filters) is sorted
/// over all of them; a broad one shows the best of its first window first. A
/// mentor changes window only by starting or ceasing to match, as offsets
/// already did. Browsing without words is always sorted over everyone.
pub const RANKED_WINDOW: i64 = 500;

impl Store {
    /// One page of mentors (`limit + 1` rows are read, so the caller knows
    /// whether another page exists), in one statement: the ranking subquery
    /// carries only ids and scores, so its sort stays narrow, and the cards
    /// are joined to the page's rows alone (re-sorted by the same keys).
    pub async fn search_mentors(&self, query: &MentorQuery) -> StoreResult<Vec<MentorCardRecord>> {
        if !query.terms.is_empty() && !query.every_match {
            self.ranked_in_windows(query).await
        } else {
            self.cards(&self.search_sql(query, None)).await
        }
    }

    pub(crate) async fn cards(&self, sql: &Sql) -> StoreResult<Vec<MentorCardRecord>> {
        self.read_all(sql).await
    }

    /// The page's cards: a ranking subquery (ids and scores; with a window,
    /// the matches of that window only, in index order, ranked among
    /// themselves) joined to the cards and sorted again by the same keys.
    pub(crate) fn search_sql(&self, query: &MentorQuery, window: Option<Window>) -> Sql {
        let mut sql = Sql::default();
        let has_terms = !query.terms.is_empty();
        let backend = self.kind();
        let mut rank = String::from("0");
        let mut fts_match = None;
        if has_terms && backend == BackendKind::Sqlite {
            let mut fts = format!("({})", search::fts5_query(&query.terms, query.match_any));
            for (column, words) in narrowing_tags(query) {
                fts = format!("{fts} AND {}", search::fts5_phrase_in(column, &words));
            }
            fts_match = Some(sql.param(Param::Text(fts)));
            // Name counts most, then expertise and company; bm25 is lower-is-better.
            rank = "(-bm25(mentor_search, 10.0, 4.0, 4.0, 2.0, 2.0, 1.0))".into();
        }
        let mut tsquery_match = None;
        if has_terms && backend == BackendKind::Postgres {
            tsquery_match = Some(sql.param(Param::Text(pg_tsquery(query))));
            let tsquery = search::tsquery(&query.terms, query.match_any);
            let b = sql.param(Param::Text(tsquery));
            rank = format!("ts_rank(p.search_vector, to_tsquery('simple', {b}))");
        }
        // Only mentors have a profile (the role is never taken away), so the
        // ranking step needs no join with users.
        // A window is a subquery named `p` with every column a sort needs,
        // so the orders below read the same inside and outside it.
        const WINDOW_COLUMNS: &str = "p.user_id, p.years_experience, p.rating_sum, p.rating_count, \
             p.response_rate, p.median_response_hours";
        match (window, &fts_match) {
            (Some(_), Some(fts)) => sql.push(&format!(
                "SELECT p.user_id, p.score FROM (SELECT {WINDOW_COLUMNS}, {rank} AS score \
                 FROM mentor_search s CROSS JOIN mentor_profiles p ON p.search_key = s.rowid AND mentor_search MATCH {fts}"
            )),
            // PostgreSQL ranks a window's rows after its limit: ts_rank for
            // the 500 rows alone, not for every match a bitmap scan fetched.
            // A bounded walk also counts its window (`window_cards`).
            (Some(w), None) => sql.push(&format!(
                "SELECT p.user_id, {rank} AS score{} FROM (SELECT {WINDOW_COLUMNS}, p.search_vector FROM mentor_profiles p",
                if w.bound.is_some() { ", COUNT(*) OVER () AS window_rows" } else { "" }
            )),
            (None, Some(fts)) => sql.push(&format!(
                "SELECT p.user_id, {rank} AS score FROM mentor_profiles p JOIN mentor_search s \
                 ON s.rowid = p.search_key AND mentor_search MATCH {fts}"
            )),
            (None, None) => sql.push(&format!("SELECT p.user_id, {rank} AS score FROM mentor_profiles p")),
        };
        // Suspended and deleted people are not listed.
        sql.push(" WHERE p.listed");
        let walk = window.is_some_and(|w| w.path == MatchPath::Walk);
        if let Some(a) = &tsquery_match {
            sql.push(&if walk {
                // Not a condition the full-text index can answer: the
                // planner walks the key's index instead.
                format!(" AND COALESCE(p.search_vector @@ to_tsquery('simple', {a}), FALSE)")
            } else {
                format!(" AND p.search_vector @@ to_tsquery('simple', {a})")
            });
        }
        self.push_filters(&mut sql, query);
        if let Some(bound) = window.and_then(|w| w.bound) {
            // Written out, not bound: the planner weighs the walk by it.
            sql.push(&format!(" AND p.search_key <= {bound}"));
        }
        if let Some(window) = window {
            // A key that never changes, so a mentor stays in one window while
            // profiles are updated (table order moved with every update, and
            // the daily responsiveness sweep updates every mentor): FTS5
            // yields SQLite's in order without sorting; on PostgreSQL it
            // follows the table's own order, so walking its index reads the
            // matches of a broad word page by page (migration 0016).
            sql.push(match (&fts_match, walk) {
                (Some(_), _) => " ORDER BY s.rowid",
                (None, true) => " ORDER BY p.search_key",
                // Not an order the key's index can give: the planner takes
                // the matches from the full-text index and sorts them.
                (None, false) => " ORDER BY p.search_key + 0",
            });
            let size = sql.param(Param::Int(RANKED_WINDOW));
            let start = sql.param(Param::Int(window.index * RANKED_WINDOW));
            sql.push(&format!(" LIMIT {size} OFFSET {start}) p"));
            if fts_match.is_some() {
                rank = "p.score".into();
            }
        }
        sql.push(" ORDER BY ").push(&order_by(query.sort, has_terms, &rank));
        let (take, skip) = window.map_or((query.limit + 1, query.offset), |w| (w.take, w.skip));
        let limit = sql.param(Param::Int(take));
        let offset = sql.param(Param::Int(skip));
        sql.push(&format!(" LIMIT {limit} OFFSET {offset}"));
        // The page's rows (at most `take`) get their cards and the same
        // order. CROSS JOIN keeps SQLite's planner from walking a sort index
        // over every profile and probing the page for each.
        let counted = if window.is_some_and(|w| w.bound.is_some()) {
            ", r.window_rows"
        } else {
            ""
        };
        let text = format!(
            "SELECT {CARD_COLUMNS}{counted} FROM ({}) r CROSS JOIN mentor_profiles p JOIN users u ON u.id = p.user_id \
             WHERE p.user_id = r.user_id ORDER BY {}",
            sql.text,
            order_by(query.sort, has_terms, "r.score")
        );
        Sql::of(text, sql.params).planned_with_values()
    }

    pub(crate) fn push_filters(&self, sql: &mut Sql, query: &MentorQuery) {
        if query.accepting_only {
            sql.push(" AND p.accepting_mentees AND p.active_mentees < p.max_mentees");
        }
        // Exact tags, matched in the row's own JSON list (`"tag"` with its
        // quotes), so filtering costs no extra lookups per candidate.
        for (column, value) in [
            ("p.specializations", &query.specialization),
            ("p.expertise", &query.expertise),
        ] {
            if let Some(value) = value {
                let placeholder = sql.param(Param::Text(like_pattern(value)));
                sql.push(&format!(" AND lower({column}) LIKE lower({placeholder}) ESCAPE '!'"));
            }
        }
        if let Some(company) = &query.company {
            let placeholder = sql.param(Param::Text(company.trim().to_owned()));
            sql.push(&format!(" AND lower(p.company) = lower({placeholder})"));
        }
        if let Some(me) = query.for_mentee {
            let a = sql.param(Param::Uuid(me));
            let b = sql.param(Param::Uuid(me));
            sql.push(&format!(
                " AND p.user_id <> {a} AND NOT EXISTS (SELECT 1 FROM mentorships m WHERE m.mentor_id = p.user_id \
                 AND m.mentee_id = {b} AND m.status IN ('pending', 'accepted'))"
            ));
        }
    }
}

/// The order of a page; `rank` is the relevance score's expression.
fn order_by(sort: MentorSort, has_terms: bool, rank: &str) -> String {
    match (sort, has_terms) {
        (MentorSort::Relevance, true) => format!("{rank} DESC, p.years_experience DESC, p.user_id"),
        (MentorSort::Relevance, false) | (MentorSort::Rating, _) => {
            format!("{RATING_AVERAGE} DESC NULLS LAST, p.rating_count DESC, p.years_experience DESC, p.user_id")
        }
        (MentorSort::Experience, _) => "p.years_experience DESC, p.user_id".to_owned(),
        (MentorSort::Responsive, _) => {
            "p.response_rate DESC NULLS LAST, p.median_response_hours ASC NULLS LAST, p.user_id".to_owned()
        }
    }
}

/// The tsquery a PostgreSQL search matches with: its words, narrowed by
/// the exact filters' words.
pub(crate) fn pg_tsquery(query: &MentorQuery) -> String {
    let mut narrowed = format!("({})", search::tsquery(&query.terms, query.match_any));
    for (column, words) in narrowing_tags(query) {
        let weight = if column == "specializations" { 'C' } else { 'B' };
        narrowed = format!("{narrowed} & {}", search::tsquery_phrase_weighted(weight, &words));
    }
    narrowed
}

/// The exact filters the full-text index can also narrow by, with the
/// index column they are in (the exact filters still decide).
fn narrowing_tags(query: &MentorQuery) -> Vec<(&'static str, Vec<String>)> {
    [
        ("specializations", &query.specialization),
        ("expertise", &query.expertise),
        ("company", &query.company),
    ]
    .into_iter()
    .filter_map(|(column, value)| Some((column, search::tag_words(value.as_deref()?)?)))
    .collect()
}

/// `%"tag"%` for a LIKE over a JSON list, with LIKE's wildcards escaped.
fn like_pattern(tag: &str) -> String {
    let quoted = serde_json::to_string(tag.trim()).unwrap_or_default();
    let escaped = quoted.replace('!', "!!").replace('%', "!%").replace('_', "!_");
    format!("%{escaped}%")
}

#[cfg(test)]
mod tests {
    use super::like_pattern;

    #[test]
    fn like_patterns_match_whole_tags_only() {
        assert_eq!(like_pattern(" Career growth "), "%\"Career growth\"%");
        assert_eq!(like_pattern("100%_done!"), "%\"100!%!_done!!\"%");
    }
}
