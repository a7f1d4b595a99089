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
