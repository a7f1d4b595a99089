//! Several chat messages written by one PostgreSQL statement. Each send
//! is otherwise a statement and a commit of its own, and the write is about
//! 40 % of a send's cost under load (BENCHMARKS.md); sends that arrive
//! together share one (`services/chat/batches.rs` gathers them). The
//! statement does what `Store::add_message` does for each message, over
//! arrays: the messages, each conversation's last-message time and its
//! senders' read markers (the latest of the batch), the notifications and
//! the unread-message email jobs (a duplicate key is skipped, as alone).

use uuid::Uuid;

use crate::job_changes::NewJob;
use crate::notifications::NewNotification;
use crate::{Backend, NewMessage, Store, StoreError, StoreResult};

const BATCH_INSERT: &str = "WITH v AS ( \
       SELECT * FROM unnest(CAST($1 AS UUID[]), CAST($2 AS UUID[]), CAST($3 AS UUID[]), CAST($4 AS TEXT[]), \
         CAST($5 AS TIMESTAMPTZ[])) AS v(id, conversation_id, sender_id, body, created_at)), \
     m AS (INSERT INTO messages (id, conversation_id, sender_id, body, created_at) \
       SELECT id, conversation_id, sender_id, body, created_at FROM v), \
     c AS (UPDATE conversations c SET last_message_at = x.last_at, \
         a_read_at = COALESCE(x.a_at, c.a_read_at), b_read_at = COALESCE(x.b_at, c.b_read_at) \
       FROM (SELECT v.conversation_id, MAX(v.created_at) AS last_at, \
           MAX(v.created_at) FILTER (WHERE v.sender_id = k.user_a) AS a_at, \
           MAX(v.created_at) FILTER (WHERE v.sender_id = k.user_b) AS b_at \
         FROM v JOIN conversations k ON k.id = v.conversation_id GROUP BY v.conversation_id) x \
       WHERE c.id = x.conversation_id), \
     n AS (INSERT INTO notifications (id, user_id, kind, title, body, link, created_at) \
       SELECT id, user_id, kind, title, body, NULLIF(link, ''), created_at FROM unnest(CAST($6 AS UUID[]), \
         CAST($7 AS UUID[]), CAST($8 AS TEXT[]), CAST($9 AS TEXT[]), CAST($10 AS TEXT[]), CAST($11 AS TEXT[]), \
         CAST($12 AS TIMESTAMPTZ[])) AS n(id, user_id, kind, title, body, link, created_at)) \
     INSERT INTO jobs (id, kind, payload, dedup_key, status, run_at, attempts, created_at, updated_at) \
     SELECT id, kind, payload, NULLIF(dedup_key, ''), 'pending', run_at, 0, created_at, created_at \
     FROM unnest(CAST($13 AS UUID[]), CAST($14 AS TEXT[]), CAST($15 AS TEXT[]), CAST($16 AS TEXT[]), \
       CAST($17 AS TIMESTAMPTZ[]), CAST($18 AS TIMESTAMPTZ[])) AS j(id, kind, payload, dedup_key, run_at, created_at) \
     ON CONFLICT (dedup_key) WHERE dedup_key IS NOT NULL DO NOTHING";

impl Store {
    /// Writes `batch` in one statement on PostgreSQL: all of it or, on an
    /// error, none of it (the caller then writes each alone, so each send
    /// gets its own answer). SQLite writes one at a time anyway: there each
    /// message is its own transaction.
    pub async fn add_messages(&self, batch: &[&NewMessage]) -> StoreResult<()> {
        let Backend::Postgres(pool) = &self.backend else {
            for message in batch {
                self.add_message(message).await?;
            }
            return Ok(());
        };
        let notes: Vec<(&NewMessage, &NewNotification)> = batch
            .iter()
            .filter_map(|&m| Some((m, m.notification.as_ref()?)))
            .collect();
        let jobs: Vec<(&NewMessage, &NewJob)> = batch.iter().filter_map(|&m| Some((m, m.email.as_ref()?))).collect();
        sqlx::query(BATCH_INSERT)
            .bind(batch.iter().map(|m| m.id).collect::<Vec<_>>())
            .bind(batch.iter().map(|m| m.conversation_id).collect::<Vec<_>>())
            .bind(batch.iter().map(|m| m.sender_id).collect::<Vec<_>>())
            .bind(batch.iter().map(|m| m.body.as_str()).collect::<Vec<_>>())
            .bind(batch.iter().map(|m| m.at).collect::<Vec<_>>())
            .bind(notes.iter().map(|_| Uuid::new_v4()).collect::<Vec<_>>())
            .bind(notes.iter().map(|(_, n)| n.user_id).collect::<Vec<_>>())
            .bind(notes.iter().map(|(_, n)| n.kind.as_str()).collect::<Vec<_>>())
            .bind(notes.iter().map(|(_, n)| n.title.as_str()).collect::<Vec<_>>())
            .bind(notes.iter().map(|(_, n)| n.body.as_str()).collect::<Vec<_>>())
            .bind(
                notes
                    .iter()
                    .map(|(_, n)| n.link.as_deref().unwrap_or_default())
                    .collect::<Vec<_>>(),
            )
            .bind(notes.iter().map(|(m, _)| m.at).collect::<Vec<_>>())
            .bind(jobs.iter().map(|_| Uuid::new_v4()).collect::<Vec<_>>())
            .bind(jobs.iter().map(|(_, j)| j.kind.as_str()).collect::<Vec<_>>())
            .bind(jobs.iter().map(|(_, j)| j.payload.as_str()).collect::<Vec<_>>())
            .bind(
                jobs.iter()
                    .map(|(_, j)| j.dedup_key.as_deref().unwrap_or_default())
                    .collect::<Vec<_>>(),
            )
            .bind(jobs.iter().map(|(_, j)| j.run_at).collect::<Vec<_>>())
            .bind(jobs.iter().map(|(m, _)| m.at).collect::<Vec<_>>())
            .execute(pool)
            .await
            .map(|_| ())
            .map_err(StoreError::from)
    }
}
