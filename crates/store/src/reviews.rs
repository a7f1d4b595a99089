//! What mentees wrote about their sessions with a mentor.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::sql::Sql;
use crate::{Store, StoreResult};

#[derive(Debug, Clone)]
pub struct ReviewRecord {
    pub rating: i32,
    pub comment: String,
    pub mentee_name: String,
    pub topic: String,
    pub created_at: DateTime<Utc>,
}

impl Store {
    /// The newest feedback with a comment for this mentor's sessions.
    pub async fn mentor_reviews(&self, mentor_id: Uuid, limit: i64) -> StoreResult<Vec<ReviewRecord>> {
        // 1:1 sessions and the group sessions they hosted.
        const SQL: &str = "SELECT rating, comment, name, topic, created_at FROM (\
             SELECT f.rating, f.comment, u.name, s.topic, f.created_at, f.session_id AS about FROM session_feedback f \
             JOIN sessions s ON s.id = f.session_id JOIN users u ON u.id = f.mentee_id \
             WHERE s.mentor_id = $1 AND f.comment IS NOT NULL AND f.comment <> '' \
             UNION ALL SELECT f.rating, f.comment, u.name, g.title, f.created_at, f.group_session_id FROM group_feedback f \
             JOIN group_sessions g ON g.id = f.group_session_id JOIN users u ON u.id = f.user_id \
             WHERE g.host_id = $1 AND f.comment IS NOT NULL AND f.comment <> '') r \
             ORDER BY created_at DESC, about LIMIT $2";
        let rows: Vec<(i32, String, String, String, DateTime<Utc>)> = self
            .read_all(&Sql::of(SQL, vec![mentor_id.into(), limit.into()]))
            .await?;
        Ok(rows
            .into_iter()
            .map(|(rating, comment, mentee_name, topic, created_at)| ReviewRecord {
                rating,
                comment,
                mentee_name,
                topic,
                created_at,
            })
            .collect())
    }
}
