//! Reports, admin lists and figures, and the bodies that go with them.

use chrono::{DateTime, NaiveDate, Utc};
use mentorhub_store::{AdminUserRecord, AuditRecord, DemandRecord, ReportRecord};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::services::trust::stats::{Stats, WeekStats};
use crate::web::dto::people::PersonRef;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReportBody {
    /// user, message, mini_request, group_session or program.
    pub subject_type: Option<String>,
    pub subject_id: Option<String>,
    /// spam, harassment, inappropriate or other.
    pub reason: Option<String>,
    pub details: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub id: Uuid,
    #[schema(example = "message")]
    pub subject_type: String,
    pub subject_id: Uuid,
    /// Whose the subject is.
    pub subject_user: PersonRef,
    pub reporter: PersonRef,
    /// What the subject said when it was reported.
    pub excerpt: String,
    #[schema(example = "harassment")]
    pub reason: String,
    pub details: Option<String>,
    /// open or resolved.
    pub status: String,
    /// dismiss, remove_content or suspend_user, once resolved.
    pub action: Option<String>,
    pub resolution_note: Option<String>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<ReportRecord> for Report {
    fn from(r: ReportRecord) -> Self {
        Self {
            id: r.id,
            subject_type: r.subject_type.as_str().into(),
            subject_id: r.subject_id,
            subject_user: PersonRef::new(r.subject_user_id, r.subject_user_name, None),
            reporter: PersonRef::new(r.reporter_id, r.reporter_name, None),
            excerpt: r.excerpt,
            reason: r.reason.as_str().into(),
            details: r.details,
            status: r.status.as_str().into(),
            action: r.action.map(|a| a.as_str().into()),
            resolution_note: r.resolution_note,
            resolved_at: r.resolved_at,
            created_at: r.created_at,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ResolveBody {
    /// dismiss, remove_content or suspend_user.
    pub action: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SuspendBody {
    pub reason: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PasswordBody {
    pub password: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ReportListParams {
    /// open (default) or resolved.
    pub status: Option<String>,
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct UserListParams {
    /// Words of a name or email.
    pub q: Option<String>,
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct AuditParams {
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct StatsParams {
    /// First day (YYYY-MM-DD); 12 weeks before `to` by default.
    pub from: Option<String>,
    /// Last day (YYYY-MM-DD); today by default.
    pub to: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AdminUser {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    #[schema(example = json!(["mentee"]))]
    pub roles: Vec<String>,
    pub suspended_at: Option<DateTime<Utc>>,
    pub suspend_reason: Option<String>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub last_active_on: Option<NaiveDate>,
    /// Sessions where this person was marked absent.
    pub no_shows: i64,
    pub open_reports: i64,
    pub created_at: DateTime<Utc>,
}

impl From<AdminUserRecord> for AdminUser {
    fn from(r: AdminUserRecord) -> Self {
        let u = r.user;
        let roles = [(u.is_mentee, "mentee"), (u.is_mentor, "mentor"), (u.is_admin, "admin")]
            .into_iter()
            .filter(|(has, _)| *has)
            .map(|(_, role)| role.to_owned())
            .collect();
        Self {
            id: u.id,
            name: u.name,
            email: u.email,
            roles,
            suspended_at: u.suspended_at,
            suspend_reason: u.suspend_reason,
            deleted_at: u.deleted_at,
            last_active_on: u.last_active_at.map(|t| t.date_naive()),
            no_shows: r.no_shows,
            open_reports: r.open_reports,
            created_at: u.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub id: Uuid,
    pub admin: Option<PersonRef>,
    #[schema(example = "suspend_user")]
    pub action: String,
    pub subject_type: String,
    pub subject_id: Uuid,
    pub detail: String,
    pub created_at: DateTime<Utc>,
}

impl From<AuditRecord> for AuditEntry {
    fn from(a: AuditRecord) -> Self {
        Self {
            id: a.id,
            admin: a
                .admin_id
                .map(|id| PersonRef::new(id, a.admin_name.unwrap_or_default(), None)),
            action: a.action,
            subject_type: a.subject_type,
            subject_id: a.subject_id,
            detail: a.detail,
            created_at: a.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RequestOutcomes {
    pub accepted: i64,
    pub rejected: i64,
    pub expired: i64,
    pub cancelled: i64,
    pub pending: i64,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WeekFigures {
    /// The Monday the week starts on.
    pub week: NaiveDate,
    pub signups: i64,
    pub requests: RequestOutcomes,
    pub median_response_hours: Option<f64>,
    pub sessions: i64,
    pub hours: f64,
    pub mini_created: i64,
    pub mini_claimed: i64,
    pub mini_expired: i64,
    pub group_seats_filled: i64,
}

impl From<WeekStats> for WeekFigures {
    fn from(w: WeekStats) -> Self {
        Self {
            week: w.week,
            signups: w.signups,
            requests: RequestOutcomes {
                accepted: w.requests_accepted,
                rejected: w.requests_rejected,
                expired: w.requests_expired,
                cancelled: w.requests_cancelled,
                pending: w.requests_pending,
            },
            median_response_hours: w.median_response_hours.map(|h| (h * 10.0).round() / 10.0),
            sessions: w.sessions,
            hours: (w.hours * 100.0).round() / 100.0,
            mini_created: w.mini_created,
            mini_claimed: w.mini_claimed,
            mini_expired: w.mini_expired,
            group_seats_filled: w.seats_filled,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SpecializationBalance {
    pub specialization: String,
    /// Requests and filtered searches in the range.
    pub demand: i64,
    pub searches: i64,
    pub requests: i64,
    /// Listed mentors offering it who accept mentees and have room now.
    pub supply: i64,
}

impl From<DemandRecord> for SpecializationBalance {
    fn from(d: DemandRecord) -> Self {
        Self {
            specialization: d.specialization,
            demand: d.searches + d.requests,
            searches: d.searches,
            requests: d.requests,
            supply: d.mentors_with_room,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AdminStats {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub weeks: Vec<WeekFigures>,
    pub specializations: Vec<SpecializationBalance>,
}

impl From<Stats> for AdminStats {
    fn from(s: Stats) -> Self {
        Self {
            from: s.from,
            to: s.to,
            weeks: s.weeks.into_iter().map(WeekFigures::from).collect(),
            specializations: s.demand.into_iter().map(SpecializationBalance::from).collect(),
        }
    }
}
