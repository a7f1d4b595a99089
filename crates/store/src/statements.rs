//! Connections for statements outside transactions (see `pools.rs`), lent
//! one statement at a time, the newest idle first so the busy ones stay
//! warm. One whose statement ran to the end goes straight back; any other
//! is pinged first (which waits out a dropped statement) and dropped if
//! that fails.

use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::{Duration, Instant};

use futures_util::future::BoxFuture;
use sqlx::{ConnectOptions, Connection, Database, Error};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Idle this long, a connection is closed (a burst's extra connections do
/// not stay open), checked every `REAP_EVERY`.
const IDLE_TIMEOUT: Duration = Duration::from_secs(600);
const REAP_EVERY: Duration = Duration::from_secs(60);
/// How long the check of a connection that did not finish may take (it
/// waits for a dropped statement to end) before the connection is closed.
const CHECK_TIMEOUT: Duration = Duration::from_secs(30);
/// How long `close` waits for lent connections to come back.
const CLOSE_WAIT: Duration = Duration::from_secs(10);

/// Runs on each new connection before its first statement.
pub(crate) type Prepare<DB> =
    Arc<dyn for<'c> Fn(&'c mut <DB as Database>::Connection) -> BoxFuture<'c, Result<(), Error>> + Send + Sync>;

/// How `Statements` opens and checks its connections.
pub(crate) struct StatementOptions<DB: Database> {
    pub connect: <DB::Connection as Connection>::Options,
    pub size: usize,
    /// For everything a lend waits on: a free connection, the ping of an
    /// idle one, opening a new one.
    pub acquire_timeout: Duration,
    /// A connection idle longer than this is pinged before it is lent (one
    /// the database dropped while idle is replaced, not lent).
    pub ping_after_idle: Option<Duration>,
    pub prepare: Prepare<DB>,
}

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
    /// Oldest first: each goes back on top.
    connections: Vec<(DB::Connection, Instant)>,
    open: usize,
}

impl<DB: Database> Shared<DB> {
    fn idle(&self) -> MutexGuard<'_, Idle<DB>> {
        self.idle.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn put_back(&self, connection: DB::Connection) {
        let mut idle = self.idle();
        // `close` closes the permits before it empties the list.
        if self.permits.is_closed() {
            idle.open = idle.open.saturating_sub(1);
        } else {
            idle.connections.push((connection, Instant::now()));
        }
    }

    fn forget(&self) {
        let mut idle = self.idle();
        idle.open = idle.open.saturating_sub(1);
    }

    /// Takes out the connections idle for longer than `limit`.
    fn take_idle(&self, limit: Duration) -> Vec<DB::Connection> {
        let mut idle = self.idle();
        let old = idle.connections.partition_point(|(_, since)| since.elapsed() > limit);
        idle.open = idle.open.saturating_sub(old);
        idle.connections.drain(..old).map(|(c, _)| c).collect()
    }
}

async fn close_all<C: Connection>(connections: Vec<C>) {
    for connection in connections {
        let _ = connection.close().await;
    }
}

impl<DB: Database> Statements<DB> {
    pub fn new(options: StatementOptions<DB>) -> Self {
        let permits = Arc::new(Semaphore::new(options.size));
        let idle = Idle {
            connections: Vec::new(),
            open: 0,
        };
        let shared = Arc::new(Shared {
            options,
            idle: Mutex::new(idle),
            permits,
        });
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(reap(Arc::downgrade(&shared)));
        }
        Self { shared }
    }

    /// Connections open and idle.
    pub fn stats(&self) -> (usize, usize) {
        let idle = self.shared.idle();
        (idle.open, idle.connections.len())
    }

    /// Waits (up to `CLOSE_WAIT`) for lent connections to come back, then
    /// closes every connection; later lends fail with `PoolClosed`.
    pub async fn close(&self) {
        let shared = &self.shared;
        let size = u32::try_from(shared.options.size).unwrap_or(u32::MAX);
        let all = tokio::time::timeout(CLOSE_WAIT, shared.permits.acquire_many(size)).await;
        shared.permits.close();
        let idle = {
            let mut idle = shared.idle();
            idle.open = idle.open.saturating_sub(idle.connections.len());
            std::mem::take(&mut idle.connections)
        };
        close_all(idle.into_iter().map(|(c, _)| c).collect()).await;
        drop(all);
    }

    pub async fn lend(&self) -> Result<Lent<DB>, Error> {
        tokio::time::timeout(self.shared.options.acquire_timeout, self.lend_now())
            .await
            .map_err(|_| Error::PoolTimedOut)?
    }

    async fn lend_now(&self) -> Result<Lent<DB>, Error> {
        let shared = &self.shared;
        let permit = shared
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| Error::PoolClosed)?;
        let mut permit = Some(permit);
        loop {
            let found = shared.idle().connections.pop();
            let Some((connection, since)) = found else {
                break;
            };
            let mut lent = Lent::new(shared.clone(), connection, permit.take());
            let stale = shared
                .options
                .ping_after_idle
                .is_some_and(|limit| since.elapsed() > limit);
            // Dropped mid-ping (the lend timed out), `lent` is checked again
            // as it goes back.
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

/// Closes connections idle past `IDLE_TIMEOUT` until the set is dropped.
async fn reap<DB: Database>(shared: Weak<Shared<DB>>) {
    loop {
        tokio::time::sleep(REAP_EVERY).await;
        let Some(shared) = shared.upgrade() else {
            return;
        };
        let old = shared.take_idle(IDLE_TIMEOUT);
        drop(shared);
        close_all(old).await;
    }
}

/// A lent connection; `finish` once its statement ran to the end.
pub(crate) struct Lent<DB: Database> {
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

    pub fn connection(&mut self) -> &mut DB::Connection {
        self.connection
            .as_mut()
            .expect("a lent connection is present until dropped")
    }

    /// The statement ran to the end: the connection goes back as it is.
    pub fn finish(&mut self) {
        self.finished = true;
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
