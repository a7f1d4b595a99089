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

/// A caller's payloads, and where to say how it went: `Err` hands them
/// back for the caller to deliver itself.
type Pending = (Vec<String>, oneshot::Sender<Result<(), Vec<String>>>);

#[derive(Default)]
pub struct Publisher {
    /// Started on first use, inside the runtime; the task ends when the
    /// publisher is dropped.
    queue: OnceLock<mpsc::UnboundedSender<Pending>>,
}

impl Publisher {
    /// Publishes `payloads` (in order, with whatever else is waiting). When
    /// they could not go out (no runtime, or the database refused them),
    /// they come back and the caller delivers them itself.
    pub async fn publish(&self, store: &Store, payloads: Vec<String>) -> Result<(), Vec<String>> {
        if tokio::runtime::Handle::try_current().is_err() {
            return Err(payloads);
        }
        let queue = self.queue.get_or_init(|| {
            let (queue, pending) = mpsc::unbounded_channel();
            tokio::spawn(send_batches(store.clone(), pending));
            queue
        });
        let (done, published) = oneshot::channel();
        if let Err(mpsc::error::SendError((payloads, _))) = queue.send((payloads, done)) {
            return Err(payloads);
        }
        // The task answers every caller; it ends only with the publisher.
        published.await.unwrap_or(Err(Vec::new()))
    }
}

async fn send_batches(store: Store, mut pending: mpsc::UnboundedReceiver<Pending>) {
    let mut batch = Vec::with_capacity(BATCH);
    while pending.recv_many(&mut batch, BATCH).await > 0 {
        let payloads: Vec<&str> = batch.iter().flat_map(|(p, _)| p.iter().map(String::as_str)).collect();
        let outcome = store.publish_events(&payloads).await;
        let events = payloads.len();
        match outcome {
            Ok(true) => {
                for (_, done) in batch.drain(..) {
                    let _ = done.send(Ok(()));
                }
            }
            // One refused payload (too long, say) must not keep the others
            // from the other instances: each caller's go again on their own.
            Err(err) if batch.len() > 1 => {
                tracing::warn!(error = %err, callers = batch.len(), "a batch of events was refused; sending each alone");
                for (payloads, done) in batch.drain(..) {
                    let _ = done.send(publish_alone(&store, payloads).await);
                }
            }
            outcome => {
                if let Err(err) = outcome {
                    log_refused(&err, events);
                }
                for (payloads, done) in batch.drain(..) {
                    let _ = done.send(Err(payloads));
                }
            }
        }
    }
}

async fn publish_alone(store: &Store, payloads: Vec<String>) -> Result<(), Vec<String>> {
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
