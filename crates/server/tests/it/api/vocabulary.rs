//! The words mentors are found by (`services/vocabulary.rs`): read once,
//! then, when old, read again in the background while requests keep the
//! copy at hand; not read again while no profile changed, up to a longest time.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use mentorhub_server::services::vocabulary::{Vocabulary, VocabularyCache};
use mentorhub_store::Store;

use crate::harness::db::seed_mentor;
use crate::harness::TestApp;

const NEW_TAG: &str = "Quantum gardening";

#[tokio::test]
async fn an_old_vocabulary_is_read_again_while_requests_keep_the_copy_at_hand() {
    let app = TestApp::spawn().await;
    let store = &app.state.store;
    // Old as soon as it is read.
    let cache = Arc::new(VocabularyCache::fresh_for(Duration::ZERO));
    let first = cache.get(store).await.expect("first read");
    assert!(!first.specializations.iter().any(|s| s == NEW_TAG));

    add_mentor_offering_new_tag(store, "vocabulary@example.com", "Vera Vocab").await;
    let at_hand = cache.get(store).await.expect("at hand");
    assert!(
        Arc::ptr_eq(&first, &at_hand),
        "the old copy, without waiting for a read"
    );

    let vocabulary = until_new_tag_offered(&cache, store)
        .await
        .expect("the background read brought the new specialization");
    assert!(vocabulary.words.iter().any(|w| w == "quantum"), "and the words with it");
}

/// An old copy whose profiles have not changed since it was read is kept
/// without reading them again: no scans every minute while nobody edits.
#[tokio::test]
async fn an_old_vocabulary_is_not_read_again_while_the_profiles_stand() {
    let app = TestApp::spawn().await;
    let store = &app.state.store;
    let cache = Arc::new(VocabularyCache::fresh_for(Duration::ZERO));
    let first = cache.get(store).await.expect("first read");
    for _ in 0..5 {
        let at_hand = cache.get(store).await.expect("at hand");
        assert!(Arc::ptr_eq(&first, &at_hand), "the same copy");
        // Room for a background read, had one been started.
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(cache.reads(), 1, "read once");

    add_mentor_offering_new_tag(store, "stand@example.com", "Stan Stand").await;
    assert!(
        until_new_tag_offered(&cache, store).await.is_some(),
        "a changed profile is read again"
    );
    assert_eq!(cache.reads(), 2, "once more, for the change");
}

/// However still the profiles stand, a copy is read again after the
/// longest time it may be kept: a change the counter missed costs no more.
#[tokio::test]
async fn a_vocabulary_is_read_again_after_its_longest_time_anyway() {
    let app = TestApp::spawn().await;
    let store = &app.state.store;
    let cache = Arc::new(VocabularyCache::fresh_for(Duration::ZERO).read_at_least_every(Duration::from_millis(50)));
    cache.get(store).await.expect("first read");
    assert_eq!(cache.reads(), 1);
    tokio::time::sleep(Duration::from_millis(60)).await;
    cache.get(store).await.expect("at hand");
    for _ in 0..200 {
        if cache.reads() == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(cache.reads(), 2, "read again once it was 50 ms old");
}

async fn add_mentor_offering_new_tag(store: &Store, email: &str, name: &str) {
    store
        .insert_mentors_bulk(&[seed_mentor(email, name, &["Rust"], &[NEW_TAG])], Utc::now())
        .await
        .expect("seed");
}

/// The first copy that offers `NEW_TAG`, asking for two seconds.
async fn until_new_tag_offered(cache: &Arc<VocabularyCache>, store: &Store) -> Option<Arc<Vocabulary>> {
    for _ in 0..200 {
        let vocabulary = cache.get(store).await.expect("vocabulary");
        if vocabulary.specializations.iter().any(|s| s == NEW_TAG) {
            return Some(vocabulary);
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    None
}
