//! How SQLite tells `Changes` what each commit touched. Every connection
//! that writes (sqlx's; the reading ones of `sqlite_reads.rs` cannot) gets
//! hooks: the update hook notes the table of every changed row, the WAL
//! hook, which SQLite calls once a commit is done, moves those tables'
//! counters, and the rollback hook forgets what a rolled-back transaction
//! touched. A commit whose rows the update hook did not see (a schema
//! change, a WITHOUT ROWID table: the store has none) moves every counter.
//! SQLite also skips the hook when it empties a whole table at once (a
//! `DELETE` without `WHERE`), but only for a table without triggers and,
//! with foreign keys on (every connection of the store but the migrating
//! one), without foreign keys: every table `Changes` follows has them.
//! (An authorizer could turn that shortcut off, but the answer that does so
//! for a `DELETE` also cancels a `DROP TABLE`.)
//!
//! The WAL hook is also where SQLite checkpoints automatically; setting
//! ours replaces that: once the log has 1,000 pages, `committed` asks the
//! store's checkpoint thread (`sqlite_checkpoints.rs`), or checkpoints
//! itself as SQLite's own hook would when there is none.

use std::cell::Cell;
use std::ffi::CStr;
use std::os::raw::{c_char, c_int, c_void};
use std::sync::Arc;

use libsqlite3_sys as ffi;
use sqlx::SqliteConnection;

use crate::changes::{Changes, Table};
use crate::sqlite_checkpoints::Checkpoints;

/// SQLite's own automatic checkpoint threshold (`wal_autocheckpoint`).
const CHECKPOINT_FRAMES: c_int = 1000;
/// What a writing connection's hooks report to, kept as its client data.
pub(crate) struct Hooks {
    pub changes: Arc<Changes>,
    pub checkpoints: Option<Checkpoints>,
}

/// The name our `Hooks` are kept under on each connection.
const CLIENT_DATA: &CStr = c"mentorhub_changes";
/// A changed row of a table `Changes` does not follow.
const OTHER_TABLE: u16 = 1 << 15;

thread_local! {
    /// The tables the current transaction changed, a bit each (sqlx runs
    /// each SQLite connection on a thread of its own, where its hooks run).
    static TOUCHED: Cell<u16> = const { Cell::new(0) };
}

fn bit(table: &[u8]) -> u16 {
    Table::ALL
        .iter()
        .position(|t| t.name().as_bytes() == table)
        .map_or(OTHER_TABLE, |i| 1 << i)
}

unsafe extern "C" fn row_changed(_: *mut c_void, _: c_int, _: *const c_char, table: *const c_char, _: i64) {
    // SAFETY: SQLite passes the changed table's name, NUL-terminated.
    let name = unsafe { CStr::from_ptr(table) }.to_bytes();
    TOUCHED.with(|t| t.set(t.get() | bit(name)));
}

/// Moves the counters of what the finished commit touched.
fn record(changes: &Changes, touched: u16) {
    if touched == 0 {
        changes.changed_all();
        return;
    }
    for (i, table) in Table::ALL.into_iter().enumerate() {
        if touched & (1 << i) != 0 {
            changes.changed(table);
        }
    }
}

unsafe extern "C" fn committed(
    context: *mut c_void,
    db: *mut ffi::sqlite3,
    name: *const c_char,
    frames: c_int,
) -> c_int {
    // SAFETY: `context` is the `Hooks` this connection keeps as client
    // data (see `install`); they live until the connection closes, and
    // SQLite calls no hook after that.
    let hooks = unsafe { &*(context as *const Hooks) };
    record(&hooks.changes, TOUCHED.with(|t| t.replace(0)));
    let asked = || hooks.checkpoints.as_ref().is_some_and(Checkpoints::ask);
    if frames >= CHECKPOINT_FRAMES && !asked() {
        // SAFETY: the connection and database name SQLite gave us.
        unsafe { ffi::sqlite3_wal_checkpoint(db, name) };
    }
    ffi::SQLITE_OK
}

/// A rolled-back transaction changed nothing: forget what it touched, or
/// the connection's next commit would move those counters too.
unsafe extern "C" fn rolled_back(_: *mut c_void) {
    TOUCHED.with(|t| t.set(0));
}

unsafe extern "C" fn release(context: *mut c_void) {
    // SAFETY: the pointer `install` made with `Box::into_raw`, released
    // once, when the connection closes.
    drop(unsafe { Box::from_raw(context as *mut Hooks) });
}

/// Installs the hooks on a connection, reporting to `hooks`.
pub(crate) async fn install(conn: &mut SqliteConnection, hooks: Hooks) -> Result<(), sqlx::Error> {
    let mut handle = conn.lock_handle().await?;
    let db = handle.as_raw_handle().as_ptr();
    let context = Box::into_raw(Box::new(hooks)) as *mut c_void;
    // SAFETY: `db` is this connection's open handle, locked for us by
    // `lock_handle`. The connection owns `hooks` as client data, released
    // by `release` when it closes (or at once if SQLite could not keep
    // them, in which case no hook is installed).
    unsafe {
        let rc = ffi::sqlite3_set_clientdata(db, CLIENT_DATA.as_ptr(), context, Some(release));
        if rc != ffi::SQLITE_OK {
            return Err(sqlx::Error::Protocol(format!("sqlite3_set_clientdata returned {rc}")));
        }
        ffi::sqlite3_update_hook(db, Some(row_changed), context);
        ffi::sqlite3_wal_hook(db, Some(committed), context);
        ffi::sqlite3_rollback_hook(db, Some(rolled_back), std::ptr::null_mut());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_db::TempDb;

    async fn run(db: &TempDb, sql: &str) {
        sqlx::query(sql).execute(&db.store.sqlite_transactions()).await.unwrap();
    }

    /// An in-memory database has no WAL, so no WAL hook: its commits are
    /// told by the store's pools, as on PostgreSQL.
    #[tokio::test]
    async fn without_wal_commits_are_told_too() {
        let store = crate::Store::connect("sqlite::memory:").await.unwrap();
        store.migrate().await.unwrap();
        let before = store.changes().version(&[Table::Users]);
        let now = chrono::Utc::now();
        let user = crate::NewUser {
            id: uuid::Uuid::new_v4(),
            email: "m@x".into(),
            email_normalized: "m@x".into(),
            password_hash: "!".into(),
            name: "M".into(),
            is_mentee: true,
            is_mentor: false,
            is_admin: false,
            timezone: "UTC".into(),
            now,
        };
        store.create_user(&user).await.unwrap();
        assert_ne!(store.changes().version(&[Table::Users]), before);
    }

    #[tokio::test]
    async fn commits_move_the_tables_they_wrote_and_only_those() {
        let db = TempDb::migrated().await;
        let changes = db.store.changes();
        let people = changes.version(&[Table::Users]);
        let seats = changes.version(&[Table::GroupSeats]);
        run(
            &db,
            "INSERT INTO users (id, email, email_normalized, password_hash, name, is_mentee, is_mentor, timezone, \
             created_at, updated_at) VALUES (x'00000000000000000000000000000001', 'a@x', 'a@x', '!', 'A', 1, 0, 'UTC', \
             '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')",
        )
        .await;
        assert_ne!(changes.version(&[Table::Users]), people, "an insert into users");
        assert_eq!(changes.version(&[Table::GroupSeats]), seats, "nothing of group seats");
        let people = changes.version(&[Table::Users]);
        run(
            &db,
            "INSERT INTO server_secrets (name, value, created_at) VALUES ('k', 'v', '2026-01-01')",
        )
        .await;
        assert_eq!(changes.version(&[Table::Users]), people, "a table no cache reads");
        // A transaction that fails changes nothing.
        let mut tx = db.store.sqlite_transactions().begin().await.unwrap();
        sqlx::query("UPDATE users SET name = 'B'")
            .execute(&mut *tx)
            .await
            .unwrap();
        tx.rollback().await.unwrap();
        assert_eq!(changes.version(&[Table::Users]), people, "rolled back");
        // Nor does it move anything with the connection's next commit.
        run(
            &db,
            "INSERT INTO server_secrets (name, value, created_at) VALUES ('k1', 'v', '2026-01-01')",
        )
        .await;
        assert_eq!(changes.version(&[Table::Users]), people, "the commit after a rollback");
        // Emptying a table at once is seen too: with foreign keys on, SQLite
        // deletes row by row where the update hook sees them. The other
        // write in the same commit keeps the "saw nothing, so everything"
        // rule out of it.
        let mut tx = db.store.sqlite_transactions().begin().await.unwrap();
        sqlx::query("INSERT INTO server_secrets (name, value, created_at) VALUES ('k2', 'v', '2026-01-01')")
            .execute(&mut *tx)
            .await
            .unwrap();
        sqlx::query("DELETE FROM users").execute(&mut *tx).await.unwrap();
        tx.commit().await.unwrap();
        assert_ne!(changes.version(&[Table::Users]), people, "a delete without WHERE");
    }

    #[test]
    fn a_commit_moves_what_it_touched_or_everything_when_unknown() {
        let changes = Changes::default();
        let users = changes.version(&[Table::Users]);
        let seats = changes.version(&[Table::GroupSeats]);
        record(&changes, bit(b"users") | bit(b"messages"));
        assert_ne!(changes.version(&[Table::Users]), users);
        assert_eq!(changes.version(&[Table::GroupSeats]), seats);
        record(&changes, bit(b"messages"));
        assert_eq!(changes.version(&[Table::GroupSeats]), seats, "another table only");
        record(&changes, 0);
        assert_ne!(changes.version(&[Table::GroupSeats]), seats, "unknown: everything");
    }
}
