//! The words mentors are found by, read at most once a minute per instance:
//! both reads scan every mentor profile, too much for every search page or
//! every search that finds nobody. A minute-old list of specializations
//! or suggestion words is harmless.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use mentorhub_store::Store;

use crate::services::Result;

const FRESH_FOR: Duration = Duration::from_secs(60);

pub struct Vocabulary {
    /// Every specialization some mentor offers, alphabetical.
    pub specializations: Vec<String>,
    /// Sorted lower-case words of tags, companies, job titles and names.
    pub words: Vec<String>,
}

#[derive(Default)]
pub struct VocabularyCache {
    current: Mutex<Option<(Instant, Arc<Vocabulary>)>>,
}

impl VocabularyCache {
    /// The vocabulary, read again when the copy is older than a minute.
    pub async fn get(&self, store: &Store) -> Result<Arc<Vocabulary>> {
        let cached = self.current.lock().expect("vocabulary lock").clone();
        if let Some((_, vocabulary)) = cached.filter(|(at, _)| at.elapsed() < FRESH_FOR) {
            return Ok(vocabulary);
        }
        let specializations = store.specializations().await?;
        let words = store.mentor_words(&specializations).await?;
        let fresh = Arc::new(Vocabulary { specializations, words });
        *self.current.lock().expect("vocabulary lock") = Some((Instant::now(), fresh.clone()));
        Ok(fresh)
    }
}
