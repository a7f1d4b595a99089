//! The one store over SQLite and PostgreSQL. SQL lives here, one module per
//! aggregate. Most statements are written once with `$n` placeholders, which
//! both sqlx drivers accept; a backend-specific arm appears only where the
//! dialects really differ.

pub mod account_data;
pub mod admin_stats;
pub mod availability;
pub mod backup;
pub mod blocks;
pub mod bookings;
pub mod calendar_feeds;
pub mod changes;
pub mod conversations;
pub mod dashboard;
pub mod demand;
mod error;
pub mod events;
pub mod external_calendars;
pub mod goals;
pub mod group_changes;
pub mod group_seats;
pub mod groups;
pub mod job_changes;
pub mod jobs;
pub mod mentor_profiles;
mod mentor_search;
pub mod mentors;
pub mod mentorships;
pub mod message_batches;
pub mod messages;
mod migrations;
pub mod mini;
pub mod moderation;
pub mod no_shows;
pub mod notifications;
pub mod outbox;
pub mod photos;
pub mod plans;
mod pools;
pub mod preferences;
pub mod programs;
pub mod rate_counters;
mod reads;
pub mod reports;
pub mod reviews;
mod row;
mod search_plan;
mod search_windows;
pub mod seed;
pub mod session_notes;
pub mod sessions;
mod sql;
mod sqlite_busy;
mod sqlite_changes;
mod sqlite_checkpoints;
mod sqlite_reads;
mod sqlite_values;
pub mod stale_requests;
mod statements;
#[cfg(test)]
mod test_db;
pub mod tokens;
pub mod users;
pub mod vocabulary;

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use changes::Changes;
use pools::Pools;
use sqlite_changes::Hooks;
use sqlite_checkpoints::Checkpoints;
use sqlite_reads::SqliteReads;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions, Postgres};
use sqlx::sqlite::{Sqlite, SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use statements::{Prepare, StatementOptions, Statements};

pub use admin_stats::StatsRows;
pub use blocks::RecipientRecord;
pub use conversations::{ConversationRecord, ConversationSummary};
pub use demand::DemandRecord;
pub use error::{ConflictKind, StoreError};
pub use events::EventListener;
pub use external_calendars::ExternalCalendarRecord;
pub use goals::{ActionRecord, AssessmentRecord, GoalRecord, NewAction};
pub use group_seats::LeaveOutcome;
pub use groups::{GroupQuery, GroupRecord, GroupScope, SeatRecord};
pub use job_changes::{JobChanges, NewJob};
pub use jobs::{JobCount, JobRecord, JobStatus};
pub use mentor_profiles::MentorProfileRecord;
pub use mentor_search::RANKED_WINDOW;
pub use mentors::{MentorCardRecord, MentorDetailRecord, MentorQuery, MentorSort};
pub use mentorships::{MentorshipCounts, MentorshipRecord, MentorshipSide};
pub use messages::{MessageRecord, NewMessage};
pub use mini::{BoardCursor, BoardFilter, MiniRequestRecord};
pub use moderation::AdminUserRecord;
pub use notifications::{NewNotification, NotificationRecord};
pub use outbox::{EmailRecord, NewEmail};
pub use photos::PhotoRecord;
pub use plans::{PlanMilestoneRecord, PlanRecord};
pub use preferences::Preference;
pub use programs::{MilestoneRecord, ProgramRecord};
pub use rate_counters::WindowCount;
pub use reports::{AuditRecord, NewReport, ReportRecord};
pub use reviews::ReviewRecord;
pub use row::{Column, DbRow};
pub use sessions::{NewSession, SessionOrigin, SessionRecord, SessionScope, SessionTotals};
pub use tokens::TokenKind;
pub use users::{NewUser, UserChanges, UserRecord};

pub type StoreResult<T> = Result<T, StoreError>;

/// The start of time, for "never read".
pub(crate) const EPOCH: chrono::DateTime<chrono::Utc> = chrono::DateTime::UNIX_EPOCH;

/// Where a "before" cursor starts when none is given: the (time, id) that
/// sorts after every row, a far-future instant both databases store and
/// compare correctly.
pub(crate) fn newest_bound(
    before: Option<(chrono::DateTime<chrono::Utc>, uuid::Uuid)>,
) -> (chrono::DateTime<chrono::Utc>, uuid::Uuid) {
    let far = chrono::DateTime::parse_from_rfc3339("9999-12-31T00:00:00Z")
        .map(|t| t.with_timezone(&chrono::Utc))
        .unwrap_or(EPOCH);
    before.unwrap_or((far, uuid::Uuid::max()))
}

#[derive(Clone, Debug)]
enum Backend {
    Sqlite(Pools<Sqlite>),
    Postgres(Pools<Postgres>),
}

/// Runs `$body` with `$pool` bound to whichever backend's `Pools` the store
/// has (an `Executor` for single statements, `begin` for transactions); the
/// body is compiled once per backend.
macro_rules! on_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match &$store.backend {
            $crate::Backend::Sqlite($pool) => $body,
            $crate::Backend::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_pool;

#[derive(Clone, Debug)]
pub struct Store {
    backend: Backend,
    /// SQLite reads on the calling thread (`sqlite_reads.rs`); none for
    /// PostgreSQL and for in-memory SQLite, whose reads go through sqlx.
    reads: Option<SqliteReads>,
    /// What committed writes changed, for caches above the store.
    changes: Arc<Changes>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackendKind {
    Sqlite,
    Postgres,
}

impl Store {
    /// Opens the connections for `url` (`sqlite://file.db` or
    /// `postgres://…`). A SQLite file is created when missing and runs in
    /// WAL mode.
    ///
    /// Single statements run on connections of our own (`pools.rs`), which
    /// go back without the ping sqlx's pool makes after every statement;
    /// transactions run on sqlx's pool. Neither pings a connection before
    /// lending it (one more round trip per statement under load), except a
    /// PostgreSQL connection that sat idle for more than a second: one that
    /// broke while idle, say through a database restart, is replaced
    /// instead of failing a request. SQLite connections do not break while
    /// idle.
    pub async fn connect(url: &str) -> StoreResult<Self> {
        const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(15);
        let mut reads = None;
        let changes = Arc::new(Changes::default());
        let backend = if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10));
            let mut checkpoints = None;
            if !in_memory(url) {
                reads = Some(SqliteReads::new(options.get_filename()));
                checkpoints = Checkpoints::start(options.get_filename());
            }
            // Every writing connection waits for the lock our way, reports
            // what its commits change and asks for checkpoints.
            let prepare: Prepare<Sqlite> = {
                let changes = changes.clone();
                Arc::new(move |conn| {
                    let hooks = Hooks {
                        changes: changes.clone(),
                        checkpoints: checkpoints.clone(),
                    };
                    Box::pin(async move {
                        sqlite_busy::install(conn).await?;
                        sqlite_changes::install(conn, hooks).await
                    })
                })
            };
            // SQLite writes one transaction at a time whatever the number
            // of connections, and a commit on one connection empties the
            // page cache of every other: so one connection for transactions
            // and, on a file (where reads have their own connections), one
            // for single statements. Four writers read their pages back
            // after each other's commits and polled the lock: chat 1,270 ->
            // 1,730 msg/s on one (BENCHMARKS.md).
            let transactions = SqlitePoolOptions::new()
                .max_connections(1)
                .acquire_timeout(ACQUIRE_TIMEOUT)
                .test_before_acquire(false)
                .after_connect({
                    let prepare = prepare.clone();
                    move |conn, _| prepare(conn)
                })
                .connect_with(options.clone())
                .await?;
            let statements = Statements::new(StatementOptions {
                connect: options,
                size: if reads.is_some() { 1 } else { 8 },
                acquire_timeout: ACQUIRE_TIMEOUT,
                ping_after_idle: None,
                prepare,
            });
            // The WAL hook tells `Changes` of each commit; without WAL (an
            // in-memory database) SQLite never calls it, so commits are
            // told as on PostgreSQL.
            let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode").fetch_one(&transactions).await?;
            let writes_change = (!mode.eq_ignore_ascii_case("wal")).then(|| changes.clone());
            Backend::Sqlite(Pools {
                transactions,
                statements,
                writes_change,
            })
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            const IDLE_PING: Duration = Duration::from_secs(1);
            let options = PgConnectOptions::from_str(url)?;
            let transactions = PgPoolOptions::new()
                .max_connections(8)
                .acquire_timeout(ACQUIRE_TIMEOUT)
                .test_before_acquire(false)
                .before_acquire(|conn, meta| {
                    Box::pin(async move {
                        if meta.idle_for > IDLE_PING {
                            sqlx::Connection::ping(conn).await?;
                        }
                        Ok(true)
                    })
                })
                .connect_with(options.clone())
                .await?;
            let statements = Statements::new(StatementOptions {
                connect: options,
                size: 12,
                acquire_timeout: ACQUIRE_TIMEOUT,
                ping_after_idle: Some(IDLE_PING),
                prepare: Arc::new(|_| Box::pin(async { Ok(()) })),
            });
            Backend::Postgres(Pools {
                transactions,
                statements,
                writes_change: Some(changes.clone()),
            })
        } else {
            return Err(StoreError::Config(
                "the database URL must start with sqlite: or postgres:".into(),
            ));
        };
        Ok(Self {
            backend,
            reads,
            changes,
        })
    }

    /// Counters of what committed writes changed (`changes.rs`).
    pub fn changes(&self) -> &Changes {
        &self.changes
    }

    pub fn kind(&self) -> BackendKind {
        match self.backend {
            Backend::Sqlite(_) => BackendKind::Sqlite,
            Backend::Postgres(_) => BackendKind::Postgres,
        }
    }

    /// Applies the embedded migrations of this backend.
    pub async fn migrate(&self) -> StoreResult<()> {
        match &self.backend {
            Backend::Sqlite(pools) => migrations::run_sqlite(&pools.transactions, migrations::sqlite()).await?,
            Backend::Postgres(pools) => migrations::postgres().run(&pools.transactions).await?,
        }
        Ok(())
    }

    /// Applies the embedded migrations up to and including `version` only:
    /// builds a database as an earlier release left it (upgrade tests).
    pub async fn migrate_up_to(&self, version: i64) -> StoreResult<()> {
        let keep = |m: &sqlx::migrate::Migration| m.version <= version;
        match &self.backend {
            Backend::Sqlite(pools) => {
                migrations::run_sqlite(&pools.transactions, migrations::only(migrations::sqlite(), keep)).await?
            }
            Backend::Postgres(pools) => {
                migrations::only(migrations::postgres(), keep)
                    .run(&pools.transactions)
                    .await?
            }
        }
        Ok(())
    }

    /// Answers when the database does.
    pub async fn ping(&self) -> StoreResult<()> {
        on_pool!(self, pool => sqlx::query("SELECT 1").execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Connections open and idle, for `/metrics`.
    pub fn pool_stats(&self) -> (u32, usize) {
        let (open, idle) = on_pool!(self, pools => pools.stats());
        // Reading connections count while idle (one in use is only so for
        // the microseconds of its statement).
        let reading = self.reads.as_ref().map_or(0, SqliteReads::idle_count);
        (open + reading as u32, idle + reading)
    }

    pub async fn close(&self) {
        if let Some(reads) = &self.reads {
            reads.close();
        }
        on_pool!(self, pools => pools.close().await)
    }
}

#[cfg(test)]
impl Store {
    /// The SQLite transaction pool, for the store's own tests.
    pub(crate) fn sqlite_transactions(&self) -> sqlx::SqlitePool {
        match &self.backend {
            Backend::Sqlite(pools) => pools.transactions.clone(),
            Backend::Postgres(_) => panic!("a SQLite store was expected"),
        }
    }
}

/// An in-memory SQLite database exists only for the connections of one
/// pool; another connection cannot open it.
fn in_memory(url: &str) -> bool {
    url.contains(":memory:") || url.contains("mode=memory")
}

/// Lists are stored as JSON arrays in a TEXT column on both backends.
pub(crate) fn encode_list(values: &[String]) -> String {
    serde_json::to_string(values).unwrap_or_else(|_| "[]".into())
}
