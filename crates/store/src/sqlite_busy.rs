//! How a SQLite connection waits for the write lock. SQLite's own handler
//! (what `busy_timeout` installs) sleeps 1, 2, 5, 10, 15, 20, 25 ms and
//! longer between tries, so a writer that meets the lock twice waits tens
//! of milliseconds although the lock is held for well under one: that
//! was the chat-write p99. Ours tries again after 100 µs for the first
//! hundred tries (a lock is usually free by then), then every millisecond
//! (so waiting writers do not starve the one holding it on a small
//! machine), for at most the same 10 seconds of real time.

use std::cell::Cell;
use std::os::raw::{c_int, c_void};
use std::time::{Duration, Instant};

use sqlx::SqliteConnection;

const QUICK: Duration = Duration::from_micros(100);
const QUICK_TRIES: c_int = 100;
const SLOW: Duration = Duration::from_millis(1);
const GIVE_UP_AFTER: Duration = Duration::from_secs(10);

thread_local! {
    /// When this thread's current wait began (each connection has its own thread).
    static WAITING_SINCE: Cell<Option<Instant>> = const { Cell::new(None) };
}

extern "C" fn retry(_: *mut c_void, tries: c_int) -> c_int {
    let now = Instant::now();
    let since = WAITING_SINCE.with(|w| {
        if tries == 0 || w.get().is_none() {
            w.set(Some(now));
        }
        w.get().unwrap_or(now)
    });
    if now.duration_since(since) >= GIVE_UP_AFTER {
        return 0;
    }
    // The handler runs on the connection's own worker thread, never on an
    // async runtime thread, so a short blocking sleep is what it should do.
    std::thread::sleep(if tries < QUICK_TRIES { QUICK } else { SLOW });
    1
}

/// Replaces the connection's busy handler with `retry`.
pub(crate) async fn install(conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
    let mut handle = conn.lock_handle().await?;
    let db = handle.as_raw_handle().as_ptr();
    // SAFETY: `db` is this connection's open handle, locked for us by
    // `lock_handle` for the duration of the call; `retry` keeps no state,
    // so the null context pointer is never read.
    let rc = unsafe { libsqlite3_sys::sqlite3_busy_handler(db, Some(retry), std::ptr::null_mut()) };
    if rc != libsqlite3_sys::SQLITE_OK {
        return Err(sqlx::Error::Protocol(format!("sqlite3_busy_handler returned {rc}")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_retries_until_ten_seconds_have_passed() {
        assert_eq!(retry(std::ptr::null_mut(), 0), 1, "a new wait retries");
        assert_eq!(retry(std::ptr::null_mut(), 5_000), 1, "the same wait, still young");
        WAITING_SINCE.with(|w| w.set(Instant::now().checked_sub(GIVE_UP_AFTER)));
        assert_eq!(retry(std::ptr::null_mut(), 5_001), 0, "ten seconds: give up");
        assert_eq!(retry(std::ptr::null_mut(), 0), 1, "the next wait starts afresh");
    }
}
