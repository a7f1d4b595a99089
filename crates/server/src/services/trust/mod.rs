//! Trust and administration: stale requests and responsiveness, no-shows,
//! reports and moderation, the admin figures, and people's own data.

pub mod account;
pub mod demand;
pub mod moderation;
pub mod no_show;
pub mod reports;
pub mod responsiveness;
pub mod stale;
pub mod stats;
pub mod winding_down;
