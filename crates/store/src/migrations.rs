//! Migrations embedded in the binary, built without sqlx's macros (which
//! would compile both database drivers a second time for the proc-macro).

use std::borrow::Cow;

use sqlx::migrate::{Migration, MigrationType, Migrator};

macro_rules! migration_set {
    ($dir:literal: $($version:literal $name:literal),* $(,)?) => {
        vec![$(Migration::new(
            $version,
            Cow::Borrowed($name),
            MigrationType::Simple,
            Cow::Borrowed(include_str!(concat!("../migrations/", $dir, "/", $name, ".sql"))),
            false,
        )),*]
    };
}

fn migrator(migrations: Vec<Migration>) -> Migrator {
    Migrator {
        migrations: Cow::Owned(migrations),
        ..Migrator::DEFAULT
    }
}

pub fn sqlite() -> Migrator {
    migrator(
        migration_set!("sqlite": 1 "0001_accounts", 2 "0002_mentorships", 3 "0003_sessions", 4 "0004_mini", 5 "0005_chat", 6 "0006_hardening", 7 "0007_jobs", 8 "0008_mail", 9 "0009_photos", 10 "0010_groups", 11 "0011_calendars", 12 "0012_progress", 13 "0013_trust", 14 "0014_search_index"),
    )
}

pub fn postgres() -> Migrator {
    migrator(
        migration_set!("postgres": 1 "0001_accounts", 2 "0002_mentorships", 3 "0003_sessions", 4 "0004_mini", 5 "0005_chat", 6 "0006_hardening", 7 "0007_jobs", 8 "0008_mail", 9 "0009_photos", 10 "0010_groups", 11 "0011_calendars", 12 "0012_progress", 13 "0013_trust", 14 "0014_search_index", 15 "0015_change_notices", 16 "0016_search_key", 17 "0017_serial_search"),
    )
}

/// Runs SQLite migrations on one connection with foreign keys off: a
/// migration that rebuilds a table (SQLite cannot change a CHECK) drops the
/// old one, and with foreign keys on that drop would cascade into every row
/// that points at it. The check afterwards proves nothing was left dangling.
pub async fn run_sqlite(pool: &sqlx::SqlitePool, migrator: Migrator) -> Result<(), crate::StoreError> {
    let mut conn = pool.acquire().await?;
    sqlx::query("PRAGMA foreign_keys = OFF").execute(&mut *conn).await?;
    let ran = migrator.run(&mut *conn).await;
    let dangling: Vec<sqlx::sqlite::SqliteRow> = sqlx::query("PRAGMA foreign_key_check").fetch_all(&mut *conn).await?;
    sqlx::query("PRAGMA foreign_keys = ON").execute(&mut *conn).await?;
    ran?;
    if !dangling.is_empty() {
        return Err(crate::StoreError::Config(format!(
            "{} rows point at rows that are not there after migrating",
            dangling.len()
        )));
    }
    Ok(())
}

/// The migrations of `migrator` that `keep` accepts.
pub fn only(migrator: Migrator, keep: impl Fn(&Migration) -> bool) -> Migrator {
    let kept: Vec<Migration> = migrator.iter().filter(|m| keep(m)).cloned().collect();
    self::migrator(kept)
}
