//! Which tables changed, as counters that only grow. A cache above the
//! store (the web layer's response cache) sums the counters of the tables a
//! read depends on before it reads, and keeps what it read only while that
//! sum is unchanged. Every committed write moves the counters of what it
//! touched, after the commit (a read that began before the commit and saw
//! the old rows is then out of date):
//! - SQLite: hooks on every writing connection see each changed row's table
//!   and move its counter once the commit is done (`sqlite_changes.rs`).
//! - PostgreSQL: a write of this instance moves every counter once it
//!   commits (`Pools`: which tables a transaction touched is not known
//!   here); statement triggers name each changed table to every instance
//!   (`pg_notify` on `CHANGES_CHANNEL`, migration 0015), and the event
//!   listener moves that table's counter (`changed_named`). A listener that
//!   lost its connection may have missed some: it moves every counter.

use std::sync::atomic::{AtomicU64, Ordering};

/// The channel PostgreSQL's triggers name changed tables on.
pub const CHANGES_CHANNEL: &str = "mentorhub_changes";

/// The tables cached reads depend on (their triggers are in migration 0015).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Users,
    MentorProfiles,
    Mentorships,
    Sessions,
    SessionFeedback,
    SessionPrivateNotes,
    GroupSessions,
    GroupSeats,
}

impl Table {
    pub const ALL: [Table; 8] = [
        Table::Users,
        Table::MentorProfiles,
        Table::Mentorships,
        Table::Sessions,
        Table::SessionFeedback,
        Table::SessionPrivateNotes,
        Table::GroupSessions,
        Table::GroupSeats,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Table::Users => "users",
            Table::MentorProfiles => "mentor_profiles",
            Table::Mentorships => "mentorships",
            Table::Sessions => "sessions",
            Table::SessionFeedback => "session_feedback",
            Table::SessionPrivateNotes => "session_private_notes",
            Table::GroupSessions => "group_sessions",
            Table::GroupSeats => "group_seats",
        }
    }

    pub fn named(name: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| t.name() == name)
    }

    fn index(self) -> usize {
        self as usize
    }
}

#[derive(Debug, Default)]
pub struct Changes {
    counters: [AtomicU64; Table::ALL.len()],
}

impl Changes {
    /// The sum of these tables' counters: it grows whenever one of them
    /// changed (counters never go down).
    pub fn version(&self, tables: &[Table]) -> u64 {
        tables
            .iter()
            .map(|t| self.counters[t.index()].load(Ordering::SeqCst))
            .fold(0, u64::wrapping_add)
    }

    pub fn changed(&self, table: Table) {
        self.counters[table.index()].fetch_add(1, Ordering::SeqCst);
    }

    /// A change of unknown extent: every cached read is out of date.
    pub fn changed_all(&self) {
        for table in Table::ALL {
            self.changed(table);
        }
    }

    /// A table named by a trigger; names of other tables are ignored.
    pub fn changed_named(&self, name: &str) {
        if let Some(table) = Table::named(name) {
            self.changed(table);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_moves_with_its_tables_only() {
        let changes = Changes::default();
        let people = changes.version(&[Table::Users, Table::MentorProfiles]);
        changes.changed(Table::Sessions);
        assert_eq!(changes.version(&[Table::Users, Table::MentorProfiles]), people);
        changes.changed_named("mentor_profiles");
        assert_ne!(changes.version(&[Table::Users, Table::MentorProfiles]), people);
        let before = changes.version(&[Table::GroupSeats]);
        changes.changed_named("messages");
        assert_eq!(changes.version(&[Table::GroupSeats]), before);
        changes.changed_all();
        assert_ne!(changes.version(&[Table::GroupSeats]), before);
    }

    #[test]
    fn every_table_has_its_own_name() {
        for table in Table::ALL {
            assert_eq!(Table::named(table.name()), Some(table));
        }
    }
}
