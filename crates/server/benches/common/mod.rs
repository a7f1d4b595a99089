//! What every benchmark shares: the databases it runs on (a temporary
//! SQLite file, and a fresh PostgreSQL schema when
//! MENTORHUB_BENCH_DATABASE_URL is set), both removed afterwards unless
//! MENTORHUB_BENCH_KEEP is set (to look at them with sqlite3 or psql; their
//! names are printed); MENTORHUB_BENCH_SQLITE=0 leaves SQLite out.

use std::future::Future;

use sqlx::Connection;

pub mod server;
use uuid::Uuid;

/// Runs `bench(label, url)` on SQLite, then on PostgreSQL when configured.
pub async fn on_each_database<F, Fut>(name: &str, mut bench: F)
where
    F: FnMut(&'static str, String) -> Fut,
    Fut: Future<Output = ()>,
{
    let path = std::env::temp_dir().join(format!("mentorhub-{name}-{}.db", Uuid::new_v4().simple()));
    let keep = std::env::var_os("MENTORHUB_BENCH_KEEP").is_some();
    // MENTORHUB_BENCH_SQLITE=0 measures PostgreSQL alone.
    if std::env::var("MENTORHUB_BENCH_SQLITE").as_deref() != Ok("0") {
        bench("SQLite", format!("sqlite://{}", path.display())).await;
    }
    if keep {
        eprintln!("kept {}", path.display());
    }
    for suffix in ["", "-wal", "-shm"].iter().filter(|_| !keep) {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    if let Ok(url) = std::env::var("MENTORHUB_BENCH_DATABASE_URL") {
        let schema = format!("bench_{}", Uuid::new_v4().simple());
        let mut admin = sqlx::PgConnection::connect(&url).await.expect("PostgreSQL");
        sqlx::query(&format!("CREATE SCHEMA {schema}"))
            .execute(&mut admin)
            .await
            .expect("schema");
        let separator = if url.contains('?') { '&' } else { '?' };
        bench(
            "PostgreSQL",
            format!("{url}{separator}options=-c%20search_path%3D{schema}"),
        )
        .await;
        if keep {
            eprintln!("kept schema {schema}");
            return;
        }
        sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
            .execute(&mut admin)
            .await
            .expect("drop");
    }
}

/// The value at fraction `p` of sorted samples (NaN when there are none).
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// A whole-number setting from the environment. (Each bench compiles this
/// module on its own; not all of them use every helper.)
#[allow(dead_code)]
pub fn env(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// A memory figure in KiB from `/proc/<process>/status` (`process` is a
/// pid or "self"; `field` e.g. "VmRSS:" or the peak, "VmHWM:").
#[allow(dead_code)]
pub fn status_kib(process: &str, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{process}/status"))
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(field)).map(str::to_owned))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}
