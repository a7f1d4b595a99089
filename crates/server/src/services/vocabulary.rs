//! The words mentors are found by, read at most once a minute per instance:
//! both reads scan every mentor profile, too much for every search page or
//! every search that finds nobody. A minute-old list of specializations
//! or suggestion words is harmless.
//!
//! Once a copy exists, no request waits for a new one: the first request
//! after the minute starts one read in the background and keeps using the
//! old copy, and so does everyone else until the read is done. Over a
//! million profiles the read takes seconds. Before this, the first request
//! after each minute waited for it, and every request that came at the
//! same time ran its own copy of the scans.
//!
//! A copy whose profiles have not changed since it was read is kept
//! without a read for up to ten minutes: the store's change counter for
//! `mentor_profiles` (moved by every instance's writes, see
//! `store/changes.rs`) says whether they did, and the ten minutes bound
//! what a missed change could cost. Searches no longer share the
//! cores with those scans every minute while nobody edits a profile.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use mentorhub_store::changes::Table;
use mentorhub_store::Store;

use crate::services::Result;

const FRESH_FOR: Duration = Duration::from_secs(60);
/// A copy is read again after this long even if no change was counted.
const LONGEST: Duration = Duration::from_secs(600);

pub struct Vocabulary {
    /// Every specialization some mentor offers, alphabetical.
    pub specializations: Vec<String>,
    /// Sorted lower-case words of tags, companies, job titles and names.
    pub words: Vec<String>,
}

/// A copy, when it was read, and the profiles' change counter before
/// that read.
#[derive(Clone)]
struct Copy {
    read_at: Instant,
    version: u64,
    vocabulary: Arc<Vocabulary>,
}

pub struct VocabularyCache {
    fresh_for: Duration,
    longest: Duration,
    current: Mutex<Option<Copy>>,
    /// How many times the profiles were scanned.
    reads: AtomicU64,
    /// Set while a background read runs, so only one does.
    refreshing: AtomicBool,
    /// Held by the read that makes the first copy; the requests that come
    /// meanwhile wait for it instead of reading too.
    first: tokio::sync::Mutex<()>,
}

impl Default for VocabularyCache {
    fn default() -> Self {
        Self::fresh_for(FRESH_FOR)
    }
}

impl VocabularyCache {
    /// A cache whose copy is read again once it is `fresh_for` old.
    pub fn fresh_for(fresh_for: Duration) -> Self {
        Self {
            fresh_for,
            longest: LONGEST,
            current: Mutex::new(None),
            reads: AtomicU64::new(0),
            refreshing: AtomicBool::new(false),
            first: tokio::sync::Mutex::new(()),
        }
    }

    /// The same, read again after `longest` even if no change was counted.
    pub fn read_at_least_every(mut self, longest: Duration) -> Self {
        self.longest = longest;
        self
    }

    /// The vocabulary: the copy at hand (read again in the background once
    /// it is old), or the first one.
    pub async fn get(self: &Arc<Self>, store: &Store) -> Result<Arc<Vocabulary>> {
        if let Some(vocabulary) = self.at_hand(store) {
            return Ok(vocabulary);
        }
        let _first = self.first.lock().await;
        if let Some(vocabulary) = self.at_hand(store) {
            return Ok(vocabulary);
        }
        self.read(store).await
    }

    /// How many times the profiles were read so far.
    pub fn reads(&self) -> u64 {
        self.reads.load(Ordering::Acquire)
    }

    /// The current copy, if any. One that is old and whose profiles
    /// changed (or that reached its longest time) also starts a background
    /// read.
    fn at_hand(self: &Arc<Self>, store: &Store) -> Option<Arc<Vocabulary>> {
        let copy = self.current.lock().expect("vocabulary lock").clone()?;
        let age = copy.read_at.elapsed();
        let stale = age >= self.fresh_for && (copy.version != profiles_version(store) || age >= self.longest);
        if stale && !self.refreshing.swap(true, Ordering::AcqRel) {
            let (cache, store) = (Arc::clone(self), store.clone());
            tokio::spawn(async move {
                if let Err(err) = cache.read(&store).await {
                    tracing::warn!(error = %err, "could not read the vocabulary again; keeping the old one");
                }
                cache.refreshing.store(false, Ordering::Release);
            });
        }
        Some(copy.vocabulary)
    }

    async fn read(&self, store: &Store) -> Result<Arc<Vocabulary>> {
        // Taken before reading: a write that commits meanwhile moves it.
        let version = profiles_version(store);
        self.reads.fetch_add(1, Ordering::AcqRel);
        let specializations = store.specializations().await?;
        let words = store.mentor_words(&specializations).await?;
        let fresh = Arc::new(Vocabulary { specializations, words });
        *self.current.lock().expect("vocabulary lock") = Some(Copy {
            read_at: Instant::now(),
            version,
            vocabulary: fresh.clone(),
        });
        Ok(fresh)
    }
}

fn profiles_version(store: &Store) -> u64 {
    store.changes().version(&[Table::MentorProfiles])
}
