//! Sign-in attempt limits, per email (failures) and per client address (all
//! attempts), over a sliding window. Kept in memory per process: several
//! instances each apply the limit, which still bounds guessing.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub window: Duration,
    pub failures_per_email: usize,
    pub attempts_per_client: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            window: Duration::from_secs(15 * 60),
            failures_per_email: 10,
            attempts_per_client: 100,
        }
    }
}

#[derive(Debug, Default)]
pub struct LoginLimiter {
    limits: Limits,
    events: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl LoginLimiter {
    pub fn new(limits: Limits) -> Self {
        Self {
            limits,
            events: Mutex::default(),
        }
    }

    /// `Err(seconds)` when the email or the client must wait; otherwise
    /// records the attempt of the client.
    pub fn check(&self, email: &str, client: &str) -> Result<(), u64> {
        let now = Instant::now();
        let mut events = self.events.lock().unwrap_or_else(|e| e.into_inner());
        let email_key = format!("email:{email}");
        let client_key = format!("client:{client}");
        for (key, limit) in [
            (&email_key, self.limits.failures_per_email),
            (&client_key, self.limits.attempts_per_client),
        ] {
            if let Some(wait) = self.wait(&mut events, key, limit, now) {
                return Err(wait);
            }
        }
        events.entry(client_key).or_default().push_back(now);
        if events.len() > 100_000 {
            // Bounded memory under a flood of distinct keys.
            let window = self.limits.window;
            events.retain(|_, times| times.back().is_some_and(|t| now.duration_since(*t) < window));
        }
        Ok(())
    }

    pub fn record_failure(&self, email: &str) {
        let mut events = self.events.lock().unwrap_or_else(|e| e.into_inner());
        events
            .entry(format!("email:{email}"))
            .or_default()
            .push_back(Instant::now());
    }

    fn wait(
        &self,
        events: &mut HashMap<String, VecDeque<Instant>>,
        key: &str,
        limit: usize,
        now: Instant,
    ) -> Option<u64> {
        let times = events.get_mut(key)?;
        while times
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.limits.window)
        {
            times.pop_front();
        }
        if times.len() < limit {
            return None;
        }
        let oldest = *times.front()?;
        let wait = self.limits.window.saturating_sub(now.duration_since(oldest));
        Some(wait.as_secs().max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_per_email_are_limited() {
        let limiter = LoginLimiter::new(Limits {
            failures_per_email: 2,
            ..Limits::default()
        });
        for _ in 0..2 {
            assert!(limiter.check("a@x.io", "ip").is_ok());
            limiter.record_failure("a@x.io");
        }
        let wait = limiter.check("a@x.io", "ip").unwrap_err();
        assert!(wait > 0 && wait <= 900);
        assert!(limiter.check("b@x.io", "ip").is_ok());
    }

    #[test]
    fn attempts_per_client_are_limited() {
        let limiter = LoginLimiter::new(Limits {
            attempts_per_client: 3,
            ..Limits::default()
        });
        for i in 0..3 {
            assert!(limiter.check(&format!("{i}@x.io"), "ip").is_ok());
        }
        assert!(limiter.check("new@x.io", "ip").is_err());
        assert!(limiter.check("new@x.io", "other-ip").is_ok());
    }
}
