//! Mini mentorship pages: the mentee's dashboard card with its request
//! dialog, the mentors' board, and each request's page with its actions.

mod actions;
mod board;
mod dashboard;
mod detail;
mod rows;

pub use actions::{act, complete, feedback};
pub use board::board;
pub use dashboard::{create, dashboard};
pub use detail::detail;
