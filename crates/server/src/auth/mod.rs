//! Who is calling: passwords, tokens, cookies, CSRF and sign-in limits.

pub mod cookies;
pub mod csrf;
pub mod current_user;
pub mod limiter;
pub mod password;
pub mod token;

pub use current_user::{ClientAddr, CurrentUser, MaybeUser};
