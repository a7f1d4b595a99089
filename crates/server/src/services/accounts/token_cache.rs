//! Whose a token is, remembered for one second per instance, so a burst of
//! requests with one token reads the database once instead of once per
//! request. Correct across instances within that second: signing out
//! forgets the token here (elsewhere it lives at most a second longer), a
//! suspension or a closed account forgets every token of the person on
//! every instance (the `SignedOut` event), a change to the person's own
//! account forgets them here, and an entry never outlives its token's
//! expiry on the app's clock.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use mentorhub_store::{TokenKind, UserRecord};
use uuid::Uuid;

const FRESH_FOR: Duration = Duration::from_secs(1);
/// Past this many entries the stale ones are dropped; past twice as many,
/// all (a burst of one-off tokens cannot grow the map without bound).
const MAX_ENTRIES: usize = 4096;

struct Entry {
    at: Instant,
    kind: TokenKind,
    expires_at: DateTime<Utc>,
    user: UserRecord,
}

#[derive(Default)]
pub struct TokenCache {
    entries: Mutex<HashMap<String, Entry>>,
    /// Raised by every forget: a read that began before a forget must not
    /// put back what the forget removed (a sign-out or suspension that
    /// committed while the read was in flight).
    generation: AtomicU64,
}

impl TokenCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The user of a token seen within the last second, if still valid `now`.
    pub fn get(&self, hash: &str, kind: TokenKind, now: DateTime<Utc>) -> Option<UserRecord> {
        let entries = self.lock();
        let e = entries.get(hash)?;
        (e.kind == kind && e.at.elapsed() < FRESH_FOR && e.expires_at > now).then(|| e.user.clone())
    }

    /// Taken before reading the database; `put` needs it.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// Remembers what a read begun at `generation` found, unless something
    /// was forgotten since.
    pub fn put(&self, hash: &str, kind: TokenKind, expires_at: DateTime<Utc>, user: UserRecord, generation: u64) {
        let mut entries = self.lock();
        if self.generation.load(Ordering::SeqCst) != generation {
            return;
        }
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, e| e.at.elapsed() < FRESH_FOR);
            if entries.len() >= MAX_ENTRIES * 2 {
                entries.clear();
            }
        }
        let entry = Entry {
            at: Instant::now(),
            kind,
            expires_at,
            user,
        };
        entries.insert(hash.to_owned(), entry);
    }

    /// After the person was seen as active (their cached copy says so too).
    pub fn touched(&self, user: Uuid, now: DateTime<Utc>) {
        for e in self.lock().values_mut().filter(|e| e.user.id == user) {
            e.user.last_active_at = Some(now);
        }
    }

    pub fn forget(&self, hash: &str) {
        let mut entries = self.lock();
        self.generation.fetch_add(1, Ordering::SeqCst);
        entries.remove(hash);
    }

    pub fn forget_user(&self, user: Uuid) {
        let mut entries = self.lock();
        self.generation.fetch_add(1, Ordering::SeqCst);
        entries.retain(|_, e| e.user.id != user);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn user(id: Uuid) -> UserRecord {
        let t = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
        UserRecord {
            id,
            email: "a@example.com".into(),
            name: "A".into(),
            is_mentee: true,
            is_mentor: false,
            is_admin: false,
            timezone: "UTC".into(),
            interests: Vec::new(),
            goals: String::new(),
            created_at: t,
            updated_at: t,
            suspended_at: None,
            suspend_reason: None,
            deleted_at: None,
            last_active_at: None,
        }
    }

    #[test]
    fn entries_serve_their_own_kind_until_the_token_expires_and_are_forgotten() {
        let cache = TokenCache::default();
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 10, 0, 0).unwrap();
        let id = Uuid::new_v4();
        let put = || {
            cache.put(
                "h",
                TokenKind::Session,
                now + chrono::Duration::hours(1),
                user(id),
                cache.generation(),
            )
        };
        put();
        assert_eq!(cache.get("h", TokenKind::Session, now).map(|u| u.id), Some(id));
        assert!(
            cache.get("h", TokenKind::Api, now).is_none(),
            "a session token is no API token"
        );
        assert!(
            cache
                .get("h", TokenKind::Session, now + chrono::Duration::hours(2))
                .is_none(),
            "expired"
        );
        cache.touched(id, now);
        assert_eq!(
            cache.get("h", TokenKind::Session, now).unwrap().last_active_at,
            Some(now)
        );
        cache.forget_user(id);
        assert!(cache.get("h", TokenKind::Session, now).is_none());
        put();
        cache.forget("h");
        assert!(cache.get("h", TokenKind::Session, now).is_none());
    }

    #[test]
    fn a_read_that_began_before_a_forget_puts_nothing_back() {
        let cache = TokenCache::default();
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 10, 0, 0).unwrap();
        let id = Uuid::new_v4();
        let before = cache.generation();
        cache.forget_user(id);
        cache.put("h", TokenKind::Api, now + chrono::Duration::hours(1), user(id), before);
        assert!(cache.get("h", TokenKind::Api, now).is_none());
    }

    #[test]
    fn the_map_stays_bounded() {
        let cache = TokenCache::default();
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 10, 0, 0).unwrap();
        for i in 0..(MAX_ENTRIES * 3) {
            cache.put(
                &i.to_string(),
                TokenKind::Api,
                now,
                user(Uuid::new_v4()),
                cache.generation(),
            );
        }
        assert!(cache.lock().len() <= MAX_ENTRIES * 2);
    }
}
