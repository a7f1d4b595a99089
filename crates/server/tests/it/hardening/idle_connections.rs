//! A PostgreSQL connection the database dropped while it sat in the pool
//! (a restart, an idle timeout) is replaced before it is lent, so no
//! request meets the broken one. (The pool no longer pings connections it
//! lends while they are busy; it does ping one that was idle.)

use mentorhub_store::{BackendKind, Store};
use sqlx::Connection;

use crate::harness::TestDb;

#[tokio::test]
async fn connections_dropped_while_idle_are_replaced_before_use() {
    let (db, url) = TestDb::create().await;
    let TestDb::Postgres { admin_url, .. } = &db else {
        // SQLite connections are files in this process; nothing drops them.
        return;
    };
    let name = format!("mh_idle_{}", uuid::Uuid::new_v4().simple());
    let store = Store::connect(&format!("{url}&application_name={name}"))
        .await
        .expect("connect");
    assert_eq!(store.kind(), BackendKind::Postgres);
    // Open a few connections, then leave them idle.
    let pings = (0..4).map(|_| store.ping());
    for ping in futures_util::future::join_all(pings).await {
        ping.expect("ping");
    }
    tokio::time::sleep(std::time::Duration::from_millis(1300)).await;

    let mut admin = sqlx::PgConnection::connect(admin_url).await.expect("admin");
    let (dropped,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1) t",
    )
    .bind(&name)
    .fetch_one(&mut admin)
    .await
    .expect("terminate");
    assert!(dropped >= 1, "the pool held idle connections");
    let _ = admin.close().await;
    // Termination is asynchronous: let the backends go.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;

    for attempt in 0..6 {
        store
            .ping()
            .await
            .unwrap_or_else(|e| panic!("statement {attempt} met a dropped connection: {e}"));
    }
    store.close().await;
}
