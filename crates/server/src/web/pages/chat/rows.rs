//! Conversations and messages as the messenger shows them: one timestamp
//! format (the viewer's hours and minutes) under day separators.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use mentorhub_store::{ConversationSummary, MessageRecord};
use uuid::Uuid;

use crate::web::pages::linkify::{linkify, Part};

pub struct ConversationRow {
    pub id: Uuid,
    pub other_id: Uuid,
    pub other_name: String,
    pub last: String,
    pub when: String,
    pub unread: i64,
    pub current: bool,
}

/// "20:41" today, "Mon 23 Nov" before.
pub fn short_when(at: DateTime<Utc>, tz: Tz, now: DateTime<Utc>) -> String {
    let local = at.with_timezone(&tz);
    if local.date_naive() == now.with_timezone(&tz).date_naive() {
        local.format("%H:%M").to_string()
    } else {
        local.format("%a %-d %b").to_string()
    }
}

pub fn conversation_rows(
    rows: Vec<ConversationSummary>,
    tz: Tz,
    now: DateTime<Utc>,
    current: Option<Uuid>,
) -> Vec<ConversationRow> {
    rows.into_iter()
        .map(|c| ConversationRow {
            id: c.id,
            other_id: c.other_id,
            other_name: c.other_name,
            when: c
                .last_message
                .as_ref()
                .map(|m| short_when(m.created_at, tz, now))
                .unwrap_or_default(),
            last: c
                .last_message
                .map(|m| m.body.chars().take(80).collect())
                .unwrap_or_default(),
            unread: c.unread,
            current: Some(c.id) == current,
        })
        .collect()
}

/// A message, or the separator before the first message of a day.
pub enum ThreadItem {
    Day { label: String, iso: String },
    Message(MessageRow),
}

pub struct MessageRow {
    pub id: Uuid,
    pub sender_id: Uuid,
    pub body: Vec<Part>,
    pub mine: bool,
    pub at_utc: String,
    pub time: String,
    pub full: String,
}

/// Messages oldest first, with a separator wherever the viewer's day changes.
pub fn thread(messages: Vec<MessageRecord>, me: Uuid, tz: Tz) -> Vec<ThreadItem> {
    let mut items = Vec::new();
    let mut last_day = None;
    for m in messages {
        let local = m.created_at.with_timezone(&tz);
        let day = local.date_naive();
        if last_day != Some(day) {
            items.push(ThreadItem::Day {
                label: local.format("%A %-d %B %Y").to_string(),
                iso: day.to_string(),
            });
            last_day = Some(day);
        }
        items.push(ThreadItem::Message(MessageRow {
            id: m.id,
            sender_id: m.sender_id,
            mine: m.sender_id == me,
            at_utc: m.created_at.to_rfc3339(),
            time: local.format("%H:%M").to_string(),
            full: local.format("%a %-d %b %Y, %H:%M %Z").to_string(),
            body: linkify(&m.body),
        }));
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn message(at: DateTime<Utc>, sender: Uuid) -> MessageRecord {
        MessageRecord {
            id: Uuid::new_v4(),
            conversation_id: Uuid::nil(),
            sender_id: sender,
            body: "hi".into(),
            created_at: at,
        }
    }

    #[test]
    fn days_are_separated_in_the_viewers_zone() {
        let me = Uuid::new_v4();
        // 14:30 and 15:30 UTC on one day are either side of midnight in Tokyo.
        let a = Utc.with_ymd_and_hms(2026, 11, 23, 14, 30, 0).unwrap();
        let b = Utc.with_ymd_and_hms(2026, 11, 23, 15, 30, 0).unwrap();
        let tokyo = thread(
            vec![message(a, me), message(b, Uuid::nil())],
            me,
            chrono_tz::Asia::Tokyo,
        );
        assert_eq!(tokyo.len(), 4, "two separators in Tokyo");
        let london = thread(
            vec![message(a, me), message(b, Uuid::nil())],
            me,
            chrono_tz::Europe::London,
        );
        assert_eq!(london.len(), 3, "one in London");
        match &tokyo[1] {
            ThreadItem::Message(m) => assert!(m.mine && m.time == "23:30"),
            ThreadItem::Day { .. } => panic!("a message follows the separator"),
        }
    }

    #[test]
    fn list_times_are_short() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        assert_eq!(short_when(now, chrono_tz::UTC, now), "12:00");
        assert_eq!(
            short_when(now - chrono::Duration::days(2), chrono_tz::UTC, now),
            "Sat 21 Nov"
        );
    }
}
