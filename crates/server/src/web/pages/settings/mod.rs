//! The settings page: account, learning goals, mentor profile,
//! availability, notifications and the calendar feed, each saved by its own form.

mod account;
mod availability;
mod forms;
mod mentor_profile;
mod notifications;
mod page;
mod photo;

pub use account::{save_account, save_learning};
pub use availability::save_availability;
pub use mentor_profile::save_mentor_profile;
pub use notifications::save_notifications;
pub use page::{rotate_calendar, settings};
pub use photo::{remove_photo, upload_photo};
