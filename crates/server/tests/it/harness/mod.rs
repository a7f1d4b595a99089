pub mod browser;
pub mod db;
pub mod feeds;
mod http;
pub mod nginx;
pub mod smtp;

pub use db::TestDb;
pub use http::{execute_sql_on, form_request, mentor_profile, TestApp, TestResponse};
