//! Pure domain types and rules for Mentorhub: input newtypes parsed at the
//! edge ("parse, don't validate"), roles and profiles. No I/O lives here.

pub mod account;
pub mod clock;
pub mod profile;
pub mod validation;

pub use account::{Email, Password, PersonName, Role, Roles, TimeZone};
pub use clock::{Clock, SystemClock};
pub use profile::{MentorProfile, MentorProfileInput};
pub use validation::FieldErrors;
