//! Backups of a SQLite database: an online, consistent copy while the
//! server runs (`VACUUM INTO`), and a checked restore into place. PostgreSQL
//! has its own tools (`pg_dump`, `pg_restore`), which the README describes.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};

use crate::{migrations, Backend, Store, StoreError, StoreResult};

const POSTGRES: &str = "backups of PostgreSQL are made with pg_dump and restored with pg_restore (see the README)";

impl Store {
    /// Writes a consistent copy of the whole database to `target`, which
    /// must not exist yet. Writers may go on meanwhile.
    pub async fn backup_to(&self, target: &Path) -> StoreResult<()> {
        let Backend::Sqlite(pool) = &self.backend else {
            return Err(StoreError::Config(POSTGRES.into()));
        };
        if target.exists() {
            return Err(StoreError::Config(format!("{} exists already", target.display())));
        }
        let path = target
            .to_str()
            .ok_or_else(|| StoreError::Config("the backup path must be valid UTF-8".into()))?;
        if self.reads.is_none() {
            // In memory: only the pool's connections reach the database.
            sqlx::query("VACUUM INTO $1").bind(path).execute(pool).await?;
            return Ok(());
        }
        // On a connection of its own: copying a large database takes a
        // while, and the store's one connection for single statements
        // (lib.rs) stays free for writes meanwhile.
        let mut conn = pool.transactions.connect_options().connect().await?;
        let result = sqlx::query("VACUUM INTO $1").bind(path).execute(&mut conn).await;
        let _ = conn.close().await;
        result?;
        Ok(())
    }
}

/// Checks that `backup` is an intact Mentorhub SQLite database no newer
/// than this program, then puts it in place of the database at `url`
/// (which no server may be using). The caller migrates afterwards, so an
/// older backup is brought up to date.
pub async fn restore_sqlite(url: &str, backup: &Path) -> StoreResult<()> {
    if !url.starts_with("sqlite:") {
        return Err(StoreError::Config(POSTGRES.into()));
    }
    let target: PathBuf = SqliteConnectOptions::from_str(url)?.get_filename().to_path_buf();
    check_backup(backup).await?;
    let staging = target.with_extension("restoring");
    std::fs::copy(backup, &staging).map_err(|e| StoreError::Config(format!("could not copy the backup: {e}")))?;
    for suffix in ["-wal", "-shm"] {
        let mut side = target.clone().into_os_string();
        side.push(suffix);
        let _ = std::fs::remove_file(side);
    }
    std::fs::rename(&staging, &target)
        .map_err(|e| StoreError::Config(format!("could not move the backup into place: {e}")))?;
    Ok(())
}

async fn check_backup(backup: &Path) -> StoreResult<()> {
    if !backup.is_file() {
        return Err(StoreError::Config(format!("{} is not a file", backup.display())));
    }
    let mut conn = SqliteConnectOptions::new()
        .filename(backup)
        .read_only(true)
        .connect()
        .await
        .map_err(|e| StoreError::Config(format!("{} is not a SQLite database: {e}", backup.display())))?;
    let result = async {
        let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&mut conn)
            .await?;
        if integrity != "ok" {
            return Err(StoreError::Config(format!("the backup is damaged: {integrity}")));
        }
        let newest: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations")
            .fetch_one(&mut conn)
            .await
            .map_err(|_| StoreError::Config("the file is not a Mentorhub database".into()))?;
        let ours = migrations::sqlite().iter().map(|m| m.version).max().unwrap_or(0);
        if newest.unwrap_or(0) > ours {
            return Err(StoreError::Config(
                "the backup comes from a newer Mentorhub; restore it with that version".into(),
            ));
        }
        Ok(())
    }
    .await;
    let _ = conn.close().await;
    result
}
