//! Who is calling: cookies, CSRF and the signed-in user extractors.

pub mod admin_only;
pub mod cookies;
pub mod csrf;
pub mod current_user;

pub use current_user::{ClientAddr, CurrentUser, MaybeUser};
