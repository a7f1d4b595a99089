//! Events that reach every instance (PostgreSQL `LISTEN/NOTIFY`); on
//! SQLite the one process delivers them itself.

use crate::{Store, StoreResult};

/// Events that reach every instance (PostgreSQL `LISTEN/NOTIFY`).
pub const EVENTS_CHANNEL: &str = "mentorhub_events";
/// Publishes every payload of the array `$2` on channel `$1`.
const NOTIFY_ALL: &str = "SELECT pg_notify($1, p) FROM unnest(CAST($2 AS TEXT[])) AS p";

/// Receives the payloads other instances (and this one) publish.
pub struct EventListener(sqlx::postgres::PgListener);

impl EventListener {
    pub async fn recv(&mut self) -> StoreResult<String> {
        Ok(self.0.recv().await?.payload().to_owned())
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
                listener.listen(EVENTS_CHANNEL).await?;
                Ok(Some(EventListener(listener)))
            }
            crate::Backend::Sqlite(_) => Ok(None),
        }
    }
}
