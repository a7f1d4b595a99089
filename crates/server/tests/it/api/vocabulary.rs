//! The words mentors are found by (`services/vocabulary.rs`): read once,
//! then, when old, read again in the background while requests keep the
//! copy at hand; not read again while no profile changed, up to a longest time.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use mentorhub_server::services::vocabulary::VocabularyCache;

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

    store
        .insert_mentors_bulk(
            &[seed_mentor(
                "vocabulary@example.com",
                "Vera Vocab",
                &["Rust"],
                &[NEW_TAG],
            )],
            Utc::now(),
        )
        .await
        .expect("seed");
    let at_hand = cache.get(store).await.expect("at hand");
    assert!(
        Arc::ptr_eq(&first, &at_hand),
        "the old copy, without waiting for a read"
    );

    let mut offered = false;
    for _ in 0..200 {
        let vocabulary = cache.get(store).await.expect("vocabulary");
        if vocabulary.specializations.iter().any(|s| s == NEW_TAG) {
            assert!(vocabulary.words.iter().any(|w| w == "quantum"), "and the words with it");
            offered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(offered, "the background read brought the new specialization");
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

    store
        .insert_mentors_bulk(
            &[seed_mentor("stand@example.com", "Stan Stand", &["Rust"], &[NEW_TAG])],
            Utc::now(),
        )
        .await
        .expect("seed");
    let mut offered = false;
    for _ in 0..200 {
        if cache
            .get(store)
            .await
            .expect("vocabulary")
            .specializations
            .iter()
            .any(|s| s == NEW_TAG)
        {
            offered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(offered, "a changed profile is read again");
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
