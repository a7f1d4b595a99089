pub mod browser;
mod db;
mod http;

pub use http::{form_request, TestApp, TestResponse};
