//! Chat sends that arrive together are written together on PostgreSQL
//! (`Store::add_messages`, one statement and one commit for the lot): the
//! write was about 40 % of a send's cost under load. One task writes
//! (`services/batch_queue.rs`): what arrives while a batch is on its way
//! goes in the next, so a lone send is written at once and a burst in a
//! few statements. A batch that fails is written again one message at a
//! time, so each send gets its own answer. SQLite runs one write at a time
//! anyway: there each send writes alone, as before.
//!
//! The recipient read before the write is not batched: reads run side by
//! side on several connections, and gathering them into one task made
//! chat slower (BENCHMARKS.md).

use mentorhub_store::{BackendKind, NewMessage, Store, StoreError, StoreResult};

use crate::services::batch_queue::{BatchQueue, NotServed};

/// At most this many sends share one statement.
const BATCH: usize = 64;

pub struct MessageBatches {
    writes: BatchQueue<NewMessage, StoreResult<()>>,
}

impl Default for MessageBatches {
    fn default() -> Self {
        Self {
            writes: BatchQueue::new(BATCH),
        }
    }
}

impl MessageBatches {
    /// Writes `message` with whatever other sends are waiting; returns once
    /// it is committed.
    pub async fn write(&self, store: &Store, message: NewMessage) -> StoreResult<()> {
        if store.kind() != BackendKind::Postgres {
            return store.add_message(&message).await;
        }
        let serve = || {
            let store = store.clone();
            move |batch| write_batch(store.clone(), batch)
        };
        match self.writes.submit(message, serve).await {
            Ok(written) => written,
            Err(NotServed::Returned(message)) => store.add_message(&message).await,
            Err(NotServed::Lost) => Err(StoreError::Config("the chat writer stopped".into())),
        }
    }
}

async fn write_batch(store: Store, batch: Vec<NewMessage>) -> Vec<StoreResult<()>> {
    if let [alone] = batch.as_slice() {
        return vec![store.add_message(alone).await];
    }
    let messages: Vec<&NewMessage> = batch.iter().collect();
    match store.add_messages(&messages).await {
        Ok(()) => batch.iter().map(|_| Ok(())).collect(),
        Err(err) => {
            tracing::warn!(error = %err, sends = batch.len(), "a batch of chat messages failed; writing each alone");
            let mut written = Vec::with_capacity(batch.len());
            for message in &batch {
                written.push(store.add_message(message).await);
            }
            written
        }
    }
}
