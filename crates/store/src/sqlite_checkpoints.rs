//! Checkpoints off the request path. In WAL mode SQLite copies the log back
//! into the database file once it has grown past 1,000 pages, and by default
//! the connection whose commit crossed that line does it at once, fsync
//! included: one chat message in a few hundred waited for it (`walMerge`,
//! `walCheckpoint` and `fsync` were a sixth of the connection threads' time
//! under the chat load). Here a commit only asks; a thread of the store's
//! own checkpoints on a connection of its own. A passive checkpoint never
//! blocks readers or writers, so nothing waits for it.
//!
//! Under steady writes the log seldom starts over (a reader is nearly always
//! inside it), so it stays past the line and every commit asks again: the
//! thread checkpointed back to back, sorting the whole log's index each
//! time (`walMerge`), a fifth of the server's time under the chat load. It
//! now rests `REST` after each checkpoint; asks meanwhile become one.

use std::path::Path;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender, TrySendError};
use std::time::Duration;

use rusqlite::OpenFlags;

/// The least time between two checkpoints.
const REST: Duration = Duration::from_millis(100);

#[derive(Clone, Debug)]
pub(crate) struct Checkpoints {
    ask: SyncSender<()>,
}

impl Checkpoints {
    /// Starts the thread that checkpoints the database at `path` when asked;
    /// it ends when every `Checkpoints` is dropped (the store and its
    /// connections closed). `None` if no thread could be started.
    pub fn start(path: &Path) -> Option<Self> {
        // One waiting request covers every commit until it is served.
        let (ask, asked) = sync_channel(1);
        let path = path.to_owned();
        std::thread::Builder::new()
            .name("sqlite-checkpoint".into())
            .spawn(move || serve(&path, asked))
            .ok()?;
        Some(Self { ask })
    }

    /// Asks for a checkpoint; false when the thread is gone (the caller
    /// then checkpoints itself).
    pub fn ask(&self) -> bool {
        !matches!(self.ask.try_send(()), Err(TrySendError::Disconnected(())))
    }
}

fn serve(path: &Path, asked: Receiver<()>) {
    let mut connection = None;
    while asked.recv().is_ok() {
        if connection.is_none() {
            connection = open(path)
                .map_err(|err| tracing::warn!(error = %err, "could not open a connection for checkpoints"))
                .ok();
        }
        let Some(conn) = &connection else { continue };
        if let Err(err) = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())) {
            tracing::warn!(error = %err, "checkpoint failed");
            connection = None;
        }
        std::thread::sleep(REST);
    }
}

fn open(path: &Path) -> rusqlite::Result<rusqlite::Connection> {
    let conn = rusqlite::Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI,
    )?;
    conn.busy_timeout(Duration::from_secs(5))?;
    Ok(conn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_db::TempDb;

    #[tokio::test]
    async fn an_asked_checkpoint_copies_the_log_into_the_database() {
        let db = TempDb::sqlite().await;
        let pool = db.store.sqlite_transactions();
        sqlx::query("CREATE TABLE t (x BLOB)").execute(&pool).await.unwrap();
        for _ in 0..50 {
            sqlx::query("INSERT INTO t VALUES (randomblob(4000))")
                .execute(&pool)
                .await
                .unwrap();
        }
        // Under the 1,000 pages at which a commit asks: all in the log.
        let size = || std::fs::metadata(&db.path).unwrap().len();
        assert!(size() < 100_000, "the database file holds {} bytes", size());
        let checkpoints = Checkpoints::start(&db.path).unwrap();
        assert!(checkpoints.ask());
        for _ in 0..500 {
            if size() > 200_000 {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("no checkpoint: the database file holds {} bytes", size());
    }
}
