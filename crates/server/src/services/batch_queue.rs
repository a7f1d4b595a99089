//! One task that serves what callers hand it in batches: what arrives
//! while a batch is being served goes in the next one, so a lone item is
//! served at once and a burst in a few round trips. On PostgreSQL each
//! statement costs a round trip and work in both processes whatever it
//! carries; chat sends are written and announced through queues like this
//! (`services/chat/batches.rs`, `realtime/publisher.rs`). One task serves
//! one batch at a time, so this suits work that would otherwise queue
//! anyway (commits, notifying transactions), not reads that could run
//! side by side.

use std::future::Future;
use std::sync::OnceLock;

use tokio::sync::{mpsc, oneshot};

type Pending<T, R> = (T, oneshot::Sender<R>);

pub struct BatchQueue<T, R> {
    /// At most this many items share one batch.
    max: usize,
    /// Started on first use, inside the runtime; the task ends when this
    /// is dropped.
    queue: OnceLock<mpsc::UnboundedSender<Pending<T, R>>>,
}

/// Why an item got no answer from the queue.
#[derive(Debug)]
pub enum NotServed<T> {
    /// There is no runtime to run the task in: serve it yourself.
    Returned(T),
    /// The task took it and gave no answer (it panicked, or answered its
    /// batch in part).
    Lost,
}

impl<T: Send + 'static, R: Send + 'static> BatchQueue<T, R> {
    pub fn new(max: usize) -> Self {
        Self {
            max: max.max(1),
            queue: OnceLock::new(),
        }
    }

    /// Hands `item` to the queue's task and waits for its answer. On first
    /// use the task is started with `serve()`, which gets each batch in
    /// arrival order and must answer every item of it, in the same order.
    pub async fn submit<S, F>(&self, item: T, serve: impl FnOnce() -> S) -> Result<R, NotServed<T>>
    where
        S: FnMut(Vec<T>) -> F + Send + 'static,
        F: Future<Output = Vec<R>> + Send + 'static,
    {
        if tokio::runtime::Handle::try_current().is_err() {
            return Err(NotServed::Returned(item));
        }
        let queue = self.queue.get_or_init(|| {
            let (queue, pending) = mpsc::unbounded_channel();
            tokio::spawn(run(pending, self.max, serve()));
            queue
        });
        let (done, answered) = oneshot::channel();
        if let Err(mpsc::error::SendError((item, _))) = queue.send((item, done)) {
            return Err(NotServed::Returned(item));
        }
        answered.await.map_err(|_| NotServed::Lost)
    }
}

async fn run<T, R, S, F>(mut pending: mpsc::UnboundedReceiver<Pending<T, R>>, max: usize, mut serve: S)
where
    S: FnMut(Vec<T>) -> F,
    F: Future<Output = Vec<R>>,
{
    let mut batch = Vec::with_capacity(max);
    while pending.recv_many(&mut batch, max).await > 0 {
        let (items, answers): (Vec<T>, Vec<_>) = batch.drain(..).unzip();
        let expected = answers.len();
        let results = serve(items).await;
        if results.len() != expected {
            tracing::error!(expected, answered = results.len(), "a batch was answered in part");
        }
        for (answer, result) in answers.into_iter().zip(results) {
            let _ = answer.send(result);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    use futures_util::future::join_all;

    use super::*;

    #[tokio::test]
    async fn each_caller_gets_its_own_answer_and_a_burst_shares_batches() {
        let queue = BatchQueue::<u32, u32>::new(8);
        let sizes = Arc::new(Mutex::new(Vec::new()));
        let serve = || {
            let sizes = sizes.clone();
            move |items: Vec<u32>| {
                sizes.lock().unwrap().push(items.len());
                async move {
                    tokio::time::sleep(Duration::from_millis(5)).await;
                    items.into_iter().map(|n| n * 10).collect()
                }
            }
        };
        let answers = join_all((0..20).map(|n| queue.submit(n, serve))).await;
        let answers: Vec<u32> = answers.into_iter().map(|a| a.expect("answered")).collect();
        assert_eq!(answers, (0..20).map(|n| n * 10).collect::<Vec<_>>());
        let sizes = sizes.lock().unwrap().clone();
        assert_eq!(sizes.iter().sum::<usize>(), 20, "every item served once");
        assert!(sizes.iter().all(|&s| s <= 8), "at most eight a batch: {sizes:?}");
        assert!(sizes.len() < 20, "a burst shares batches: {sizes:?}");
    }

    #[tokio::test]
    async fn an_item_left_unanswered_is_reported_lost() {
        let queue = BatchQueue::<u32, u32>::new(4);
        let answer = queue.submit(1, || |_items: Vec<u32>| async { Vec::new() }).await;
        assert!(matches!(answer, Err(NotServed::Lost)), "{answer:?}");
    }

    #[test]
    fn without_a_runtime_the_item_comes_back() {
        let queue = BatchQueue::<u32, u32>::new(4);
        let answer = futures_util::FutureExt::now_or_never(queue.submit(7, || |items: Vec<u32>| async { items }));
        assert!(matches!(answer, Some(Err(NotServed::Returned(7)))), "{answer:?}");
    }
}
