//! "Did you mean": when a search finds nobody, each word no mentor uses is
//! swapped for the closest one that some mentor does use (Damerau-
//! Levenshtein distance from `strsim`, allowing about one slip per four
//! letters). Done in Rust so SQLite and PostgreSQL behave the same.

use crate::services::Result;
use crate::state::AppState;

/// The corrected query, when any word changed.
pub async fn suggest(state: &AppState, query: &str) -> Result<Option<String>> {
    if query.trim().is_empty() {
        return Ok(None);
    }
    let vocabulary = state.vocabulary.get(&state.store).await?;
    Ok(correct(query, &vocabulary.words))
}

pub fn correct(query: &str, words: &[String]) -> Option<String> {
    let mut changed = false;
    let corrected: Vec<String> = query
        .split_whitespace()
        .map(|word| {
            let lower = word.to_lowercase();
            if words.binary_search(&lower).is_ok() || lower.chars().count() < 4 {
                return word.to_owned();
            }
            let allowed = (lower.chars().count() / 4).max(1);
            let best = words
                .iter()
                .map(|w| (strsim::damerau_levenshtein(&lower, w), w))
                .filter(|(d, _)| *d <= allowed)
                .min_by_key(|(d, w)| (*d, w.len()));
            match best {
                Some((_, w)) => {
                    changed = true;
                    w.clone()
                }
                None => word.to_owned(),
            }
        })
        .collect();
    changed.then(|| corrected.join(" "))
}

#[cfg(test)]
mod tests {
    use super::correct;

    fn words() -> Vec<String> {
        let mut w: Vec<String> = ["distributed", "systems", "stripe", "rust", "design", "okafor"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        w.sort();
        w
    }

    #[test]
    fn misspelt_words_are_corrected_and_known_ones_kept() {
        assert_eq!(
            correct("distribted systms", &words()).as_deref(),
            Some("distributed systems")
        );
        assert_eq!(correct("Okafr", &words()).as_deref(), Some("okafor"));
        assert_eq!(correct("distributed systems", &words()), None);
        assert_eq!(correct("quantum", &words()), None, "nothing close");
        assert_eq!(correct("rsut", &words()), Some("rust".into()), "a swap counts once");
        assert_eq!(correct("go", &words()), None, "short words are left alone");
    }
}
