use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{auth, availability, chat, dashboard, me, mentors, mentorship, mini, notifications, ops, sessions};
use crate::web::dto::accounts::{
    AuthResponse, LoginBody, MentorProfileBody, MentorProfileDto, RegisterBody, UpdateMeBody, UserDto,
};
use crate::web::dto::availability::{AvailabilityBody, AvailabilityDto, OverrideDto, Slot, WeeklyWindowDto};
use crate::web::dto::chat::{Conversation, Message, SendBody};
use crate::web::dto::dashboard::Dashboard;
use crate::web::dto::errors::{ErrorDetail, ErrorResponse};
use crate::web::dto::mentors::{MentorCard, MentorDetail, MentorStats, Rating, RecommendedMentor};
use crate::web::dto::mentorships::{Mentorship, RejectBody, RequestBody};
use crate::web::dto::mini::{CompleteBody, CreateBody, MiniRequest, MiniSession, ScheduleBody};
use crate::web::dto::notifications::{Notification, UnreadCount};
use crate::web::dto::people::PersonRef;
use crate::web::dto::sessions::{BookBody, CalendarUrl, FeedbackBody, NotesBody, ReasonBody, RescheduleBody, Session};

#[derive(OpenApi)]
#[openapi(
    info(title = "Mentorhub API", description = "Find mentors, request mentorship, book sessions, chat and claim mini mentorship requests."),
    paths(auth::register, auth::login, auth::logout, me::get_me, me::put_me, me::put_mentor_profile,
          mentors::search, mentors::recommended, mentors::detail,
          mentorship::list, mentorship::create, mentorship::get_one, mentorship::accept, mentorship::reject,
          mentorship::cancel, mentorship::end, dashboard::dashboard,
          notifications::list, notifications::unread_count, notifications::mark_read, notifications::mark_all_read,
          availability::put, availability::get, availability::slots,
          sessions::list, sessions::create, sessions::get_one, sessions::cancel, sessions::reschedule,
          sessions::complete, sessions::notes, sessions::feedback, sessions::session_ics,
          sessions::my_calendar, sessions::rotate_calendar, sessions::feed,
          mini::create, mini::mine, mini::get_one, mini::cancel, mini::open, mini::board, mini::claim, mini::claimed,
          mini::release, mini::schedule, mini::sessions, mini::complete,
          chat::list, chat::send, chat::messages, chat::read, chat::block,
          ops::healthz, ops::readyz, ops::metrics),
    components(schemas(UserDto, MentorProfileDto, AuthResponse, RegisterBody, LoginBody, UpdateMeBody, MentorProfileBody, ErrorResponse, ErrorDetail, PersonRef, MentorCard, Rating, RecommendedMentor, MentorDetail, MentorStats, Mentorship, RequestBody, RejectBody, Dashboard, Notification, UnreadCount, AvailabilityBody, AvailabilityDto, WeeklyWindowDto, OverrideDto, Slot, Session, BookBody, ReasonBody, RescheduleBody, NotesBody, FeedbackBody, CalendarUrl, MiniRequest, MiniSession, CreateBody, ScheduleBody, CompleteBody, Message, Conversation, SendBody)),
    modifiers(&BearerAuth),
    tags((name = "accounts", description = "Sign-up, sign-in and profiles"),
         (name = "mentors", description = "Finding mentors"),
         (name = "mentorship", description = "Mentorship requests and the dashboard"),
         (name = "notifications", description = "In-app notifications"),
         (name = "sessions", description = "Availability, booking, calendars and feedback"),
         (name = "chat", description = "Messages; live delivery over the WebSocket GET /api/ws"),
         (name = "mini", description = "Mini mentorship (also at /trpc/miniMentorship.*)"),
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
