use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{auth, dto, me, ops};

#[derive(OpenApi)]
#[openapi(
    info(title = "Mentorhub API", description = "Find mentors, request mentorship, book sessions, chat and claim mini mentorship requests."),
    paths(auth::register, auth::login, auth::logout, me::get_me, me::put_me, me::put_mentor_profile,
          ops::healthz, ops::readyz, ops::metrics),
    components(schemas(dto::UserDto, dto::MentorProfileDto, dto::AuthResponse, dto::RegisterBody, dto::LoginBody,
                       dto::UpdateMeBody, dto::MentorProfileBody, dto::ErrorResponse, dto::ErrorDetail)),
    modifiers(&BearerAuth),
    tags((name = "accounts", description = "Sign-up, sign-in and profiles"),
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
