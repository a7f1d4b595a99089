//! The HTTP layer: the JSON API, the pages and the tRPC endpoint, with
//! their error type, extractors and middleware.

pub mod api;
pub mod auth;
pub mod dto;
pub mod error;
pub mod extract;
pub mod input_guard;
pub mod metrics;
pub mod middleware;
pub mod pages;
pub mod pagination;
pub mod response_cache;
pub mod trpc;

pub const BODY_LIMIT: usize = 1024 * 1024;
