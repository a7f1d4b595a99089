use utoipa::openapi::path::{HttpMethod, Operation};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi};

use super::{
    admin, auth, availability, calendars, chat, dashboard, groups, me, mentors, mentorship, mini, notifications, ops,
    photos, preferences, programs, progress, session_notes, sessions, trust,
};
use crate::web::dto::accounts::{
    AuthResponse, LoginBody, MentorProfileBody, MentorProfileDto, RegisterBody, UpdateMeBody, UserDto,
};
use crate::web::dto::availability::{AvailabilityBody, AvailabilityDto, OverrideDto, Slot, WeeklyWindowDto};
use crate::web::dto::calendars::{ConnectBody, ExternalCalendar};
use crate::web::dto::chat::{Conversation, Message, SendBody};
use crate::web::dto::dashboard::Dashboard;
use crate::web::dto::errors::{ErrorDetail, ErrorResponse};
use crate::web::dto::groups::{Attendee, Attendees, CreateGroupBody, GroupChat, GroupSession};
use crate::web::dto::mentors::{
    MentorCard, MentorDetail, MentorStats, Rating, RecommendedMentor, Responsiveness, Review, Suggestion,
};
use crate::web::dto::mentorships::{Mentorship, RejectBody, RequestBody};
use crate::web::dto::mini::{CompleteBody, CreateBody, MiniRequest, MiniSession, ScheduleBody};
use crate::web::dto::notifications::{Notification, UnreadCount};
use crate::web::dto::people::PersonRef;
use crate::web::dto::preferences::{PreferenceDto, Preferences};
use crate::web::dto::programs::{MilestoneBody, Program, ProgramBody, ProgramMilestone};
use crate::web::dto::progress::{
    ActionBody, ActionCounts, ActionItem, ApplyBody, Assessment, Goal, GoalBody, GoalCounts, MilestoneCounts,
    MonthHours, Plan, PlanMilestone, ProgramRef, Progress, SessionsProgress, SkillBody, SkillProgress, TextBody,
    UrlBody,
};
use crate::web::dto::sessions::{BookBody, CalendarUrl, FeedbackBody, NotesBody, ReasonBody, RescheduleBody, Session};
use crate::web::dto::trust::{
    AdminStats, AdminUser, AuditEntry, PasswordBody, Report, ReportBody, RequestOutcomes, ResolveBody,
    SpecializationBalance, SuspendBody, WeekFigures,
};

#[derive(OpenApi)]
#[openapi(
    info(title = "Mentorhub API", description = "Find mentors, request mentorship, book sessions, chat and claim mini mentorship requests."),
    paths(auth::register, auth::login, auth::logout, me::get_me, me::put_me, me::put_mentor_profile,
          mentors::search, mentors::recommended, mentors::detail, mentors::reviews, mentors::suggestion,
          mentorship::list, mentorship::create, mentorship::get_one, mentorship::accept, mentorship::reject,
          mentorship::cancel, mentorship::end, dashboard::dashboard,
          notifications::list, notifications::unread_count, notifications::mark_read, notifications::mark_all_read,
          preferences::get, preferences::put, photos::photo, photos::put, photos::delete,
          availability::put, availability::get, availability::slots,
          sessions::list, sessions::create, sessions::get_one, sessions::cancel, sessions::reschedule,
          sessions::complete, sessions::notes, sessions::feedback, sessions::session_ics,
          calendars::list, calendars::connect, calendars::remove, calendars::sync,
          session_notes::agenda, session_notes::private_note, session_notes::recording,
          programs::list, programs::create, programs::get_one, programs::update, programs::delete,
          progress::plan, progress::apply, progress::milestone, progress::create_goal, progress::update_goal,
          progress::add_action, progress::session_action, progress::update_action, progress::assess,
          progress::progress_report, progress::progress_csv,
          sessions::my_calendar, sessions::rotate_calendar, sessions::feed,
          mini::create, mini::mine, mini::get_one, mini::cancel, mini::open, mini::board, mini::claim, mini::claimed,
          mini::release, mini::schedule, mini::sessions, mini::complete,
          groups::create, groups::list, groups::get_one, groups::attendees, groups::join, groups::leave,
          groups::cancel, groups::complete, groups::feedback, groups::chat, groups::ics,
          chat::list, chat::send, chat::messages, chat::read, chat::block, chat::unblock,
          trust::create_report, trust::mark_no_show, trust::export, trust::delete_me,
          admin::reports, admin::resolve, admin::users, admin::suspend, admin::restore, admin::audit, admin::stats,
          ops::healthz, ops::readyz, ops::metrics),
    components(schemas(UserDto, MentorProfileDto, AuthResponse, RegisterBody, LoginBody, UpdateMeBody, MentorProfileBody, ErrorResponse, ErrorDetail, PersonRef, MentorCard, Rating, RecommendedMentor, MentorDetail, MentorStats, Review, Suggestion, Mentorship, RequestBody, RejectBody, Dashboard, Notification, UnreadCount, AvailabilityBody, AvailabilityDto, WeeklyWindowDto, OverrideDto, Slot, Session, BookBody, ReasonBody, RescheduleBody, NotesBody, FeedbackBody, CalendarUrl, MiniRequest, MiniSession, CreateBody, ScheduleBody, CompleteBody, Message, Conversation, SendBody, Preferences, PreferenceDto, GroupSession, Attendee, Attendees, CreateGroupBody, GroupChat, ExternalCalendar, ConnectBody, Program, ProgramMilestone, ProgramBody, MilestoneBody, ActionItem, Goal, ProgramRef, PlanMilestone, Plan, ApplyBody, GoalBody, ActionBody, SkillBody, TextBody, UrlBody, MonthHours, SessionsProgress, GoalCounts, MilestoneCounts, ActionCounts, Assessment, SkillProgress, Progress, Responsiveness, ReportBody, Report, ResolveBody, SuspendBody, PasswordBody, AdminUser, AuditEntry, RequestOutcomes, WeekFigures, SpecializationBalance, AdminStats)),
    modifiers(&BearerAuth, &CommonResponses),
    tags((name = "accounts", description = "Sign-up, sign-in and profiles"),
         (name = "mentors", description = "Finding mentors"),
         (name = "mentorship", description = "Mentorship requests and the dashboard"),
         (name = "notifications", description = "In-app notifications"),
         (name = "sessions", description = "Availability, booking, calendars and feedback"),
         (name = "groups", description = "Group sessions: seats, a waitlist and a shared room"),
         (name = "progress", description = "Programs, plans, goals, action items, skills and progress reports"),
         (name = "chat", description = "Messages; live delivery over the WebSocket GET /api/ws"),
         (name = "mini", description = "Mini mentorship (also at /trpc/miniMentorship.*)"),
         (name = "trust", description = "Reports about people and content"),
         (name = "admin", description = "Moderation, users, the audit log and the community's figures (admins only)"),
         (name = "operations", description = "Health and metrics"))
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "metrics",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("the value of MENTORHUB_METRICS_TOKEN"))
                    .build(),
            ),
        );
    }
}

/// Operations that count attempts and may answer 429 with `Retry-After`.
const RATE_LIMITED: [(&str, HttpMethod); 5] = [
    ("/api/me", HttpMethod::Delete),
    ("/api/auth/register", HttpMethod::Post),
    ("/api/auth/login", HttpMethod::Post),
    ("/api/chat", HttpMethod::Post),
    ("/api/mini/requests", HttpMethod::Post),
];

/// Statuses that come from code every handler shares (extractors, the
/// input guard, authentication), added to each operation whose own list
/// leaves them out, so the document names every status an operation can
/// answer:
/// - 400: any request (control characters in the path or query; bodies and
///   parameters that do not parse)
/// - 401 and 403: operations that need a signed-in caller (403: a cookie
///   sign-in without the CSRF header, or the wrong role)
/// - 404: operations with a path id (unknown, malformed, or not visible)
/// - 413 and 422: operations with a body (too large; a field breaks a rule),
///   and 422 for query parameters out of range
/// - 429: the rate-limited operations above
struct CommonResponses;

impl Modify for CommonResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for (path, item) in openapi.paths.paths.iter_mut() {
            let methods = [
                (HttpMethod::Get, &mut item.get),
                (HttpMethod::Put, &mut item.put),
                (HttpMethod::Post, &mut item.post),
                (HttpMethod::Delete, &mut item.delete),
                (HttpMethod::Patch, &mut item.patch),
            ];
            for (method, operation) in methods {
                if let Some(operation) = operation {
                    let limited = RATE_LIMITED.iter().any(|(p, m)| p == path && *m == method);
                    add_common(operation, path.contains('{'), limited);
                }
            }
        }
    }
}

fn add_common(operation: &mut Operation, has_id: bool, limited: bool) {
    let secured = operation.security.as_ref().is_some_and(|s| !s.is_empty());
    let has_body = operation.request_body.is_some();
    let has_query = operation
        .parameters
        .as_ref()
        .is_some_and(|p| p.len() > usize::from(has_id));
    let mut add = |status: &str, when: bool, why: &str| {
        if when && !operation.responses.responses.contains_key(status) {
            let content = ContentBuilder::new()
                .schema(Some(RefOr::Ref(Ref::from_schema_name("ErrorResponse"))))
                .build();
            let response = ResponseBuilder::new()
                .description(why)
                .content("application/json", content)
                .build();
            operation
                .responses
                .responses
                .insert(status.to_owned(), RefOr::T(response));
        }
    };
    add(
        "400",
        true,
        "the request could not be read (malformed input or control characters)",
    );
    add("401", secured, "not signed in");
    add(
        "403",
        secured,
        "not allowed (wrong role, or a cookie sign-in without the CSRF header)",
    );
    add("404", has_id, "does not exist or is not visible to the caller");
    add("413", has_body, "the body is over 1 MiB");
    add("422", has_body || has_query, "a field breaks a rule");
    add("429", limited, "too many attempts; see Retry-After");
}
