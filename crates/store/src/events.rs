//! Events that reach every instance (PostgreSQL `LISTEN/NOTIFY`); on
//! SQLite the one process delivers them itself.

use std::sync::Arc;

use crate::changes::{Changes, CHANGES_CHANNEL};
use crate::{Store, StoreResult};

/// Events that reach every instance (PostgreSQL `LISTEN/NOTIFY`).
pub const EVENTS_CHANNEL: &str = "mentorhub_events";
/// Publishes every payload of the array `$2` on channel `$1`.
const NOTIFY_ALL: &str = "SELECT pg_notify($1, p) FROM unnest(CAST($2 AS TEXT[])) AS p";

/// Receives the payloads other instances (and this one) publish. It also
/// hears which tables changed (`changes.rs`) and tells the store's
/// `Changes`; while it is not connected it may miss some, so losing the
/// connection counts as a change of everything.
pub struct EventListener {
    listener: sqlx::postgres::PgListener,
    changes: Arc<Changes>,
}

impl EventListener {
    /// The next event's payload (reconnecting when the connection was lost).
    pub async fn recv(&mut self) -> StoreResult<String> {
        loop {
            match self.listener.try_recv().await? {
                Some(notice) if notice.channel() == CHANGES_CHANNEL => self.changes.changed_named(notice.payload()),
                Some(notice) => return Ok(notice.payload().to_owned()),
                None => self.changes.changed_all(),
            }
        }
    }
}

impl Store {
    /// Broadcasts payloads to every instance, in one transaction; false on
    /// SQLite, where the one process delivers them itself. (PostgreSQL holds
    /// a global lock from a notifying transaction's commit until it is
    /// flushed, so notifying transactions run one at a time: a few payloads
    /// in one cost about what one does.)
    pub async fn publish_events(&self, payloads: &[&str]) -> StoreResult<bool> {
        match &self.backend {
            crate::Backend::Postgres(pool) => {
                sqlx::query(NOTIFY_ALL)
                    .bind(EVENTS_CHANNEL)
                    .bind(payloads)
                    .execute(pool)
                    .await?;
                Ok(true)
            }
            crate::Backend::Sqlite(_) => Ok(false),
        }
    }

    /// A listener for published events; `None` on SQLite.
    pub async fn event_listener(&self) -> StoreResult<Option<EventListener>> {
        match &self.backend {
            crate::Backend::Postgres(pool) => {
                let mut listener = sqlx::postgres::PgListener::connect_with(&pool.transactions).await?;
                listener.listen_all([EVENTS_CHANNEL, CHANGES_CHANNEL]).await?;
                // What changed before it listened is not known.
                self.changes.changed_all();
                Ok(Some(EventListener {
                    listener,
                    changes: self.changes.clone(),
                }))
            }
            crate::Backend::Sqlite(_) => Ok(None),
        }
    }
}
