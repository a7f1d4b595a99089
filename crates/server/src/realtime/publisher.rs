//! Publishes events on PostgreSQL in batches. A notifying transaction holds
//! a global lock until its commit is flushed, so notifying
//! transactions run one at a time (measured with pgbench on this machine:
//! an insert and two NOTIFYs per transaction, 1,600/s; without NOTIFY,
//! 5,400/s). One task sends them: what arrives while a batch is on its
//! way goes in the next one, so a burst costs a few transactions, and a
//! lone event leaves at once. PostgreSQL delivers identical payloads of one
//! transaction once; every event we publish means the same when heard
//! twice or once (a message id, "your badge changed", "signed out").

use std::sync::OnceLock;

use mentorhub_store::Store;
use tokio::sync::{mpsc, oneshot};

/// At most this many publish calls share one transaction.
const BATCH: usize = 64;

type Pending = (Vec<String>, oneshot::Sender<bool>);

#[derive(Default)]
pub struct Publisher {
    /// Started on first use, inside the runtime; the task ends when the
    /// publisher is dropped.
    queue: OnceLock<mpsc::UnboundedSender<Pending>>,
}

impl Publisher {
    /// Publishes `payloads` (in order, with whatever else is waiting) and
    /// answers whether they went out; false on SQLite or when the database
    /// refused, and the caller delivers them itself.
    pub async fn publish(&self, store: &Store, payloads: Vec<String>) -> bool {
        if tokio::runtime::Handle::try_current().is_err() {
            return false;
        }
        let queue = self.queue.get_or_init(|| {
            let (queue, pending) = mpsc::unbounded_channel();
            tokio::spawn(send_batches(store.clone(), pending));
            queue
        });
        let (done, published) = oneshot::channel();
        if queue.send((payloads, done)).is_err() {
            return false;
        }
        published.await.unwrap_or(false)
    }
}

async fn send_batches(store: Store, mut pending: mpsc::UnboundedReceiver<Pending>) {
    let mut batch = Vec::with_capacity(BATCH);
    while pending.recv_many(&mut batch, BATCH).await > 0 {
        let payloads: Vec<String> = batch.iter().flat_map(|(p, _)| p.iter().cloned()).collect();
        match store.publish_events(&payloads).await {
            Ok(published) => {
                for (_, done) in batch.drain(..) {
                    let _ = done.send(published);
                }
            }
            // One refused payload (too long, say) must not keep the others
            // from the other instances: each caller's go again on their own.
            Err(err) if batch.len() > 1 => {
                tracing::warn!(error = %err, callers = batch.len(), "a batch of events was refused; sending each alone");
                for (payloads, done) in batch.drain(..) {
                    let _ = done.send(publish_alone(&store, &payloads).await);
                }
            }
            Err(err) => {
                log_refused(&err, payloads.len());
                for (_, done) in batch.drain(..) {
                    let _ = done.send(false);
                }
            }
        }
    }
}

async fn publish_alone(store: &Store, payloads: &[String]) -> bool {
    store.publish_events(payloads).await.unwrap_or_else(|err| {
        log_refused(&err, payloads.len());
        false
    })
}

fn log_refused(err: &mentorhub_store::StoreError, events: usize) {
    tracing::error!(error = %err, events, "could not publish events; delivering locally");
}
