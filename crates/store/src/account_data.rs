//! A person's own data: everything they wrote or own, for the export, and
//! the scrub that closes an account. The row in `users` stays (renamed
//! "Deleted user", no way to sign in) so that the other side of every
//! conversation, session and review still reads whole and nothing dangles.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::sql::Sql;
use crate::{on_pool, Store, StoreError, StoreResult};

/// The name a deleted account shows under.
pub const DELETED_NAME: &str = "Deleted user";

/// Runs `$sql` with the user id bound as `$1` and maps each row tuple of
/// type `$t` to JSON with `$map`.
macro_rules! rows_json {
    ($self:ident, $user:ident, $sql:expr, $t:ty, $map:expr) => {{
        let rows: Vec<$t> = $self.read_all(&Sql::of($sql, vec![$user.into()])).await?;
        Value::Array(rows.into_iter().map($map).collect())
    }};
}

type Time = DateTime<Utc>;

impl Store {
    /// Everything `user` wrote or owns, as one JSON document.
    pub async fn export_account(&self, user: Uuid) -> StoreResult<Value> {
        let u = self.user_by_id(user).await?;
        let profile =
            rows_json!(self, user,
            "SELECT headline, bio, company, job_title, expertise, specializations, CAST(years_experience AS BIGINT), \
             languages, accepting_mentees, CAST(max_mentees AS BIGINT) FROM mentor_profiles WHERE user_id = $1",
            (String, String, String, String, String, String, i64, String, bool, i64),
            |r| json!({"headline": r.0, "bio": r.1, "company": r.2, "jobTitle": r.3, "expertise": list(&r.4),
                "specializations": list(&r.5), "yearsExperience": r.6, "languages": list(&r.7),
                "acceptingMentees": r.8, "maxMentees": r.9}));
        let availability = rows_json!(
            self,
            user,
            "SELECT timezone, weekly, overrides FROM availability WHERE mentor_id = $1",
            (String, String, String),
            |r| json!({"timezone": r.0, "weekly": parse(&r.1), "overrides": parse(&r.2)})
        );
        let mentorships = rows_json!(
            self,
            user,
            "SELECT m.id, m.status, m.message, mu.name, eu.name, m.created_at FROM mentorships m \
             JOIN users mu ON mu.id = m.mentor_id JOIN users eu ON eu.id = m.mentee_id \
             WHERE m.mentor_id = $1 OR m.mentee_id = $1 ORDER BY m.created_at",
            (Uuid, String, String, String, String, Time),
            |r| json!({"id": r.0, "status": r.1, "message": r.2, "mentor": r.3, "mentee": r.4, "createdAt": r.5})
        );
        let sessions =
            rows_json!(self, user,
            "SELECT s.id, s.topic, s.scheduled_at, CAST(s.duration AS BIGINT), s.status, s.notes, s.agenda, n.text \
             FROM sessions s LEFT JOIN session_private_notes n ON n.session_id = s.id AND n.user_id = $1 \
             WHERE s.mentor_id = $1 OR s.mentee_id = $1 ORDER BY s.scheduled_at",
            (Uuid, String, Time, i64, String, Option<String>, Option<String>, Option<String>),
            |r| json!({"id": r.0, "topic": r.1, "scheduledAt": r.2, "duration": r.3, "status": r.4, "notes": r.5,
                "agenda": r.6, "privateNote": r.7}));
        let reviews = rows_json!(self, user,
            "SELECT session_id, CAST(rating AS BIGINT), comment, created_at FROM session_feedback WHERE mentee_id = $1 \
             UNION ALL SELECT group_session_id, CAST(rating AS BIGINT), comment, created_at FROM group_feedback \
             WHERE user_id = $1",
            (Uuid, i64, Option<String>, Time),
            |r| json!({"sessionId": r.0, "rating": r.1, "comment": r.2, "createdAt": r.3}));
        let messages = rows_json!(
            self,
            user,
            "SELECT id, conversation_id, body, created_at FROM messages WHERE sender_id = $1 \
             UNION ALL SELECT id, group_session_id, body, created_at FROM group_messages WHERE sender_id = $1 \
             ORDER BY 4",
            (Uuid, Uuid, String, Time),
            |r| json!({"id": r.0, "conversationId": r.1, "body": r.2, "createdAt": r.3})
        );
        let minis = rows_json!(self, user,
            "SELECT id, title, description, status, created_at FROM mini_requests WHERE mentee_id = $1 ORDER BY created_at",
            (Uuid, String, String, String, Time),
            |r| json!({"id": r.0, "title": r.1, "description": r.2, "status": r.3, "createdAt": r.4}));
        let groups =
            rows_json!(self, user,
            "SELECT g.id, g.title, g.scheduled_at, g.status, CASE WHEN g.host_id = $1 THEN 'host' ELSE s.status END \
             FROM group_sessions g LEFT JOIN group_seats s ON s.group_session_id = g.id AND s.user_id = $1 \
             WHERE g.host_id = $1 OR s.user_id = $1 ORDER BY g.scheduled_at",
            (Uuid, String, Time, String, Option<String>),
            |r| json!({"id": r.0, "title": r.1, "scheduledAt": r.2, "status": r.3, "role": r.4}));
        let programs = rows_json!(self, user,
            "SELECT id, title, description, visibility, created_at FROM programs WHERE owner_id = $1 ORDER BY created_at",
            (Uuid, String, String, String, Time),
            |r| json!({"id": r.0, "title": r.1, "description": r.2, "visibility": r.3, "createdAt": r.4}));
        let goals = rows_json!(
            self,
            user,
            "SELECT id, mentorship_id, title, description, status, created_at FROM goals WHERE created_by = $1",
            (Uuid, Uuid, String, Option<String>, String, Time),
            |r| json!({"id": r.0, "mentorshipId": r.1, "title": r.2, "description": r.3, "status": r.4, "createdAt": r.5})
        );
        let reports = rows_json!(self, user,
            "SELECT id, subject_type, subject_id, reason, details, status, created_at FROM reports WHERE reporter_id = $1",
            (Uuid, String, Uuid, String, Option<String>, String, Time),
            |r| json!({"id": r.0, "subjectType": r.1, "subjectId": r.2, "reason": r.3, "details": r.4, "status": r.5,
                "createdAt": r.6}));
        let notifications = rows_json!(
            self,
            user,
            "SELECT kind, title, body, created_at FROM notifications WHERE user_id = $1 ORDER BY created_at",
            (String, String, String, Time),
            |r| json!({"kind": r.0, "title": r.1, "body": r.2, "createdAt": r.3})
        );
        Ok(json!({
            "account": {"id": u.id, "email": u.email, "name": u.name, "isMentee": u.is_mentee, "isMentor": u.is_mentor,
                "timezone": u.timezone, "interests": u.interests, "goals": u.goals, "createdAt": u.created_at},
            "mentorProfile": profile.as_array().and_then(|a| a.first().cloned()),
            "availability": availability.as_array().and_then(|a| a.first().cloned()),
            "mentorships": mentorships, "sessions": sessions, "reviews": reviews, "messages": messages,
            "miniRequests": minis, "groupSessions": groups, "programs": programs, "goals": goals,
            "reports": reports, "notifications": notifications,
        }))
    }

    /// Marks an account closed and revokes its tokens, before its sessions
    /// and mentorships are wound down; false when it was closed already.
    pub async fn close_account(&self, user: Uuid, now: DateTime<Utc>) -> StoreResult<bool> {
        const CLOSE: &str = "UPDATE users SET deleted_at = $2, updated_at = $2 WHERE id = $1 AND deleted_at IS NULL";
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let result = async {
                let n = sqlx::query(CLOSE).bind(user).bind(now).execute(&mut *tx).await?.rows_affected();
                sqlx::query("DELETE FROM auth_tokens WHERE user_id = $1").bind(user).execute(&mut *tx).await?;
                sqlx::query("UPDATE mentor_profiles SET listed = FALSE WHERE user_id = $1")
                    .bind(user)
                    .execute(&mut *tx)
                    .await?;
                Ok::<bool, StoreError>(n > 0)
            }
            .await;
            pool.finish(tx, result).await
        })
    }

    /// Scrubs a closed account once its sessions, mentorships and seats
    /// were ended: the name becomes "Deleted user", the email and password
    /// go, and everything only the person used is dropped.
    pub async fn scrub_account(&self, user: Uuid, now: DateTime<Utc>) -> StoreResult<bool> {
        const CLOSE: &str = "UPDATE users SET name = $2, email = $3, email_normalized = $3, password_hash = '!', \
             interests = '[]', goals = '', updated_at = $4 WHERE id = $1 AND deleted_at IS NOT NULL";
        const DROP: [&str; 11] = [
            "DELETE FROM auth_tokens WHERE user_id = $1",
            "DELETE FROM mentor_profiles WHERE user_id = $1",
            "DELETE FROM availability WHERE mentor_id = $1",
            "DELETE FROM profile_photos WHERE user_id = $1",
            "DELETE FROM notification_preferences WHERE user_id = $1",
            "DELETE FROM notifications WHERE user_id = $1",
            "DELETE FROM calendar_feeds WHERE user_id = $1",
            "DELETE FROM external_calendars WHERE user_id = $1",
            "DELETE FROM chat_presence WHERE user_id = $1",
            "DELETE FROM session_private_notes WHERE user_id = $1",
            "DELETE FROM programs WHERE owner_id = $1 AND visibility = 'private'",
        ];
        let email = format!("deleted-{}@deleted.invalid", user.simple());
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let result = async {
                let n = sqlx::query(CLOSE).bind(user).bind(DELETED_NAME).bind(&email).bind(now)
                    .execute(&mut *tx).await?.rows_affected();
                if n == 0 {
                    return Ok(false);
                }
                for sql in DROP {
                    sqlx::query(sql).bind(user).execute(&mut *tx).await?;
                }
                Ok::<bool, StoreError>(true)
            }
            .await;
            pool.finish(tx, result).await
        })
    }
}

fn list(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Array(Vec::new()))
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}
