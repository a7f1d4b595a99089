//! One integration-test binary: API, pages and browser journeys, each test
//! on a fresh database (SQLite by default; PostgreSQL when
//! MENTORHUB_TEST_DATABASE_URL is set).

pub mod api;
mod architecture;
mod browser;
mod hardening;
mod harness;
mod jobs;
mod mail;
mod pages;
pub mod process;
