//! Per-user message rate limit (sliding window, per process).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use uuid::Uuid;

pub struct SendLimiter {
    window: Duration,
    max: usize,
    sent: Mutex<HashMap<Uuid, VecDeque<Instant>>>,
}

impl Default for SendLimiter {
    fn default() -> Self {
        Self::new(Duration::from_secs(10), 20)
    }
}

impl SendLimiter {
    pub fn new(window: Duration, max: usize) -> Self {
        Self {
            window,
            max,
            sent: Mutex::default(),
        }
    }

    /// Records a send, or `Err(seconds to wait)`.
    pub fn check(&self, user: Uuid) -> Result<(), u64> {
        let now = Instant::now();
        let mut sent = self.sent.lock().unwrap_or_else(|e| e.into_inner());
        let times = sent.entry(user).or_default();
        while times.front().is_some_and(|t| now.duration_since(*t) >= self.window) {
            times.pop_front();
        }
        if times.len() >= self.max {
            let oldest = times.front().copied().unwrap_or(now);
            return Err(self.window.saturating_sub(now.duration_since(oldest)).as_secs().max(1));
        }
        times.push_back(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_is_cut_off() {
        let limiter = SendLimiter::new(Duration::from_secs(10), 3);
        let user = Uuid::new_v4();
        for _ in 0..3 {
            assert!(limiter.check(user).is_ok());
        }
        assert!(limiter.check(user).is_err());
        assert!(limiter.check(Uuid::new_v4()).is_ok());
    }
}
