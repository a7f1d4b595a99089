//! The admin pages: the community's figures (`/admin`), the report queue,
//! people and suspensions, the audit log, and the outbox. Admins only;
//! everyone else gets a 404, as for a page that does not exist.

pub mod audit;
mod charts;
pub mod dashboard;
pub mod outbox;
pub mod reports;
pub mod users;

use mentorhub_store::UserRecord;

use crate::web::error::{Error, Result};
use crate::web::pages::shell::Shell;

/// The tabs every admin page shows: link and label.
pub const TABS: [(&str, &str); 5] = [
    ("/admin", "Overview"),
    ("/admin/reports", "Reports"),
    ("/admin/users", "People"),
    ("/admin/audit", "Audit log"),
    ("/admin/outbox", "Outbox"),
];

fn admin(shell: &Shell) -> Result<UserRecord> {
    shell.user.clone().filter(|u| u.is_admin).ok_or(Error::NotFound)
}
