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

/// One window of a search's matches, and the way to them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Window {
    /// Which window, counted from 0.
    pub index: i64,
    /// Ranked rows to skip within it, and how many to return.
    pub skip: i64,
    pub take: i64,
    /// How PostgreSQL reads its matches (`cheaper_path`).
    pub path: MatchPath,
    /// A key a walk stops at (`Sample::walk_bound`).
    pub bound: Option<i64>,
}

/// How far the walk's bound lies past its estimated end (`walk_bound`).
const BOUND_MARGIN: f64 = 3.0;

/// What the sample found: `matched` of the first `sampled` profiles in key
/// order, the last of them at `last_key`, of about `profiles` in all.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sample {
    pub matched: i64,
    pub sampled: i64,
    pub last_key: i64,
    pub profiles: i64,
}

impl Sample {
    /// The cheaper path to window `index`'s matches (`cheaper_path`).
    pub(crate) fn path(&self, index: i64, window: i64) -> MatchPath {
        cheaper_path(self.matched, self.sampled, self.profiles, index, window)
    }

    /// A key the walk to the end of window `index` should not pass, well
    /// past its estimate (`BOUND_MARGIN`, then up to the next power of two,
    /// so that few statement texts exist). PostgreSQL misjudges how many
    /// profiles pass the filters (a `LIKE` on a list, a phrase), and with
    /// few expected it reads the whole table and sorts rather than walk the
    /// key: 66 ms at a million profiles where the walk takes 28. A bound
    /// shows it how short the walk is. None when the sample was the whole
    /// table or matched nothing. The caller checks that the bounded window
    /// came back full; when not, the bound may have cut it and it reads the
    /// window again without one.
    pub(crate) fn walk_bound(&self, index: i64, window: i64) -> Option<i64> {
        if self.matched == 0 || self.sampled < SAMPLE {
            return None;
        }
        let share = self.matched as f64 / self.sampled as f64;
        let keys_per_profile = self.last_key.max(self.sampled) as f64 / self.sampled as f64;
        let end = ((index + 1) * window) as f64 / share * keys_per_profile * BOUND_MARGIN;
        (end < (1u64 << 52) as f64).then(|| (end.ceil() as u64).next_power_of_two() as i64)
    }
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

    #[test]
    fn the_walk_is_bounded_well_past_its_estimated_end() {
        let sample = |matched, sampled, last_key| Sample {
            matched,
            sampled,
            last_key,
            profiles: 1_000_000,
        };
        // 1.4 %: about 35,700 profiles to the first window's end, three
        // times that is 107,143, and the next power of two 131,072.
        assert_eq!(sample(14, 1000, 1000).walk_bound(0, 500), Some(131_072));
        // Keys twice as sparse as profiles: twice as far.
        assert_eq!(sample(14, 1000, 2000).walk_bound(0, 500), Some(262_144));
        // Deeper windows end further on.
        assert_eq!(sample(1000, 1000, 1000).walk_bound(3, 500), Some(8192));
        // Nothing to estimate from, or the whole table was sampled.
        assert_eq!(sample(0, 1000, 1000).walk_bound(0, 500), None);
        assert_eq!(sample(10, 400, 400).walk_bound(0, 500), None);
    }
}
