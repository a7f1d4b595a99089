//! What templates show, prepared from store records.

use chrono::{DateTime, Utc};
use mentorhub_domain::MentorshipStatus;
use mentorhub_store::{MentorCardRecord, MentorshipRecord};
use uuid::Uuid;

use mentorhub_domain::local_time::local;

pub struct MentorCardView {
    pub id: Uuid,
    pub name: String,
    pub headline: String,
    pub expertise: Vec<String>,
    pub specializations: Vec<String>,
    pub years: i32,
    /// "4.8 (12)" when rated.
    pub rating: Option<String>,
    pub accepting: bool,
    pub timezone: String,
    pub reasons: Vec<String>,
    /// "Staff Engineer at Stripe", unless the headline already says it.
    pub role_line: String,
    /// The viewer is this mentor (no "Message yourself").
    pub is_self: bool,
    /// "Usually responds within a day · answers 9 in 10 requests".
    pub responds: Option<String>,
    /// "Active this week", never the exact time.
    pub last_active: Option<&'static str>,
}

/// The role and company once: empty when the headline names both already.
fn role_line(headline: &str, job_title: &str, company: &str) -> String {
    let line = match (job_title.trim(), company.trim()) {
        ("", "") => return String::new(),
        (title, "") => title.to_owned(),
        ("", company) => company.to_owned(),
        (title, company) => format!("{title} at {company}"),
    };
    let said = headline.to_lowercase();
    let already = [job_title, company]
        .iter()
        .filter(|part| !part.trim().is_empty())
        .all(|part| said.contains(&part.trim().to_lowercase()));
    if already {
        String::new()
    } else {
        line
    }
}

impl MentorCardView {
    /// Marks the card as the viewer's own.
    pub fn seen_by(mut self, viewer: Option<Uuid>) -> Self {
        self.is_self = viewer == Some(self.id);
        self
    }

    pub fn new(card: MentorCardRecord, reasons: Vec<String>, now: DateTime<Utc>) -> Self {
        let phrase = mentorhub_domain::trust::response_phrase(card.median_response_hours);
        let responds = match (phrase, card.response_rate) {
            (Some(p), Some(rate)) => Some(format!("{p} · answers {:.0} % of requests", rate * 100.0)),
            (None, Some(rate)) => Some(format!("Answers {:.0} % of requests", rate * 100.0)),
            (Some(p), None) => Some(p.to_owned()),
            (None, None) => None,
        };
        Self {
            id: card.user_id,
            responds,
            last_active: mentorhub_domain::trust::last_active_phrase(card.last_active_at, now),
            rating: card
                .rating_average()
                .map(|avg| format!("{avg:.1} ({})", card.rating_count)),
            accepting: card.has_room(),
            role_line: role_line(&card.headline, &card.job_title, &card.company),
            is_self: false,
            name: card.name,
            headline: card.headline,
            expertise: card.expertise,
            specializations: card.specializations,
            years: card.years_experience,
            timezone: card.timezone,
            reasons,
        }
    }
}

pub struct MentorshipView {
    pub id: Uuid,
    pub other_id: Uuid,
    pub other_name: String,
    pub other_headline: Option<String>,
    pub other_is_mentor: bool,
    pub status: &'static str,
    pub status_label: &'static str,
    pub message: String,
    pub reject_reason: Option<String>,
    pub when: String,
    pub can_accept: bool,
    pub can_cancel: bool,
    pub can_end: bool,
    /// "Expires in 9 days unless answered", for a waiting request.
    pub expires: Option<String>,
    created_at: DateTime<Utc>,
}

fn stamp(label: &str, at: DateTime<Utc>, zone: &str) -> String {
    format!("{label} {}", local(at, zone))
}

impl MentorshipView {
    pub fn new(record: MentorshipRecord, me: Uuid, zone: &str) -> Self {
        let i_am_mentor = record.mentor_id == me;
        let (other_id, other_name, other_headline) = if i_am_mentor {
            (record.mentee_id, record.mentee_name, record.mentee_headline)
        } else {
            (record.mentor_id, record.mentor_name, record.mentor_headline)
        };
        let status = record.status;
        let when = match status {
            MentorshipStatus::Pending => stamp("Asked", record.created_at, zone),
            MentorshipStatus::Accepted => stamp("Since", record.start_date.unwrap_or(record.updated_at), zone),
            MentorshipStatus::Ended => stamp("Ended", record.end_date.unwrap_or(record.updated_at), zone),
            MentorshipStatus::Rejected => stamp("Declined", record.updated_at, zone),
            MentorshipStatus::Cancelled => stamp("Withdrawn", record.updated_at, zone),
            MentorshipStatus::Expired => stamp("Expired", record.updated_at, zone),
        };
        Self {
            id: record.id,
            other_id,
            other_name,
            other_headline,
            other_is_mentor: !i_am_mentor,
            status: status.as_str(),
            status_label: match status {
                MentorshipStatus::Pending => "Pending",
                MentorshipStatus::Accepted => "Active",
                MentorshipStatus::Rejected => "Declined",
                MentorshipStatus::Cancelled => "Withdrawn",
                MentorshipStatus::Ended => "Ended",
                MentorshipStatus::Expired => "Expired unanswered",
            },
            message: record.message,
            reject_reason: record.reject_reason,
            when,
            can_accept: i_am_mentor && status == MentorshipStatus::Pending,
            can_cancel: !i_am_mentor && status == MentorshipStatus::Pending,
            can_end: status == MentorshipStatus::Accepted,
            expires: None,
            created_at: record.created_at,
        }
    }

    /// Says when a waiting request expires (`ttl`: the request lifetime).
    pub fn expiring(mut self, ttl: std::time::Duration, now: DateTime<Utc>) -> Self {
        if self.status == MentorshipStatus::Pending.as_str() {
            let ttl = chrono::Duration::from_std(ttl).unwrap_or(chrono::Duration::days(14));
            // Whole hours left, rounded up: "22 hours" until 21 h 01 min.
            let left = ((self.created_at + ttl - now).num_minutes().max(0) + 59) / 60;
            self.expires = Some(match left {
                0 | 1 => "Expires within the hour unless answered".to_owned(),
                h if h < 48 => format!("Expires in {h} hours unless answered"),
                h => format!("Expires in {} days unless answered", h / 24),
            });
        }
        self
    }
}
