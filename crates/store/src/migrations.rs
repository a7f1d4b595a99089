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
        migration_set!("sqlite": 1 "0001_accounts", 2 "0002_mentorships", 3 "0003_sessions", 4 "0004_mini", 5 "0005_chat", 6 "0006_hardening", 7 "0007_jobs", 8 "0008_mail", 9 "0009_photos", 10 "0010_groups", 11 "0011_calendars", 12 "0012_progress"),
    )
}

pub fn postgres() -> Migrator {
    migrator(
        migration_set!("postgres": 1 "0001_accounts", 2 "0002_mentorships", 3 "0003_sessions", 4 "0004_mini", 5 "0005_chat", 6 "0006_hardening", 7 "0007_jobs", 8 "0008_mail", 9 "0009_photos", 10 "0010_groups", 11 "0011_calendars", 12 "0012_progress"),
    )
}

/// The migrations of `migrator` that `keep` accepts.
pub fn only(migrator: Migrator, keep: impl Fn(&Migration) -> bool) -> Migrator {
    let kept: Vec<Migration> = migrator.iter().filter(|m| keep(m)).cloned().collect();
    self::migrator(kept)
}
