//! Pure domain types and rules for Mentorhub: input newtypes parsed at the
//! edge ("parse, don't validate"), roles, profiles, the mentorship state
//! machine, search terms and recommendation scoring. No I/O lives here.

#[macro_use]
mod string_enum;

pub mod account;
pub mod availability;
pub mod clock;
pub mod group;
pub mod local_time;
pub mod mentorship;
pub mod mini;
pub mod profile;
pub mod progress;
pub mod recommend;
pub mod search;
pub mod session;
pub mod trust;
pub mod validation;

pub use account::{Email, Password, PersonName, Role, Roles, TimeZone};
pub use clock::{Clock, Horizon, SystemClock};
pub use mentorship::MentorshipStatus;
pub use profile::{MentorProfile, MentorProfileInput};
pub use validation::FieldErrors;
