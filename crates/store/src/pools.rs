//! The store's connections: single statements on connections of our own,
//! transactions on sqlx's pool. sqlx's pool pings every connection as it
//! comes back (a second round trip or thread hand-off per statement) to
//! flush what a dropped future left behind, above all a transaction's
//! rollback. A statement that ran to the end leaves nothing, so
//! `Statements` puts its connection straight back; one that was dropped or
//! failed is pinged first, as sqlx would, and closed if that fails.
//! `Pools` is what `on_pool!` hands a statement: an `Executor` (through
//! `Statements`) with a `begin` (through sqlx's pool).

use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use futures_util::future::BoxFuture;
use futures_util::stream::BoxStream;
use futures_util::{StreamExt, TryStreamExt};
use sqlx::{ConnectOptions, Connection, Database, Describe, Either, Error, Execute, Executor, Pool, Transaction};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

const IDLE_TIMEOUT: Duration = Duration::from_secs(600);
/// How long the check of a connection that did not finish may take (it
/// waits for a dropped statement to end) before the connection is closed.
const CHECK_TIMEOUT: Duration = Duration::from_secs(30);

/// Runs on each new connection before its first statement.
pub(crate) type Prepare<DB> = fn(&mut <DB as Database>::Connection) -> BoxFuture<'_, Result<(), Error>>;

/// How `Statements` opens and checks its connections.
pub(crate) struct StatementOptions<DB: Database> {
    pub connect: <DB::Connection as Connection>::Options,
    pub size: usize,
    pub acquire_timeout: Duration,
    /// A connection idle longer than this is pinged before it is lent (one
    /// the database dropped while idle is replaced, not lent).
    pub ping_after_idle: Option<Duration>,
    pub prepare: Prepare<DB>,
}

pub(crate) struct Pools<DB: Database> {
    pub transactions: Pool<DB>,
    pub statements: Statements<DB>,
}

impl<DB: Database> Clone for Pools<DB> {
    fn clone(&self) -> Self {
        Self {
            transactions: self.transactions.clone(),
            statements: self.statements.clone(),
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

    /// Connections open and idle, over both.
    pub fn stats(&self) -> (u32, usize) {
        let (open, idle) = self.statements.stats();
        (
            self.transactions.size() + open as u32,
            self.transactions.num_idle() + idle,
        )
    }

    pub async fn close(&self) {
        self.statements.close();
        self.transactions.close().await;
    }
}

/// Connections for statements outside transactions, lent one statement at
/// a time (the newest idle first, so the busy ones stay warm).
pub(crate) struct Statements<DB: Database> {
    shared: Arc<Shared<DB>>,
}

impl<DB: Database> Clone for Statements<DB> {
    fn clone(&self) -> Self {
        Self {
            shared: self.shared.clone(),
        }
    }
}

struct Shared<DB: Database> {
    options: StatementOptions<DB>,
    idle: Mutex<Idle<DB>>,
    permits: Arc<Semaphore>,
}

struct Idle<DB: Database> {
    connections: Vec<(DB::Connection, Instant)>,
    open: usize,
    closed: bool,
}

impl<DB: Database> Shared<DB> {
    fn idle(&self) -> MutexGuard<'_, Idle<DB>> {
        self.idle.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn put_back(&self, connection: DB::Connection) {
        let mut idle = self.idle();
        if idle.closed {
            idle.open = idle.open.saturating_sub(1);
        } else {
            idle.connections.push((connection, Instant::now()));
        }
    }

    fn forget(&self) {
        let mut idle = self.idle();
        idle.open = idle.open.saturating_sub(1);
    }
}

impl<DB: Database> Statements<DB> {
    pub fn new(options: StatementOptions<DB>) -> Self {
        let permits = Arc::new(Semaphore::new(options.size));
        let idle = Idle {
            connections: Vec::new(),
            open: 0,
            closed: false,
        };
        Self {
            shared: Arc::new(Shared {
                options,
                idle: Mutex::new(idle),
                permits,
            }),
        }
    }

    fn stats(&self) -> (usize, usize) {
        let idle = self.shared.idle();
        (idle.open, idle.connections.len())
    }

    fn close(&self) {
        self.shared.permits.close();
        let mut idle = self.shared.idle();
        idle.closed = true;
        let dropped = idle.connections.len();
        idle.connections.clear();
        idle.open = idle.open.saturating_sub(dropped);
    }

    async fn lend(&self) -> Result<Lent<DB>, Error> {
        let shared = &self.shared;
        let permit = tokio::time::timeout(shared.options.acquire_timeout, shared.permits.clone().acquire_owned())
            .await
            .map_err(|_| Error::PoolTimedOut)?
            .map_err(|_| Error::PoolClosed)?;
        let mut permit = Some(permit);
        loop {
            let found = {
                let mut idle = shared.idle();
                // The oldest idle one (at the bottom) is closed after ten
                // minutes unused, so a burst's connections do not stay open.
                if idle
                    .connections
                    .first()
                    .is_some_and(|(_, since)| since.elapsed() > IDLE_TIMEOUT)
                {
                    idle.connections.remove(0);
                    idle.open = idle.open.saturating_sub(1);
                }
                idle.connections.pop()
            };
            let Some((connection, since)) = found else {
                break;
            };
            let mut lent = Lent::new(shared.clone(), connection, permit.take());
            let stale = shared
                .options
                .ping_after_idle
                .is_some_and(|limit| since.elapsed() > limit);
            // Dropped mid-ping, `lent` pings again as it goes back.
            if stale && lent.connection().ping().await.is_err() {
                lent.connection = None;
                shared.forget();
                permit = lent.permit.take();
                continue;
            }
            return Ok(lent);
        }
        // A permit is held, so opening one more stays within `size`.
        let mut connection = shared.options.connect.connect().await?;
        (shared.options.prepare)(&mut connection).await?;
        shared.idle().open += 1;
        Ok(Lent::new(shared.clone(), connection, permit.take()))
    }
}

/// A lent connection. Marked `finished` once its statement ran to the end;
/// otherwise it is pinged before it goes back.
struct Lent<DB: Database> {
    shared: Arc<Shared<DB>>,
    connection: Option<DB::Connection>,
    finished: bool,
    // Dropped after the connection is back, so the next borrower finds it.
    permit: Option<OwnedSemaphorePermit>,
}

impl<DB: Database> Lent<DB> {
    fn new(shared: Arc<Shared<DB>>, connection: DB::Connection, permit: Option<OwnedSemaphorePermit>) -> Self {
        Self {
            shared,
            connection: Some(connection),
            finished: false,
            permit,
        }
    }

    fn connection(&mut self) -> &mut DB::Connection {
        self.connection
            .as_mut()
            .expect("a lent connection is present until dropped")
    }
}

impl<DB: Database> Drop for Lent<DB> {
    fn drop(&mut self) {
        let Some(mut connection) = self.connection.take() else {
            return;
        };
        if self.finished {
            self.shared.put_back(connection);
            return;
        }
        let (shared, permit) = (self.shared.clone(), self.permit.take());
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            shared.forget();
            return;
        };
        runtime.spawn(async move {
            match tokio::time::timeout(CHECK_TIMEOUT, connection.ping()).await {
                Ok(Ok(())) => shared.put_back(connection),
                _ => shared.forget(),
            }
            drop(permit);
        });
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
        futures_util::stream::once(async move {
            let mut lent = statements.lend().await?;
            let results: Vec<_> = lent.connection().fetch_many(query).try_collect().await?;
            lent.finished = true;
            Ok::<_, Error>(futures_util::stream::iter(results.into_iter().map(Ok)))
        })
        .try_flatten()
        .boxed()
    }

    fn fetch_optional<'e, 'q: 'e, E>(self, query: E) -> BoxFuture<'e, Result<Option<DB::Row>, Error>>
    where
        E: 'q + Execute<'q, DB>,
    {
        let statements = self.statements.clone();
        Box::pin(async move {
            let mut lent = statements.lend().await?;
            let row = lent.connection().fetch_optional(query).await?;
            lent.finished = true;
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
            lent.finished = true;
            Ok(statement)
        })
    }

    fn describe<'e, 'q: 'e>(self, sql: &'q str) -> BoxFuture<'e, Result<Describe<DB>, Error>> {
        let statements = self.statements.clone();
        Box::pin(async move {
            let mut lent = statements.lend().await?;
            let described = lent.connection().describe(sql).await?;
            lent.finished = true;
            Ok(described)
        })
    }
}
