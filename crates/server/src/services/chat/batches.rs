//! Chat sends that arrive together are written together on PostgreSQL
//! (`Store::add_messages`, one statement and one commit for the lot): the
//! write was about 40 % of a send's cost under load. One task writes: what
//! arrives while a batch is on its way goes in the next, so a lone send
//! is written at once and a burst in a few statements. A batch that fails
//! is written again one message at a time, so each send gets its own
//! answer. SQLite runs one write at a time anyway: there each send writes
//! alone, as before.

use std::sync::OnceLock;

use mentorhub_store::{BackendKind, NewMessage, Store, StoreError};
use tokio::sync::{mpsc, oneshot};

/// At most this many sends share one statement.
const BATCH: usize = 64;

type Pending = (NewMessage, oneshot::Sender<Result<(), StoreError>>);

#[derive(Default)]
pub struct MessageBatches {
    /// Started on first use, inside the runtime; the task ends when this
    /// is dropped.
    queue: OnceLock<mpsc::UnboundedSender<Pending>>,
}

impl MessageBatches {
    /// Writes `message` with whatever other sends are waiting; returns once
    /// it is committed.
    pub async fn write(&self, store: &Store, message: NewMessage) -> Result<(), StoreError> {
        if store.kind() != BackendKind::Postgres || tokio::runtime::Handle::try_current().is_err() {
            return store.add_message(&message).await;
        }
        let queue = self.queue.get_or_init(|| {
            let (queue, pending) = mpsc::unbounded_channel();
            tokio::spawn(write_batches(store.clone(), pending));
            queue
        });
        let (done, written) = oneshot::channel();
        if let Err(mpsc::error::SendError((message, _))) = queue.send((message, done)) {
            return store.add_message(&message).await;
        }
        // The task answers every send it takes; it ends only with `self`.
        written
            .await
            .unwrap_or_else(|_| Err(StoreError::Config("the chat writer stopped".into())))
    }
}

async fn write_batches(store: Store, mut pending: mpsc::UnboundedReceiver<Pending>) {
    let mut batch: Vec<Pending> = Vec::with_capacity(BATCH);
    while pending.recv_many(&mut batch, BATCH).await > 0 {
        let outcome = match batch.as_slice() {
            [(alone, _)] => store.add_message(alone).await,
            _ => {
                let messages: Vec<&NewMessage> = batch.iter().map(|(m, _)| m).collect();
                store.add_messages(&messages).await
            }
        };
        match outcome {
            Ok(()) => {
                for (_, done) in batch.drain(..) {
                    let _ = done.send(Ok(()));
                }
            }
            Err(err) if batch.len() > 1 => {
                tracing::warn!(error = %err, sends = batch.len(), "a batch of chat messages failed; writing each alone");
                for (message, done) in batch.drain(..) {
                    let _ = done.send(store.add_message(&message).await);
                }
            }
            Err(err) => {
                if let Some((_, done)) = batch.pop() {
                    let _ = done.send(Err(err));
                }
            }
        }
    }
}
