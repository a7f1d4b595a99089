//! Which way PostgreSQL reads a search window's matches. A window is the
//! first matches in `search_key` order, and there are two ways to them:
//! - walk the key's index and test each profile, stopping at the window's
//!   end: cheap for a word that matches many profiles (a tenth: about 5,000
//!   profiles read for 500 matches), ruinous for one that matches few (the
//!   whole table read);
//! - ask the full-text index for every match, fetch them all and sort them
//!   by the key: cheap for a rare word, ruinous for a common one.
//!
//! PostgreSQL's planner picks by its estimate of how many profiles match,
//! which is poor for prefixes and wrong for words that come together
//! ("distributed systems": it multiplies the two words' shares, 0.6 %,
//! where 8 % match), and a prepared statement plans once for every word.
//! So the store measures: it tests the first `SAMPLE` profiles in key order
//! (one indexed read of a fixed size), estimates the share that match, and
//! tells the statement which way to go. Both ways return the same rows.

/// Profiles tested to estimate the share that match.
pub(crate) const SAMPLE: i64 = 1000;
/// Relative cost of testing one profile on the walk, and of fetching and
/// sorting one match from the full-text index (measured: about 0.6 and
/// 2 µs at 100,000 profiles).
const WALK_PER_PROFILE: f64 = 0.6;
const FETCH_PER_MATCH: f64 = 2.0;

/// How a window's matches are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MatchPath {
    /// Walk `search_key`, testing each profile.
    Walk,
    /// All matches from the full-text index, then sorted.
    FullText,
}

/// The cheaper path to the matches up to the end of window `index` (of
/// `window` matches each), when `matched` of the `sampled` first profiles
/// match and the table holds about `profiles`.
pub(crate) fn cheaper_path(matched: i64, sampled: i64, profiles: i64, index: i64, window: i64) -> MatchPath {
    if matched == 0 || sampled == 0 {
        return MatchPath::FullText;
    }
    let share = matched as f64 / sampled as f64;
    let profiles = profiles.max(sampled) as f64;
    // The walk ends at the window's last match, or at the table's end.
    let walked = (((index + 1) * window) as f64 / share).min(profiles);
    let walk = walked * WALK_PER_PROFILE;
    let full_text = share * profiles * FETCH_PER_MATCH;
    if walk <= full_text {
        MatchPath::Walk
    } else {
        MatchPath::FullText
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_walk_and_rare_ones_use_the_index() {
        // 8 % of 100,000: 6,250 profiles walked against 8,000 matches fetched.
        assert_eq!(cheaper_path(80, 1000, 100_000, 0, 500), MatchPath::Walk);
        // 3 % of 100,000 is a close call that the index wins; of a million,
        // the walk wins by far.
        assert_eq!(cheaper_path(60, 2000, 100_000, 0, 500), MatchPath::FullText);
        assert_eq!(cheaper_path(60, 2000, 1_000_000, 0, 500), MatchPath::Walk);
        // A name: a handful of matches.
        assert_eq!(cheaper_path(0, 2000, 1_000_000, 0, 500), MatchPath::FullText);
        assert_eq!(cheaper_path(1, 2000, 100_000, 0, 500), MatchPath::FullText);
        // Deep windows need a longer walk.
        assert_eq!(cheaper_path(160, 2000, 100_000, 20, 500), MatchPath::FullText);
    }
}
