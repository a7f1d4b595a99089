//! How a SQLite connection waits for the write lock. SQLite's own handler
//! (what `busy_timeout` installs) sleeps 1, 2, 5, 10, 15, 20, 25 ms and
//! longer between tries, so a writer that meets the lock twice waits tens
//! of milliseconds although the lock is held for well under one: that
//! was the chat-write p99. Ours tries again every 100 µs, for at most the
//! same 10 seconds.

use std::os::raw::{c_int, c_void};
use std::time::Duration;

use sqlx::SqliteConnection;

const PAUSE: Duration = Duration::from_micros(100);
/// 10 s of pauses (a little more with the time the tries take).
const MAX_TRIES: c_int = 100_000;

extern "C" fn retry(_: *mut c_void, tries: c_int) -> c_int {
    if tries >= MAX_TRIES {
        return 0;
    }
    // The handler runs on the connection's own worker thread, never on an
    // async runtime thread, so a short blocking sleep is what it should do.
    std::thread::sleep(PAUSE);
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
    #[test]
    fn it_retries_until_the_budget_is_spent() {
        assert_eq!(super::retry(std::ptr::null_mut(), 0), 1);
        assert_eq!(super::retry(std::ptr::null_mut(), super::MAX_TRIES), 0);
    }
}
