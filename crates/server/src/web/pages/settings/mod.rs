//! The settings page: account, learning goals, mentor profile,
//! availability, notifications, the calendar feed and connected calendars,
//! and your data (export, closing the account), each saved by its own form.

mod account;
mod availability;
mod calendars;
mod forms;
mod mentor_profile;
mod notifications;
mod page;
mod photo;
mod your_data;

pub use account::{save_account, save_learning};
pub use availability::save_availability;
pub use calendars::{act as calendar_action, connect as connect_calendar};
pub use mentor_profile::save_mentor_profile;
pub use notifications::save_notifications;
pub use page::{rotate_calendar, settings};
pub use photo::{remove_photo, upload_photo};
pub use your_data::{delete as delete_account, export as export_data};
