//! Single statements run on the store's own connections, which go back
//! without a ping when the statement ended (store/src/pools.rs). One that
//! was dropped mid-statement, or failed, is checked before it is lent
//! again: later statements get their own answers, and a connection that
//! broke under a statement is not lent again.

use std::time::Duration;

use chrono::Utc;
use mentorhub_store::{NewUser, Store};
use sqlx::Connection;
use uuid::Uuid;

use crate::harness::db::plain_user;
use crate::harness::TestDb;

fn person(i: usize) -> NewUser {
    plain_user(&format!("lane{i}@example.com"), &format!("Lane Person {i}"))
}

/// Holds the row lock (PostgreSQL) or the write lock (SQLite) on `user`
/// from a connection of its own until `release` is called.
enum Lock {
    Sqlite(sqlx::SqliteConnection),
    Postgres(sqlx::PgConnection),
}

impl Lock {
    async fn take(db: &TestDb, url: &str, user: Uuid) -> Self {
        match db {
            TestDb::Sqlite(_) => {
                let mut conn = sqlx::SqliteConnection::connect(url).await.expect("sqlite");
                sqlx::query("BEGIN IMMEDIATE").execute(&mut conn).await.expect("lock");
                Lock::Sqlite(conn)
            }
            TestDb::Postgres { .. } => {
                let mut conn = sqlx::PgConnection::connect(url).await.expect("postgres");
                sqlx::query("BEGIN").execute(&mut conn).await.expect("begin");
                sqlx::query("SELECT 1 FROM users WHERE id = $1 FOR UPDATE")
                    .bind(user)
                    .execute(&mut conn)
                    .await
                    .expect("lock");
                Lock::Postgres(conn)
            }
        }
    }

    async fn release(self) {
        match self {
            Lock::Sqlite(mut c) => sqlx::query("ROLLBACK").execute(&mut c).await.map(|_| ()),
            Lock::Postgres(mut c) => sqlx::query("ROLLBACK").execute(&mut c).await.map(|_| ()),
        }
        .expect("release");
    }
}

#[tokio::test]
async fn a_statement_dropped_while_it_waits_leaves_later_statements_their_own_answers() {
    let (db, url) = TestDb::create().await;
    let store = Store::connect(&url).await.expect("connect");
    store.migrate().await.expect("migrate");
    let people: Vec<NewUser> = (0..4).map(person).collect();
    for p in &people {
        store.create_user(p).await.expect("user");
    }
    let lock = Lock::take(&db, &url, people[0].id).await;
    // The write waits for the lock; the caller gives up on it.
    let waited = tokio::time::timeout(Duration::from_millis(200), store.touch_user(people[0].id, Utc::now())).await;
    assert!(waited.is_err(), "the write waited for the lock");
    // Meanwhile every read answers at once, for its own row (a read lent
    // the connection still busy with the write would wait behind it).
    for round in 0..3 {
        for p in &people {
            let found = tokio::time::timeout(Duration::from_secs(2), store.user_by_id(p.id))
                .await
                .unwrap_or_else(|_| panic!("round {round}: a read waited behind the dropped write"))
                .expect("read");
            assert_eq!(found.email, p.email, "round {round}");
        }
    }
    lock.release().await;
    for p in people.iter().rev() {
        assert_eq!(store.user_by_id(p.id).await.expect("read").name, p.name);
    }
    // Once the dropped write is done, no connection stays lent.
    let mut settled = false;
    for _ in 0..100 {
        let (open, idle) = store.pool_stats();
        if open as usize == idle {
            settled = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(settled, "every connection is idle again: {:?}", store.pool_stats());
    store.close().await;
}

#[tokio::test]
async fn a_connection_that_broke_under_a_statement_is_not_lent_again() {
    let (db, url) = TestDb::create().await;
    let TestDb::Postgres { admin_url, .. } = &db else {
        // SQLite connections are files in this process; nothing breaks them.
        return;
    };
    let name = format!("mh_lane_{}", Uuid::new_v4().simple());
    let store = Store::connect(&format!("{url}&application_name={name}"))
        .await
        .expect("connect");
    store.migrate().await.expect("migrate");
    let p = person(0);
    store.create_user(&p).await.expect("user");
    let lock = Lock::take(&db, &url, p.id).await;
    let write = tokio::spawn({
        let store = store.clone();
        async move { store.touch_user(p.id, Utc::now()).await }
    });
    // Once the write waits on the lock, its backend is terminated.
    let mut admin = sqlx::PgConnection::connect(admin_url).await.expect("admin");
    let mut terminated = 0;
    for _ in 0..100 {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE application_name = $1 AND wait_event_type = 'Lock') t",
        )
        .bind(&name)
        .fetch_one(&mut admin)
        .await
        .expect("terminate");
        if n > 0 {
            terminated = n;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(terminated, 1, "the waiting write's backend was found");
    assert!(write.await.expect("task").is_err(), "the write met the termination");
    lock.release().await;
    let _ = admin.close().await;
    // The newest idle connection would be the broken one, were it put back.
    for attempt in 0..4 {
        let found = store
            .user_by_id(p.id)
            .await
            .unwrap_or_else(|e| panic!("statement {attempt} met the broken connection: {e}"));
        assert_eq!(found.email, p.email);
    }
    store.close().await;
}
