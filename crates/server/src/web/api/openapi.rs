use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{auth, availability, chat, dashboard, dto, me, mentors, mentorship, mini, notifications, ops, sessions};

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
          mini::create, mini::mine, mini::get_one, mini::cancel, mini::open, mini::claim, mini::claimed,
          mini::release, mini::schedule, mini::sessions, mini::complete,
          chat::list, chat::send, chat::messages, chat::read, chat::block,
          ops::healthz, ops::readyz, ops::metrics),
    components(schemas(dto::UserDto, dto::MentorProfileDto, dto::AuthResponse, dto::RegisterBody, dto::LoginBody,
                       dto::UpdateMeBody, dto::MentorProfileBody, dto::ErrorResponse, dto::ErrorDetail, dto::PersonRef,
                       mentors::MentorCard, mentors::Rating, mentors::RecommendedMentor, mentors::MentorDetail,
                       mentors::MentorStats, mentorship::Mentorship, mentorship::RequestBody, mentorship::RejectBody,
                       dashboard::Dashboard, notifications::Notification, notifications::UnreadCount,
                       availability::AvailabilityBody, availability::AvailabilityDto, availability::WeeklyWindowDto,
                       availability::OverrideDto, availability::Slot, sessions::Session, sessions::BookBody,
                       sessions::ReasonBody, sessions::RescheduleBody, sessions::NotesBody, sessions::FeedbackBody,
                       sessions::CalendarUrl, mini::MiniRequest, mini::MiniSession, mini::CreateBody,
                       mini::ScheduleBody, mini::CompleteBody, chat::Message, chat::Conversation, chat::SendBody)),
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
    }
}
