//! The JSON answers of a few hot reads (mentor search and profiles, a
//! person's mentorships and dashboard), kept per instance for at most a
//! second and only while nothing they are read from changed.
//!
//! An answer is kept with the version of the tables it was read from
//! (`mentorhub_store::changes`), taken before the read, and is given again
//! only while that version is unchanged: a write that committed during the
//! read moves it afterwards, so an answer that may have missed the write is
//! never given. Within an instance every committed write moves it before the
//! write's own response leaves, so a person always reads their own writes.
//! Other instances hear of a change through PostgreSQL (milliseconds); the
//! second is the bound if they do not, the same bound the token cache keeps
//! for a sign-out elsewhere. It also bounds how long an answer that depends
//! on the time (what is still "upcoming") can lag behind the clock, and an
//! answer is never given at an app time before the one it was read at or a
//! second past it (tests move the clock).
//!
//! Private answers are keyed by the person, after authentication: a
//! suspended person or a revoked token is refused as before.

use std::collections::HashMap;
use std::future::Future;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use mentorhub_store::changes::{Changes, Table};
use serde::Serialize;
use uuid::Uuid;

use crate::web::error::{Error, Result};

const FRESH_FOR: Duration = Duration::from_secs(1);
/// Past this size (bodies) or count, stale answers are dropped; if that is
/// not enough, all (memory stays bounded whatever the requests).
const MAX_BYTES: usize = 4 * 1024 * 1024;
const MAX_ENTRIES: usize = 4096;

/// Which read an answer is, and for whom.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    route: &'static str,
    /// `None` for answers everyone gets alike.
    person: Option<Uuid>,
    /// The request's query string, as sent.
    query: String,
}

impl Key {
    pub fn public(route: &'static str, query: Option<&str>) -> Self {
        Self {
            route,
            person: None,
            query: query.unwrap_or_default().to_owned(),
        }
    }

    pub fn private(route: &'static str, person: Uuid, query: Option<&str>) -> Self {
        Self {
            person: Some(person),
            ..Self::public(route, query)
        }
    }
}

struct Entry {
    version: u64,
    at: Instant,
    app_time: DateTime<Utc>,
    body: Bytes,
}

#[derive(Default)]
struct Entries {
    map: HashMap<Key, Entry>,
    bytes: usize,
}

pub struct ResponseCache {
    /// Off: every answer is read (`MENTORHUB_RESPONSE_CACHE=false`).
    on: bool,
    entries: Mutex<Entries>,
}

impl ResponseCache {
    pub fn new(on: bool) -> Self {
        Self {
            on,
            entries: Mutex::default(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The answer for `key` at app time `now`: kept, or made by `read`
    /// from `tables` (whose changes `changes` counts) and kept.
    pub async fn json<T, F>(
        &self,
        changes: &Changes,
        now: DateTime<Utc>,
        key: Key,
        tables: &[Table],
        read: F,
    ) -> Result<Response>
    where
        T: Serialize,
        F: Future<Output = Result<T>>,
    {
        if !self.on {
            return Ok(json_response(to_json(&read.await?)?));
        }
        // Taken before reading: a write that commits meanwhile moves it.
        let version = changes.version(tables);
        if let Some(body) = self.get(&key, version, now) {
            return Ok(json_response(body));
        }
        let body = to_json(&read.await?)?;
        self.put(key, version, now, body.clone());
        Ok(json_response(body))
    }

    fn get(&self, key: &Key, version: u64, now: DateTime<Utc>) -> Option<Bytes> {
        let entries = self.lock();
        let entry = entries.map.get(key)?;
        fresh(entry, version, now).then(|| entry.body.clone())
    }

    fn put(&self, key: Key, version: u64, now: DateTime<Utc>, body: Bytes) {
        let mut entries = self.lock();
        let size = body.len();
        if entries.bytes + size > MAX_BYTES || entries.map.len() >= MAX_ENTRIES {
            entries.map.retain(|_, e| e.at.elapsed() < FRESH_FOR);
            entries.bytes = entries.map.values().map(|e| e.body.len()).sum();
            if entries.bytes + size > MAX_BYTES || entries.map.len() >= MAX_ENTRIES {
                entries.map.clear();
                entries.bytes = 0;
            }
        }
        let entry = Entry {
            version,
            at: Instant::now(),
            app_time: now,
            body,
        };
        entries.bytes += size;
        if let Some(old) = entries.map.insert(key, entry) {
            entries.bytes -= old.body.len();
        }
    }

    /// Answers kept now, and their bytes (for tests and `/metrics`).
    pub fn size(&self) -> (usize, usize) {
        let entries = self.lock();
        (entries.map.len(), entries.bytes)
    }
}

fn fresh(entry: &Entry, version: u64, now: DateTime<Utc>) -> bool {
    let since_read = now.signed_duration_since(entry.app_time);
    entry.version == version
        && entry.at.elapsed() < FRESH_FOR
        && since_read >= chrono::Duration::zero()
        && since_read.to_std().is_ok_and(|d| d < FRESH_FOR)
}

fn to_json<T: Serialize>(value: &T) -> Result<Bytes> {
    serde_json::to_vec(value).map(Bytes::from).map_err(Error::internal)
}

/// What `axum::Json` answers.
fn json_response(body: Bytes) -> Response {
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(version: u64, app_time: DateTime<Utc>) -> Entry {
        Entry {
            version,
            at: Instant::now(),
            app_time,
            body: Bytes::from_static(b"{}"),
        }
    }

    #[test]
    fn an_answer_is_fresh_for_its_version_and_one_second_of_app_time() {
        let t = Utc::now();
        let kept = entry(7, t);
        assert!(fresh(&kept, 7, t));
        assert!(fresh(&kept, 7, t + chrono::Duration::milliseconds(999)));
        assert!(!fresh(&kept, 8, t), "a table it was read from changed");
        assert!(!fresh(&kept, 7, t + chrono::Duration::seconds(1)), "the clock moved on");
        assert!(
            !fresh(&kept, 7, t - chrono::Duration::seconds(1)),
            "the clock went back"
        );
        let old = Entry {
            at: Instant::now() - FRESH_FOR,
            ..entry(7, t)
        };
        assert!(!fresh(&old, 7, t), "kept a second of real time");
    }

    #[test]
    fn memory_stays_bounded() {
        let cache = ResponseCache::new(true);
        let t = Utc::now();
        let big = Bytes::from(vec![b'x'; MAX_BYTES / 3]);
        for i in 0..10 {
            cache.put(Key::public("test", Some(&i.to_string())), 1, t, big.clone());
            let (count, bytes) = cache.size();
            assert!(bytes <= MAX_BYTES, "{bytes} bytes in {count} answers");
        }
        for i in 0..(MAX_ENTRIES * 2) {
            cache.put(
                Key::public("small", Some(&i.to_string())),
                1,
                t,
                Bytes::from_static(b"{}"),
            );
        }
        assert!(cache.size().0 <= MAX_ENTRIES);
    }

    #[test]
    fn people_do_not_share_private_answers() {
        let cache = ResponseCache::new(true);
        let t = Utc::now();
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        cache.put(Key::private("mine", a, None), 1, t, Bytes::from_static(b"\"a\""));
        assert!(cache.get(&Key::private("mine", a, None), 1, t).is_some());
        assert!(cache.get(&Key::private("mine", b, None), 1, t).is_none());
        assert!(cache.get(&Key::public("mine", None), 1, t).is_none());
    }
}
