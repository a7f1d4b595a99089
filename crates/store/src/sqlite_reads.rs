//! SQLite reads stepped on the calling thread. sqlx runs each SQLite
//! connection on a thread of its own and passes every statement and every
//! row through a channel: under load a third of the server's time went to
//! those hand-offs (futex waits and wake-ups), against 2 % in SQLite itself
//! (BENCHMARKS.md). A read of the store's own kind takes microseconds, so
//! it runs where the request already is, on read-only connections of the
//! same database file (WAL: readers never wait for the writer).
//!
//! Placeholders are bound as sqlx binds them (`$n` takes the n-th value)
//! and values are encoded and decoded as sqlx does (`sqlite_values.rs`),
//! so a statement means the same on either path. Writes and transactions
//! stay on sqlx.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::{OpenFlags, Statement};

use crate::row::{decode_error, Column, DbRow, Record};
use crate::sql::Param;
use crate::sqlite_values::instant_text;
use crate::StoreError;

/// Connections kept open between reads; a read finding none opens one, so
/// as many are open as threads read at once (the runtime's workers).
const KEEP_IDLE: usize = 8;
/// Statements kept prepared per connection.
const PREPARED: usize = 128;
/// Readers wait for a lock only while SQLite rebuilds the WAL index after
/// a crash; never for the writer.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Clone)]
pub(crate) struct SqliteReads {
    shared: Arc<Shared>,
}

struct Shared {
    path: PathBuf,
    idle: Mutex<Vec<rusqlite::Connection>>,
    closed: AtomicBool,
}

impl std::fmt::Debug for SqliteReads {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteReads").field("path", &self.shared.path).finish()
    }
}

impl SqliteReads {
    /// Reads of the database file at `path` (not for in-memory databases,
    /// which another connection cannot see).
    pub fn new(path: &Path) -> Self {
        Self {
            shared: Arc::new(Shared {
                path: path.to_owned(),
                idle: Mutex::new(Vec::new()),
                closed: AtomicBool::new(false),
            }),
        }
    }

    /// Every row of a statement.
    pub fn all<T: Record>(&self, text: &str, params: &[Param]) -> Result<Vec<T>, StoreError> {
        self.with_statement(text, params, |stmt| {
            let names = column_names(stmt);
            let mut rows = stmt.raw_query();
            let mut records = Vec::new();
            while let Some(row) = rows.next()? {
                records.push(T::read(&Row { row, names: &names }).map_err(Failure::Decode)?);
            }
            Ok(records)
        })
    }

    /// The first row of a statement, if any.
    pub fn optional<T: Record>(&self, text: &str, params: &[Param]) -> Result<Option<T>, StoreError> {
        self.with_statement(text, params, |stmt| {
            let names = column_names(stmt);
            let mut rows = stmt.raw_query();
            match rows.next()? {
                Some(row) => Ok(Some(T::read(&Row { row, names: &names }).map_err(Failure::Decode)?)),
                None => Ok(None),
            }
        })
    }

    fn with_statement<T>(
        &self,
        text: &str,
        params: &[Param],
        read: impl FnOnce(&mut Statement<'_>) -> Result<T, Failure>,
    ) -> Result<T, StoreError> {
        let connection = self.take()?;
        let result = (|| {
            let mut stmt = connection.prepare_cached(text)?;
            bind(&mut stmt, params)?;
            read(&mut stmt)
        })();
        self.put_back(connection);
        result.map_err(StoreError::from)
    }

    fn take(&self) -> Result<rusqlite::Connection, StoreError> {
        if self.shared.closed.load(Ordering::Acquire) {
            return Err(StoreError::Database(sqlx::Error::PoolClosed));
        }
        if let Some(connection) = self.idle().pop() {
            return Ok(connection);
        }
        let open = || -> rusqlite::Result<rusqlite::Connection> {
            let connection = rusqlite::Connection::open_with_flags(
                &self.shared.path,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI,
            )?;
            // Only reads come here; a write by mistake fails instead of
            // bypassing the writer's transactions.
            connection.pragma_update(None, "query_only", true)?;
            connection.busy_timeout(BUSY_TIMEOUT)?;
            connection.set_prepared_statement_cache_capacity(PREPARED);
            Ok(connection)
        };
        open().map_err(|err| StoreError::from(Failure::Sqlite(err)))
    }

    fn put_back(&self, connection: rusqlite::Connection) {
        let mut idle = self.idle();
        if idle.len() < KEEP_IDLE && !self.shared.closed.load(Ordering::Acquire) {
            idle.push(connection);
        }
    }

    fn idle(&self) -> std::sync::MutexGuard<'_, Vec<rusqlite::Connection>> {
        self.shared.idle.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Closes the idle connections (those in use close when they finish).
    pub fn close(&self) {
        self.shared.closed.store(true, Ordering::Release);
        self.idle().clear();
    }

    /// Connections open and idle now.
    pub fn idle_count(&self) -> usize {
        self.idle().len()
    }
}

/// What can go wrong in a read, before it becomes a `StoreError`.
pub(crate) enum Failure {
    Sqlite(rusqlite::Error),
    Decode(sqlx::Error),
}

impl From<rusqlite::Error> for Failure {
    fn from(err: rusqlite::Error) -> Self {
        Failure::Sqlite(err)
    }
}

impl From<Failure> for StoreError {
    fn from(failure: Failure) -> Self {
        match failure {
            Failure::Sqlite(err) => StoreError::Database(sqlx::Error::Protocol(format!("sqlite read: {err}"))),
            Failure::Decode(err) => StoreError::Database(err),
        }
    }
}

/// Binds `params` as sqlx does: each `$n` (or `?n`) takes the n-th value;
/// a placeholder past the last value stays NULL.
fn bind(stmt: &mut Statement<'_>, params: &[Param]) -> Result<(), Failure> {
    for index in 1..=stmt.parameter_count() {
        let number = match stmt.parameter_name(index) {
            Some(name) => name
                .strip_prefix(['$', '?'])
                .and_then(|n| n.parse::<usize>().ok())
                .ok_or_else(|| Failure::Decode(decode_error(name, "placeholders are $1, $2, …".into())))?,
            None => index,
        };
        let Some(param) = params.get(number - 1) else { continue };
        match param {
            Param::Text(v) => stmt.raw_bind_parameter(index, v.as_str())?,
            Param::Int(v) => stmt.raw_bind_parameter(index, *v)?,
            Param::Bool(v) => stmt.raw_bind_parameter(index, i64::from(*v))?,
            Param::Uuid(v) => stmt.raw_bind_parameter(index, &v.as_bytes()[..])?,
            Param::Time(v) => stmt.raw_bind_parameter(index, instant_text(v))?,
        }
    }
    Ok(())
}

/// The statement's column names, read once: rusqlite finds a column by
/// name by asking SQLite for every name before it, for every value read.
fn column_names(stmt: &Statement<'_>) -> Vec<String> {
    stmt.column_names().into_iter().map(str::to_owned).collect()
}

struct Row<'a, 'stmt> {
    row: &'a rusqlite::Row<'stmt>,
    names: &'a [String],
}

impl DbRow for Row<'_, '_> {
    fn col<T: Column>(&self, name: &str) -> Result<T, sqlx::Error> {
        let index = self
            .names
            .iter()
            .rposition(|n| n == name)
            .ok_or_else(|| decode_error(name, "no such column".into()))?;
        let value = self
            .row
            .get_ref(index)
            .map_err(|err| decode_error(name, err.to_string()))?;
        T::from_sqlite(value).map_err(|message| decode_error(name, message))
    }

    fn at<T: Column>(&self, index: usize) -> Result<T, sqlx::Error> {
        let value = self
            .row
            .get_ref(index)
            .map_err(|err| decode_error(&index.to_string(), err.to_string()))?;
        T::from_sqlite(value).map_err(|message| decode_error(&index.to_string(), message))
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, TimeZone, Utc};
    use uuid::Uuid;

    use super::*;
    use crate::test_db::TempDb;

    /// A temporary database with one table of every kind of value.
    async fn temp_db() -> TempDb {
        let db = TempDb::sqlite().await;
        sqlx::query("CREATE TABLE t (id BLOB, at TEXT, flag INTEGER, score REAL, name TEXT)")
            .execute(&db.store.sqlite_transactions())
            .await
            .unwrap();
        db
    }

    type Values = (Uuid, DateTime<Utc>, bool, f64, Option<String>);

    #[tokio::test]
    async fn values_written_by_sqlx_read_back_the_same_on_both_paths() {
        let db = temp_db().await;
        let at = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap() + chrono::Duration::microseconds(678);
        let rows: Vec<Values> = vec![
            (Uuid::new_v4(), at, true, 4.5, Some("Zoë".into())),
            (Uuid::new_v4(), at, false, 0.0, None),
        ];
        for (id, at, flag, score, name) in &rows {
            sqlx::query("INSERT INTO t VALUES ($1, $2, $3, $4, $5)")
                .bind(id)
                .bind(at)
                .bind(flag)
                .bind(score)
                .bind(name)
                .execute(&db.store.sqlite_transactions())
                .await
                .unwrap();
        }
        let reads = SqliteReads::new(&db.path);
        const SELECT: &str = "SELECT id, at, flag, score, name FROM t ORDER BY flag DESC";
        let ours: Vec<Values> = reads.all(SELECT, &[]).unwrap();
        let theirs: Vec<Values> = sqlx::query_as(SELECT)
            .fetch_all(&db.store.sqlite_transactions())
            .await
            .unwrap();
        assert_eq!(ours, rows);
        assert_eq!(theirs, rows);
        // Values bound here compare equal to values sqlx wrote.
        let params = [Param::Uuid(rows[0].0), Param::Time(at), Param::Bool(true)];
        let found: Option<(Option<String>,)> = reads
            .optional("SELECT name FROM t WHERE id = $1 AND at = $2 AND flag = $3", &params)
            .unwrap();
        assert_eq!(found, Some((Some("Zoë".into()),)));
    }

    #[tokio::test]
    async fn placeholders_take_their_value_by_number() {
        let db = temp_db().await;
        let reads = SqliteReads::new(&db.path);
        let params = [Param::Int(7), Param::Text("b".into())];
        let row: Option<(String, i64, i64)> = reads.optional("SELECT $2, $1, $1 + 1", &params).unwrap();
        assert_eq!(row, Some(("b".into(), 7, 8)));
    }

    #[tokio::test]
    async fn a_write_on_the_read_path_fails_and_changes_nothing() {
        let db = temp_db().await;
        sqlx::query("INSERT INTO t (name) VALUES ('kept')")
            .execute(&db.store.sqlite_transactions())
            .await
            .unwrap();
        let reads = SqliteReads::new(&db.path);
        let written: Result<Vec<(String,)>, _> = reads.all("UPDATE t SET name = 'lost' RETURNING name", &[]);
        assert!(written.is_err(), "a read-only connection wrote");
        let names: Vec<(String,)> = reads.all("SELECT name FROM t", &[]).unwrap();
        assert_eq!(names, vec![("kept".to_owned(),)]);
    }

    #[tokio::test]
    async fn a_column_of_the_wrong_kind_is_an_error_not_a_default() {
        let db = temp_db().await;
        let reads = SqliteReads::new(&db.path);
        let wrong: Result<Option<(i64,)>, _> = reads.optional("SELECT 'twelve'", &[]);
        assert!(wrong.is_err());
        let missing: Result<Option<(i64,)>, _> = reads.optional("SELECT NULL", &[]);
        assert!(missing.is_err());
    }

    /// Readers beside a writer in WAL mode: every read succeeds at once
    /// and sees a count that only grows, ending at every committed row.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn reads_beside_writes_see_every_commit_and_never_wait() {
        let db = temp_db().await;
        let store = db.store.clone();
        let writer = tokio::spawn(async move {
            for i in 0..200i64 {
                sqlx::query("INSERT INTO t (score) VALUES ($1)")
                    .bind(i as f64)
                    .execute(&store.sqlite_transactions())
                    .await
                    .unwrap();
            }
        });
        let mut readers = Vec::new();
        for _ in 0..4 {
            let reads = SqliteReads::new(&db.path);
            readers.push(tokio::spawn(async move {
                let mut last = 0;
                for _ in 0..300 {
                    let (n,): (i64,) = reads.optional("SELECT COUNT(*) FROM t", &[]).unwrap().unwrap();
                    assert!(n >= last, "a read went back in time: {n} after {last}");
                    last = n;
                    tokio::task::yield_now().await;
                }
            }));
        }
        writer.await.unwrap();
        for reader in readers {
            reader.await.unwrap();
        }
        let (n,): (i64,) = SqliteReads::new(&db.path)
            .optional("SELECT COUNT(*) FROM t", &[])
            .unwrap()
            .unwrap();
        assert_eq!(n, 200);
    }

    #[tokio::test]
    async fn closed_reads_refuse_rather_than_reopen() {
        let db = temp_db().await;
        let reads = SqliteReads::new(&db.path);
        let _: Vec<(i64,)> = reads.all("SELECT 1", &[]).unwrap();
        assert_eq!(reads.idle_count(), 1);
        reads.close();
        assert_eq!(reads.idle_count(), 0);
        assert!(reads.all::<(i64,)>("SELECT 1", &[]).is_err());
    }
}
