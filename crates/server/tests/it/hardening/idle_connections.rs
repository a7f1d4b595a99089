//! A PostgreSQL connection the database dropped while it sat idle (a
//! restart, an idle timeout) is replaced before it is lent, so no request
//! meets the broken one: on the connections for single statements and on
//! the pool for transactions. (Neither pings connections it lends while
//! they are busy; both ping one that was idle.)

use mentorhub_store::{BackendKind, Store, UserChanges};
use sqlx::Connection;

use crate::harness::db::plain_user;
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
    store.migrate().await.expect("migrate");
    let user = plain_user("idle@example.com", "Idle Person");
    store.create_user(&user).await.expect("user");
    let rename = |i: usize| {
        let store = store.clone();
        async move {
            let name = format!("Idle Person {i}");
            let changes = UserChanges {
                name: Some(&name),
                timezone: None,
                interests: None,
                goals: None,
            };
            store
                .update_user(user.id, &changes, chrono::Utc::now())
                .await
                .map(|_| ())
        }
    };
    // Open a few connections of each kind (a rename is a transaction),
    // then leave them idle.
    let pings = (0..4).map(|_| store.ping());
    for ping in futures_util::future::join_all(pings).await {
        ping.expect("ping");
    }
    for renamed in futures_util::future::join_all((0..4).map(rename)).await {
        renamed.expect("rename");
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
    assert!(dropped >= 2, "both kinds of connection were idle: {dropped}");
    let _ = admin.close().await;
    // Termination is asynchronous: let the backends go.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;

    for attempt in 0..6 {
        store
            .ping()
            .await
            .unwrap_or_else(|e| panic!("statement {attempt} met a dropped connection: {e}"));
        rename(attempt)
            .await
            .unwrap_or_else(|e| panic!("transaction {attempt} met a dropped connection: {e}"));
    }
    store.close().await;
}
