//! Events that reach every instance (PostgreSQL `LISTEN/NOTIFY`); on
//! SQLite the one process delivers them itself.

use crate::{Store, StoreResult};

/// Events that reach every instance (PostgreSQL `LISTEN/NOTIFY`).
pub const EVENTS_CHANNEL: &str = "mentorhub_events";

/// Receives the payloads other instances (and this one) publish.
pub struct EventListener(sqlx::postgres::PgListener);

impl EventListener {
    pub async fn recv(&mut self) -> StoreResult<String> {
        Ok(self.0.recv().await?.payload().to_owned())
    }
}

impl Store {
    /// Broadcasts a payload to every instance; false on SQLite, where the
    /// one process delivers it itself.
    pub async fn publish_event(&self, payload: &str) -> StoreResult<bool> {
        match &self.backend {
            crate::Backend::Postgres(pool) => {
                sqlx::query("SELECT pg_notify($1, $2)")
                    .bind(EVENTS_CHANNEL)
                    .bind(payload)
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
                let mut listener = sqlx::postgres::PgListener::connect_with(pool).await?;
                listener.listen(EVENTS_CHANNEL).await?;
                Ok(Some(EventListener(listener)))
            }
            crate::Backend::Sqlite(_) => Ok(None),
        }
    }
}
