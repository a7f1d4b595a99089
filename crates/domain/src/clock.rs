use chrono::{DateTime, SubsecRound, Utc};

/// The source of "now". Tests use a clock they can move, so expiry and
/// reminders are tested without sleeping.
pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> DateTime<Utc>;
}

/// Wall-clock time, truncated to microseconds: the precision both
/// PostgreSQL and our SQLite encoding keep, so a value read back equals the
/// value written.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now().trunc_subsecs(6)
    }
}

/// Now, and the latest instant a date a person gives may name (the booking
/// horizon). Dates past it are refused, so no far-future value reaches the
/// database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Horizon {
    pub now: DateTime<Utc>,
    pub latest: DateTime<Utc>,
}

impl Horizon {
    pub fn new(now: DateTime<Utc>, ahead: chrono::Duration) -> Self {
        Self {
            now,
            latest: now + ahead,
        }
    }

    pub fn days(&self) -> i64 {
        (self.latest - self.now).num_days().max(1)
    }
}
