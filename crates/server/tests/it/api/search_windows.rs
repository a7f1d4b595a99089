//! Relevance over more matches than one ranked window (`RANKED_WINDOW`):
//! paging still returns every match exactly once, across the window's edge,
//! and within a window a name match and then experience come first.

use std::collections::HashSet;

use chrono::Utc;
use mentorhub_store::seed::SeedMentor;
use mentorhub_store::RANKED_WINDOW;
use serde_json::Value;

use crate::harness::db::seed_mentor;
use crate::harness::TestApp;

fn rust_mentor(i: usize, name: String) -> SeedMentor {
    let mut mentor = seed_mentor(&format!("window{i}@example.com"), &name, &["Rust"], &[]);
    mentor.profile.years_experience = (i % 40) as i32;
    mentor
}

#[tokio::test]
async fn paging_across_ranked_windows_returns_every_match_once() {
    let app = TestApp::spawn().await;
    let total = RANKED_WINDOW as usize + 37;
    // One name match, inside the first window on both databases: seeded
    // early (windows follow the order profiles were made).
    let people: Vec<SeedMentor> = (0..total)
        .map(|i| {
            let name = if i == 300 {
                "Rusty Okafor".to_owned()
            } else {
                format!("Window Mentor {i}")
            };
            rust_mentor(i, name)
        })
        .collect();
    app.state
        .store
        .insert_mentors_bulk(&people, Utc::now())
        .await
        .expect("seed");

    // 70 does not divide the window, so one page straddles its edge.
    let mut first_pages = Vec::new();
    for sort in ["relevance", "rating", "experience", "responsive"] {
        let pages = all_pages(&app, sort).await;
        let ids: Vec<&str> = pages.iter().flatten().map(|m| m["id"].as_str().unwrap()).collect();
        let unique: HashSet<&str> = ids.iter().copied().collect();
        assert_eq!(ids.len(), total, "every match is listed ({sort})");
        assert_eq!(unique.len(), total, "and none twice ({sort})");
        first_pages.push(pages[0].clone());
    }
    let pages = first_pages;
    let first = &pages[0];
    let experienced = &pages[2];
    assert_eq!(experienced[0]["yearsExperience"], 39, "by experience within the window");
    assert_eq!(first[0]["name"], "Rusty Okafor", "the name match leads its window");
    let years: Vec<i64> = first[1..]
        .iter()
        .map(|m| m["yearsExperience"].as_i64().unwrap())
        .collect();
    assert!(
        years.windows(2).all(|w| w[0] >= w[1]),
        "equal matches by experience: {years:?}"
    );
    assert_eq!(years[0], 39, "the most experienced of the window first");
}

/// The same when one profile in twenty matches: on PostgreSQL the store
/// then takes each window's matches from the full-text index instead of
/// walking the key (`search_plan.rs`), and the pages must not change.
#[tokio::test]
async fn paging_is_the_same_when_matches_are_sparse() {
    let app = TestApp::spawn().await;
    let matching = RANKED_WINDOW as usize + 37;
    let people: Vec<SeedMentor> = (0..matching * 20)
        .map(|i| {
            let mut mentor = rust_mentor(i, format!("Sparse Mentor {i}"));
            if i % 20 != 0 {
                mentor.profile.expertise = vec!["Go".into()];
            }
            mentor
        })
        .collect();
    seed_in_batches(&app, &people).await;
    for sort in ["relevance", "experience"] {
        let pages = all_pages(&app, sort).await;
        let ids: HashSet<&str> = pages.iter().flatten().map(|m| m["id"].as_str().unwrap()).collect();
        assert_eq!(
            pages.iter().map(Vec::len).sum::<usize>(),
            matching,
            "every match ({sort})"
        );
        assert_eq!(ids.len(), matching, "none twice ({sort})");
    }
}

async fn seed_in_batches(app: &TestApp, people: &[SeedMentor]) {
    for batch in people.chunks(2000) {
        app.state
            .store
            .insert_mentors_bulk(batch, Utc::now())
            .await
            .expect("seed");
    }
}

async fn all_pages(app: &TestApp, sort: &str) -> Vec<Vec<Value>> {
    let mut pages = Vec::new();
    let mut path = format!("/api/mentors?q=rust&limit=70&sort={sort}");
    loop {
        let body = app.get(&path, None).await.json();
        pages.push(body["items"].as_array().unwrap().clone());
        match body["nextCursor"].as_str() {
            Some(cursor) => path = format!("/api/mentors?q=rust&limit=70&sort={sort}&cursor={cursor}"),
            None => return pages,
        }
    }
}

/// On PostgreSQL a walk is bounded by a key estimated from the first
/// profiles (`Sample::walk_bound`). Here they all match and later ones
/// one in ten, so the fourth window's bound falls short of its last
/// matches: the store must see the window came back short and read it
/// again without the bound. Without that, paging stops early.
#[tokio::test]
async fn a_walk_whose_bound_falls_short_still_pages_every_match() {
    let app = TestApp::spawn().await;
    let dense = 1000;
    let sparse = 10_000;
    let people: Vec<SeedMentor> = (0..dense + sparse)
        .map(|i| {
            let mut mentor = rust_mentor(i, format!("Thinning Mentor {i}"));
            if i >= dense && i % 10 != 0 {
                mentor.profile.expertise = vec!["Go".into()];
            }
            mentor
        })
        .collect();
    seed_in_batches(&app, &people).await;
    let matching = dense + sparse / 10;
    assert!(matching as i64 > 3 * RANKED_WINDOW, "four windows");
    let pages = all_pages(&app, "relevance").await;
    let ids: HashSet<&str> = pages.iter().flatten().map(|m| m["id"].as_str().unwrap()).collect();
    assert_eq!(pages.iter().map(Vec::len).sum::<usize>(), matching, "every match");
    assert_eq!(ids.len(), matching, "none twice");
}
