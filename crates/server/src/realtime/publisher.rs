//! Publishes events on PostgreSQL in batches. A notifying transaction holds
//! a global lock until its commit is flushed, so notifying
//! transactions run one at a time (measured with pgbench on this machine:
//! an insert and two NOTIFYs per transaction, 1,600/s; without NOTIFY,
//! 5,400/s). One task sends them (`services/batch_queue.rs`), so a burst
//! costs a few transactions and a lone event leaves at once. PostgreSQL
//! delivers identical payloads of one transaction once; every event we
//! publish means the same when heard twice or once (a message id, "your
//! badge changed", "signed out").

use mentorhub_store::Store;

use crate::services::batch_queue::{BatchQueue, NotServed};

/// At most this many publish calls share one transaction.
const BATCH: usize = 64;

/// `Err` hands a caller's payloads back for it to deliver itself.
type Published = Result<(), Vec<String>>;

pub struct Publisher {
    queue: BatchQueue<Vec<String>, Published>,
}

impl Default for Publisher {
    fn default() -> Self {
        Self {
            queue: BatchQueue::new(BATCH),
        }
    }
}

impl Publisher {
    /// Publishes `payloads` (in order, with whatever else is waiting). When
    /// they could not go out (no runtime, or the database refused them),
    /// they come back and the caller delivers them itself.
    pub async fn publish(&self, store: &Store, payloads: Vec<String>) -> Published {
        let serve = || {
            let store = store.clone();
            move |batch| publish_batch(store.clone(), batch)
        };
        match self.queue.submit(payloads, serve).await {
            Ok(published) => published,
            Err(NotServed::Returned(payloads)) => Err(payloads),
            Err(NotServed::Lost) => Err(Vec::new()),
        }
    }
}

async fn publish_batch(store: Store, batch: Vec<Vec<String>>) -> Vec<Published> {
    let payloads: Vec<&str> = batch.iter().flat_map(|p| p.iter().map(String::as_str)).collect();
    let events = payloads.len();
    match store.publish_events(&payloads).await {
        Ok(true) => batch.iter().map(|_| Ok(())).collect(),
        // One refused payload (too long, say) must not keep the others
        // from the other instances: each caller's go again on their own.
        Err(err) if batch.len() > 1 => {
            tracing::warn!(error = %err, callers = batch.len(), "a batch of events was refused; sending each alone");
            let mut published = Vec::with_capacity(batch.len());
            for payloads in batch {
                published.push(publish_alone(&store, payloads).await);
            }
            published
        }
        outcome => {
            if let Err(err) = outcome {
                log_refused(&err, events);
            }
            batch.into_iter().map(Err).collect()
        }
    }
}

async fn publish_alone(store: &Store, payloads: Vec<String>) -> Published {
    let refs: Vec<&str> = payloads.iter().map(String::as_str).collect();
    match store.publish_events(&refs).await {
        Ok(true) => Ok(()),
        Ok(false) => Err(payloads),
        Err(err) => {
            log_refused(&err, payloads.len());
            Err(payloads)
        }
    }
}

fn log_refused(err: &mentorhub_store::StoreError, events: usize) {
    tracing::error!(error = %err, events, "could not publish events; delivering locally");
}
