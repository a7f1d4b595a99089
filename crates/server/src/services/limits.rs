//! Every limit the server applies, in one place (plain values, no I/O);
//! `rate_limit.rs` counts against them. Tests loosen or tighten them.

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The window of the sign-in limits.
    pub sign_in_window: std::time::Duration,
    /// Wrong passwords for one email from one client before that client waits.
    pub failures_per_pair: i64,
    /// Wrong passwords from one client (any email) before it waits.
    pub failures_per_client: i64,
    /// Wrong passwords for one email (any client) before the email counts
    /// as under attack: clients that never signed in to it get one attempt
    /// per `slow_down`; clients that did sign in to it are not slowed.
    pub failures_per_email: i64,
    pub slow_down: std::time::Duration,
    /// Account registrations per client per hour.
    pub registrations_per_client: i64,
    /// Mini mentorship requests a mentee may post per hour.
    pub mini_requests_per_hour: i64,
    /// Open WebSockets per user on one instance.
    pub sockets_per_user: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            sign_in_window: std::time::Duration::from_secs(15 * 60),
            failures_per_pair: 10,
            failures_per_client: 100,
            failures_per_email: 20,
            slow_down: std::time::Duration::from_secs(5),
            registrations_per_client: 20,
            mini_requests_per_hour: 10,
            sockets_per_user: 20,
        }
    }
}
