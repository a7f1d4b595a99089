//! A session's shared notes, agenda and recording link (both people), and
//! private notes that only their writer reads.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::sql::{Param, Sql};
use crate::{on_pool, Store, StoreResult};

impl Store {
    /// Replaces the shared notes of a session.
    pub async fn set_session_notes(&self, id: Uuid, notes: Option<&str>, now: DateTime<Utc>) -> StoreResult<()> {
        const SQL: &str = "UPDATE sessions SET notes = $2, updated_at = $3 WHERE id = $1";
        on_pool!(self, pool => sqlx::query(SQL).bind(id).bind(notes).bind(now).execute(pool).await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn set_session_agenda(&self, id: Uuid, agenda: Option<&str>, now: DateTime<Utc>) -> StoreResult<()> {
        const SQL: &str = "UPDATE sessions SET agenda = $2, updated_at = $3 WHERE id = $1";
        on_pool!(self, pool => sqlx::query(SQL).bind(id).bind(agenda).bind(now).execute(pool).await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn set_session_recording(&self, id: Uuid, url: Option<&str>, now: DateTime<Utc>) -> StoreResult<()> {
        const SQL: &str = "UPDATE sessions SET recording_url = $2, updated_at = $3 WHERE id = $1";
        on_pool!(self, pool => sqlx::query(SQL).bind(id).bind(url).bind(now).execute(pool).await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Writes (or with `None` removes) `user`'s private note on a session.
    pub async fn set_private_note(
        &self,
        session: Uuid,
        user: Uuid,
        text: Option<&str>,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        const CLEAR: &str = "DELETE FROM session_private_notes WHERE session_id = $1 AND user_id = $2";
        const SAVE: &str = "INSERT INTO session_private_notes (session_id, user_id, text, updated_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (session_id, user_id) DO UPDATE SET text = $3, updated_at = $4";
        match text {
            Some(t) => on_pool!(self, pool => sqlx::query(SAVE).bind(session).bind(user).bind(t).bind(now)
                .execute(pool).await.map(|r| r.rows_affected()))?,
            None => on_pool!(self, pool => sqlx::query(CLEAR).bind(session).bind(user).execute(pool).await
                .map(|r| r.rows_affected()))?,
        };
        Ok(())
    }

    /// `user`'s private notes on these sessions, by session (one query).
    pub async fn private_notes(
        &self,
        user: Uuid,
        sessions: &[Uuid],
    ) -> StoreResult<std::collections::HashMap<Uuid, String>> {
        if sessions.is_empty() {
            return Ok(Default::default());
        }
        let marks: Vec<String> = (0..sessions.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "SELECT session_id, text FROM session_private_notes WHERE user_id = $1 AND session_id IN ({})",
            marks.join(", ")
        );
        let params = std::iter::once(user)
            .chain(sessions.iter().copied())
            .map(Param::Uuid)
            .collect();
        let rows: Vec<(Uuid, String)> = self.read_all(&Sql::of(sql, params)).await?;
        Ok(rows.into_iter().collect())
    }

    pub async fn private_note(&self, session: Uuid, user: Uuid) -> StoreResult<Option<String>> {
        const SQL: &str = "SELECT text FROM session_private_notes WHERE session_id = $1 AND user_id = $2";
        let row: Option<(String,)> = self
            .read_optional(&Sql::of(SQL, vec![session.into(), user.into()]))
            .await?;
        Ok(row.map(|(t,)| t))
    }
}
