//! Events published together share one NOTIFY transaction on PostgreSQL;
//! a payload PostgreSQL refuses (NOTIFY takes at most 8,000 bytes) must
//! not take the others of its batch down with it.

use std::collections::HashSet;
use std::time::Duration;

use mentorhub_server::realtime::publisher::Publisher;

use crate::harness::TestApp;

#[tokio::test]
async fn a_refused_event_does_not_sink_the_others_of_its_batch() {
    let app = TestApp::spawn().await;
    let store = &app.state.store;
    let Some(mut listener) = store.event_listener().await.expect("listen") else {
        // SQLite: one process, nothing is published.
        return;
    };
    let publisher = Publisher::default();
    let fine: Vec<String> = (0..3).map(|i| format!("{{\"batch test\":{i}}}")).collect();
    let too_long = "x".repeat(9_000);
    let calls = [
        vec![fine[0].clone()],
        vec![too_long],
        vec![fine[1].clone(), fine[2].clone()],
    ];
    let results =
        futures_util::future::join_all(calls.iter().map(|payloads| publisher.publish(store, payloads.clone()))).await;
    let published: Vec<bool> = results.iter().map(Result::is_ok).collect();
    assert_eq!(published, [true, false, true]);
    assert_eq!(
        results[1],
        Err(calls[1].clone()),
        "the refused payload comes back to be delivered here"
    );

    let mut heard = HashSet::new();
    while heard.len() < fine.len() {
        let payload = tokio::time::timeout(Duration::from_secs(5), listener.recv())
            .await
            .expect("the accepted events arrive")
            .expect("listen");
        if payload.contains("batch test") {
            heard.insert(payload);
        }
    }
    assert_eq!(heard, fine.into_iter().collect::<HashSet<_>>());
}
