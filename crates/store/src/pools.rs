//! The store's connections: single statements on connections of our own,
//! transactions on sqlx's pool. sqlx's pool pings every connection as it
//! comes back (a second round trip or thread hand-off per statement) to
//! flush what a dropped future left behind, above all a transaction's
//! rollback. A statement that ran to the end leaves nothing, so
//! `Statements` puts its connection straight back; one that was dropped or
//! failed is pinged first, as sqlx would, and dropped if that fails
//! (`statements.rs`).
//! `Pools` is what `on_pool!` hands a statement: an `Executor` (through
//! `Statements`) with a `begin` (through sqlx's pool) and a `finish`.
//! On PostgreSQL it also tells `Changes` when a write of this instance has
//! committed (SQLite's connections report their own, `sqlite_changes.rs`,
//! but for a database without WAL, whose hook SQLite never calls).

use std::fmt;
use std::future::Future;
use std::sync::Arc;

use futures_util::future::BoxFuture;
use futures_util::stream::BoxStream;
use futures_util::{StreamExt, TryStreamExt};
use sqlx::{Database, Describe, Either, Error, Execute, Executor, Pool, Transaction};

use crate::changes::Changes;
use crate::statements::Statements;
use crate::StoreResult;

pub(crate) struct Pools<DB: Database> {
    pub transactions: Pool<DB>,
    pub statements: Statements<DB>,
    /// Told after every committed write: on PostgreSQL, and on SQLite
    /// without WAL (with WAL, each connection's hooks tell it).
    pub writes_change: Option<Arc<Changes>>,
}

impl<DB: Database> Clone for Pools<DB> {
    fn clone(&self) -> Self {
        Self {
            transactions: self.transactions.clone(),
            statements: self.statements.clone(),
            writes_change: self.writes_change.clone(),
        }
    }
}

impl<DB: Database> fmt::Debug for Pools<DB> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pools")
            .field("transactions", &self.transactions)
            .field("statements", &self.statements.stats())
            .finish()
    }
}

impl<DB: Database> Pools<DB> {
    pub fn begin(&self) -> impl Future<Output = Result<Transaction<'static, DB>, Error>> + '_ {
        self.transactions.begin()
    }

    /// Ends a transaction: commit when the work succeeded, roll back (at
    /// once, releasing its locks) when it failed.
    pub async fn finish<T>(&self, tx: Transaction<'static, DB>, result: StoreResult<T>) -> StoreResult<T> {
        match result {
            Ok(value) => {
                tx.commit().await?;
                self.wrote();
                Ok(value)
            }
            Err(err) => {
                if let Err(rollback) = tx.rollback().await {
                    tracing::warn!(error = %rollback, "rollback failed");
                }
                Err(err)
            }
        }
    }

    /// A transaction committed; which tables it touched is not known here.
    fn wrote(&self) {
        if let Some(changes) = &self.writes_change {
            changes.changed_all();
        }
    }

    /// Connections open and idle, over both.
    pub fn stats(&self) -> (u32, usize) {
        let (open, idle) = self.statements.stats();
        (
            self.transactions.size() + open as u32,
            self.transactions.num_idle() + idle,
        )
    }

    pub async fn close(&self) {
        self.statements.close().await;
        self.transactions.close().await;
    }
}

impl<'p, DB: Database> Executor<'p> for &'_ Pools<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
{
    type Database = DB;

    /// Collects the results before yielding them, so the connection is back
    /// as soon as the statement ends (every caller reads all rows anyway).
    fn fetch_many<'e, 'q: 'e, E>(self, query: E) -> BoxStream<'e, Result<Either<DB::QueryResult, DB::Row>, Error>>
    where
        E: 'q + Execute<'q, DB>,
    {
        let statements = self.statements.clone();
        let report = self
            .writes_change
            .clone()
            .map(|changes| (changes, Written::by(query.sql())));
        futures_util::stream::once(async move {
            let mut lent = statements.lend().await?;
            let results: Vec<_> = lent.connection().fetch_many(query).try_collect().await?;
            lent.finish();
            if let Some((changes, written)) = report {
                written.tell(&changes);
            }
            Ok::<_, Error>(futures_util::stream::iter(results.into_iter().map(Ok)))
        })
        .try_flatten()
        .boxed()
    }

    fn fetch_optional<'e, 'q: 'e, E>(self, query: E) -> BoxFuture<'e, Result<Option<DB::Row>, Error>>
    where
        E: 'q + Execute<'q, DB>,
    {
        // A write reads all its rows: stopped after the first, SQLite
        // would commit it while resetting the statement, where its WAL hook
        // (what tells `Changes`, `sqlite_changes.rs`) is not called.
        if Written::by(query.sql()) != Written::Nothing {
            let rows = self.fetch_many(query);
            return Box::pin(async move {
                let all: Vec<_> = rows.try_collect().await?;
                Ok(all.into_iter().find_map(Either::right))
            });
        }
        let statements = self.statements.clone();
        Box::pin(async move {
            let mut lent = statements.lend().await?;
            let row = lent.connection().fetch_optional(query).await?;
            lent.finish();
            Ok(row)
        })
    }

    fn prepare_with<'e, 'q: 'e>(
        self,
        sql: &'q str,
        parameters: &'e [DB::TypeInfo],
    ) -> BoxFuture<'e, Result<DB::Statement<'q>, Error>> {
        let statements = self.statements.clone();
        Box::pin(async move {
            let mut lent = statements.lend().await?;
            let statement = lent.connection().prepare_with(sql, parameters).await?;
            lent.finish();
            Ok(statement)
        })
    }

    fn describe<'e, 'q: 'e>(self, sql: &'q str) -> BoxFuture<'e, Result<Describe<DB>, Error>> {
        let statements = self.statements.clone();
        Box::pin(async move {
            let mut lent = statements.lend().await?;
            let described = lent.connection().describe(sql).await?;
            lent.finish();
            Ok(described)
        })
    }
}

/// What a single statement may have changed, read from its first words.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Written {
    /// A plain `SELECT` (how every read of the store begins).
    Nothing,
    /// `INSERT INTO t` or `UPDATE t`: that table only (neither cascades,
    /// and no trigger of ours writes another table).
    Table(String),
    /// Anything else, above all a `DELETE` (foreign keys cascade) and a
    /// `WITH` of several writes.
    Unknown,
}

impl Written {
    fn by(sql: &str) -> Self {
        let mut words = sql.split_whitespace();
        let first = words.next().unwrap_or_default().to_ascii_uppercase();
        let table = match first.as_str() {
            "SELECT" => return Written::Nothing,
            "INSERT" if words.next().is_some_and(|w| w.eq_ignore_ascii_case("INTO")) => words.next(),
            "UPDATE" => words.next(),
            _ => None,
        };
        let table = table.map(|t| t.split('(').next().unwrap_or_default().to_ascii_lowercase());
        match table {
            Some(t) if !t.is_empty() => Written::Table(t),
            _ => Written::Unknown,
        }
    }

    /// Moves the counters of what the committed statement may have changed.
    fn tell(&self, changes: &Changes) {
        match self {
            Written::Nothing => {}
            Written::Table(name) => changes.changed_named(name),
            Written::Unknown => changes.changed_all(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Written;

    #[test]
    fn a_statement_says_what_it_may_change() {
        assert_eq!(Written::by("  select 1"), Written::Nothing);
        assert_eq!(Written::by("SELECT pg_notify($1, p) FROM x"), Written::Nothing);
        assert_eq!(
            Written::by("INSERT INTO demand_counts (specialization) VALUES ($1) ON CONFLICT DO NOTHING"),
            Written::Table("demand_counts".into())
        );
        assert_eq!(
            Written::by("insert into users(id) values ($1)"),
            Written::Table("users".into())
        );
        assert_eq!(
            Written::by("UPDATE Mentor_Profiles SET headline = $1"),
            Written::Table("mentor_profiles".into())
        );
        assert_eq!(Written::by("DELETE FROM conversations WHERE id = $1"), Written::Unknown);
        assert_eq!(
            Written::by("WITH m AS (INSERT INTO messages VALUES (1) RETURNING id) SELECT id FROM m"),
            Written::Unknown
        );
        assert_eq!(Written::by("SEL"), Written::Unknown);
    }
}
