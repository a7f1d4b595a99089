//! `mentorhub backup FILE` and `mentorhub restore FILE` for SQLite.

use std::path::Path;

use anyhow::Context;
use mentorhub_store::Store;

use crate::config::Config;

/// An online, consistent copy: the server may keep running.
pub async fn backup(config: &Config, file: &Path) -> anyhow::Result<()> {
    if config.database_url.starts_with("postgres") {
        anyhow::bail!("PostgreSQL databases are backed up with pg_dump and restored with pg_restore (see the README)");
    }
    let store = Store::connect(&config.database_url).await?;
    let done = store.backup_to(file).await;
    store.close().await;
    done.with_context(|| format!("could not back up to {}", file.display()))?;
    println!("Backed up to {}", file.display());
    Ok(())
}

/// Replaces the database with a checked backup and migrates it; stop the
/// server first.
pub async fn restore(config: &Config, file: &Path) -> anyhow::Result<()> {
    if config.database_url.starts_with("postgres") {
        anyhow::bail!("PostgreSQL databases are restored with pg_restore from a pg_dump file (see the README)");
    }
    mentorhub_store::backup::restore_sqlite(&config.database_url, file)
        .await
        .with_context(|| format!("could not restore {}", file.display()))?;
    let store = Store::connect(&config.database_url).await?;
    let migrated = store.migrate().await;
    store.close().await;
    migrated.context("the restored database could not be migrated")?;
    println!("Restored {}", file.display());
    Ok(())
}
