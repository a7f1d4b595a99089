//! Group sessions as people see them: one host, seats, a waitlist, and who
//! may see which. Joining and leaving are in `group_seats.rs`; cancelling,
//! completing, feedback and the room's messages in `group_changes.rs`.

use chrono::{DateTime, Utc};
use mentorhub_domain::group::{Audience, MyStatus, SeatStatus};
use mentorhub_domain::session::SessionStatus;
use uuid::Uuid;

use crate::row::{sqlx_rows, DbRow, Record};
use crate::sql::{Param, Sql};
use crate::{Store, StoreResult};

#[derive(Debug, Clone, PartialEq)]
pub struct GroupRecord {
    pub id: Uuid,
    pub host_id: Uuid,
    pub host_name: String,
    pub host_headline: Option<String>,
    pub title: String,
    pub description: String,
    pub scheduled_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub duration: i32,
    pub capacity: i32,
    pub seats_taken: i32,
    pub waitlist_count: i64,
    pub audience: Audience,
    pub status: SessionStatus,
    pub meeting_url: String,
    pub cancel_reason: Option<String>,
    pub sequence: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The viewer's seat, if they have one.
    pub my_seat: Option<SeatStatus>,
    /// The viewer's rating, once given.
    pub my_rating: Option<i32>,
}

impl GroupRecord {
    /// How `viewer` relates to the session: host, seat, waitlist or none.
    pub fn status_of(&self, viewer: Uuid) -> MyStatus {
        if self.host_id == viewer {
            return MyStatus::Host;
        }
        match self.my_seat {
            Some(SeatStatus::Attending) => MyStatus::Attending,
            Some(SeatStatus::Waitlisted) => MyStatus::Waitlisted,
            None => MyStatus::None,
        }
    }
}

/// A person with a seat or a place on the waitlist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatRecord {
    pub user_id: Uuid,
    pub name: String,
    pub headline: Option<String>,
    pub status: SeatStatus,
    pub position: i64,
    pub joined_at: DateTime<Utc>,
}

/// Binds the viewer as `$1`; the viewer's seat and rating come along.
const SELECT: &str = "SELECT g.id, g.host_id, u.name AS host_name, p.headline AS host_headline, g.title, \
     g.description, g.scheduled_at, g.ends_at, g.duration, g.capacity, g.seats_taken, \
     (SELECT COUNT(*) FROM group_seats w WHERE w.group_session_id = g.id AND w.status = 'waitlisted') \
       AS waitlist_count, g.audience, g.status, g.meeting_url, g.cancel_reason, g.sequence, g.created_at, \
     g.updated_at, ms.status AS my_seat, mf.rating AS my_rating \
     FROM group_sessions g JOIN users u ON u.id = g.host_id LEFT JOIN mentor_profiles p ON p.user_id = g.host_id \
     LEFT JOIN group_seats ms ON ms.group_session_id = g.id AND ms.user_id = $1 \
     LEFT JOIN group_feedback mf ON mf.group_session_id = g.id AND mf.user_id = $1";

/// Whether the viewer (`$1`) may see the session: the host, anyone with a
/// seat, everyone for open sessions, the host's current mentees otherwise.
const VISIBLE: &str = "(g.host_id = $1 OR ms.user_id IS NOT NULL OR g.audience = 'everyone' OR EXISTS \
     (SELECT 1 FROM mentorships m WHERE m.mentor_id = g.host_id AND m.mentee_id = $1 AND m.status = 'accepted'))";

impl Record for GroupRecord {
    fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error> {
        let my_seat: Option<String> = row.col("my_seat")?;
        Ok(Self {
            id: row.col("id")?,
            host_id: row.col("host_id")?,
            host_name: row.col("host_name")?,
            host_headline: row.col("host_headline")?,
            title: row.col("title")?,
            description: row.col("description")?,
            scheduled_at: row.col("scheduled_at")?,
            ends_at: row.col("ends_at")?,
            duration: row.col("duration")?,
            capacity: row.col("capacity")?,
            seats_taken: row.col("seats_taken")?,
            waitlist_count: row.col("waitlist_count")?,
            audience: row.parsed("audience", Audience::parse)?,
            status: row.parsed("status", SessionStatus::parse)?,
            meeting_url: row.col("meeting_url")?,
            cancel_reason: row.col("cancel_reason")?,
            sequence: row.col("sequence")?,
            created_at: row.col("created_at")?,
            updated_at: row.col("updated_at")?,
            my_seat: my_seat.as_deref().and_then(SeatStatus::parse),
            my_rating: row.col("my_rating")?,
        })
    }
}
sqlx_rows!(GroupRecord);

impl Record for SeatRecord {
    fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error> {
        Ok(Self {
            user_id: row.col("user_id")?,
            name: row.col("name")?,
            headline: row.col("headline")?,
            status: row.parsed("status", SeatStatus::parse)?,
            position: row.col("position")?,
            joined_at: row.col("joined_at")?,
        })
    }
}
sqlx_rows!(SeatRecord);

/// Upcoming (not ended, still scheduled) or past (ended, cancelled or completed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupScope {
    Upcoming,
    Past,
}

/// Which group sessions to list, for one viewer.
#[derive(Debug, Clone)]
pub struct GroupQuery {
    /// `Uuid::nil()` for visitors (they see open sessions only).
    pub viewer: Uuid,
    pub scope: GroupScope,
    pub host_id: Option<Uuid>,
    /// Words that must appear in the title or description.
    pub text: Option<String>,
    /// Starting within `[from, to)`.
    pub between: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// Only those the viewer hosts or has a seat in.
    pub joined: bool,
    pub now: DateTime<Utc>,
    pub limit: i64,
    pub offset: i64,
}

impl Store {
    /// A group session as `viewer` sees it, or `None` when it does not
    /// exist or they may not see it.
    pub async fn group_session(&self, id: Uuid, viewer: Uuid) -> StoreResult<Option<GroupRecord>> {
        let sql = format!("{SELECT} WHERE g.id = $2 AND {VISIBLE}");
        self.read_optional(&Sql::of(sql.as_str(), vec![viewer.into(), id.into()]))
            .await
    }

    pub async fn list_group_sessions(&self, q: &GroupQuery) -> StoreResult<Vec<GroupRecord>> {
        let mut sql = Sql::default();
        sql.param(Param::Uuid(q.viewer));
        sql.push(SELECT).push(" WHERE ").push(VISIBLE);
        let now = sql.param(Param::Time(q.now));
        let order = match q.scope {
            GroupScope::Upcoming => {
                sql.push(&format!(" AND g.status = 'scheduled' AND g.ends_at > {now}"));
                "g.scheduled_at ASC, g.id"
            }
            GroupScope::Past => {
                sql.push(&format!(" AND (g.status <> 'scheduled' OR g.ends_at <= {now})"));
                "g.scheduled_at DESC, g.id"
            }
        };
        if let Some(host) = q.host_id {
            let p = sql.param(Param::Uuid(host));
            sql.push(&format!(" AND g.host_id = {p}"));
        }
        for word in q.text.iter().flat_map(|t| t.split_whitespace()).take(8) {
            // `\` escapes LIKE's wildcards the same way on both databases.
            let mut escaped = String::new();
            for c in word.to_lowercase().chars() {
                if matches!(c, '\\' | '%' | '_') {
                    escaped.push('\\');
                }
                escaped.push(c);
            }
            let pattern = format!("%{escaped}%");
            let a = sql.param(Param::Text(pattern.clone()));
            let b = sql.param(Param::Text(pattern));
            sql.push(&format!(
                " AND (LOWER(g.title) LIKE {a} ESCAPE '\\' OR LOWER(g.description) LIKE {b} ESCAPE '\\')"
            ));
        }
        if let Some((from, to)) = q.between {
            let f = sql.param(Param::Time(from));
            let t = sql.param(Param::Time(to));
            sql.push(&format!(" AND g.scheduled_at >= {f} AND g.scheduled_at < {t}"));
        }
        if q.joined {
            sql.push(" AND (g.host_id = $1 OR ms.user_id IS NOT NULL)");
        }
        let l = sql.param(Param::Int(q.limit + 1));
        let o = sql.param(Param::Int(q.offset));
        sql.push(&format!(" ORDER BY {order} LIMIT {l} OFFSET {o}"));
        self.read_all(&sql).await
    }

    /// Attendees, then the waitlist, each in the order they joined.
    pub async fn group_seats(&self, id: Uuid) -> StoreResult<Vec<SeatRecord>> {
        const SQL: &str = "SELECT s.user_id, u.name, p.headline, s.status, s.position, s.joined_at \
             FROM group_seats s JOIN users u ON u.id = s.user_id LEFT JOIN mentor_profiles p ON p.user_id = s.user_id \
             WHERE s.group_session_id = $1 \
             ORDER BY CASE s.status WHEN 'attending' THEN 0 ELSE 1 END, s.position";
        self.read_all(&Sql::of(SQL, vec![id.into()])).await
    }

    /// The host and attendees: who is in the room.
    pub async fn group_room_members(&self, id: Uuid) -> StoreResult<Vec<Uuid>> {
        const SQL: &str = "SELECT host_id FROM group_sessions WHERE id = $1 UNION ALL \
             SELECT user_id FROM group_seats WHERE group_session_id = $1 AND status = 'attending'";
        let rows: Vec<(Uuid,)> = self.read_all(&Sql::of(SQL, vec![id.into()])).await?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }
}
