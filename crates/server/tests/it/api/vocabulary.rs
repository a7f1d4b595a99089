//! The words mentors are found by (`services/vocabulary.rs`): read once,
//! then, when old, read again in the background while requests keep the
//! copy at hand.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use mentorhub_domain::MentorProfile;
use mentorhub_server::services::vocabulary::VocabularyCache;
use mentorhub_store::seed::SeedMentor;
use mentorhub_store::NewUser;
use uuid::Uuid;

use crate::harness::TestApp;

const NEW_TAG: &str = "Quantum gardening";

fn mentor_offering(specialization: &str) -> SeedMentor {
    let email = "vocabulary@example.com".to_owned();
    SeedMentor {
        user: NewUser {
            id: Uuid::new_v4(),
            email: email.clone(),
            email_normalized: email,
            password_hash: "unused".into(),
            name: "Vera Vocab".into(),
            is_mentee: false,
            is_mentor: true,
            is_admin: false,
            timezone: "UTC".into(),
            now: Utc::now(),
        },
        profile: MentorProfile {
            headline: "Engineer".into(),
            bio: String::new(),
            company: "Acme".into(),
            job_title: "Engineer".into(),
            expertise: vec!["Rust".into()],
            specializations: vec![specialization.into()],
            years_experience: 5,
            languages: vec![],
            accepting_mentees: true,
            max_mentees: 3,
        },
        active_mentees: 0,
        rating_sum: 0,
        rating_count: 0,
    }
}

#[tokio::test]
async fn an_old_vocabulary_is_read_again_while_requests_keep_the_copy_at_hand() {
    let app = TestApp::spawn().await;
    let store = &app.state.store;
    // Old as soon as it is read.
    let cache = Arc::new(VocabularyCache::fresh_for(Duration::ZERO));
    let first = cache.get(store).await.expect("first read");
    assert!(!first.specializations.iter().any(|s| s == NEW_TAG));

    store
        .insert_mentors_bulk(&[mentor_offering(NEW_TAG)], Utc::now())
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
