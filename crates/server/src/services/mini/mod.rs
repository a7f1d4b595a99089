//! Mini mentorship rules shared by REST, tRPC and the pages. Every query
//! is scoped to what the caller may see (the seed relied on row-level
//! policies; here the same guarantees are code, tested as a matrix).

pub mod board;
pub mod expiry;
pub mod requests;
pub mod sessions;
pub mod view;

pub use board::{claim, claimed, open, parse_filter, release};
pub use expiry::sweep_expired;
pub use requests::{cancel, create, get, my_requests, NewRequest};
pub use sessions::{complete, my_sessions, schedule};
pub use view::MiniView;
