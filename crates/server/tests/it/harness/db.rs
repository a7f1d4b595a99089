//! A fresh database per test: a temporary SQLite file, or a new schema in
//! the PostgreSQL database named by MENTORHUB_TEST_DATABASE_URL. Both are
//! removed when the test ends, pass or fail.

use std::path::PathBuf;

use mentorhub_domain::MentorProfile;
use mentorhub_store::seed::SeedMentor;
use mentorhub_store::NewUser;
use sqlx::Connection;
use uuid::Uuid;

pub enum TestDb {
    Sqlite(PathBuf),
    Postgres { admin_url: String, schema: String },
}

impl TestDb {
    /// Creates the database and returns it with the URL the app should use.
    pub async fn create() -> (Self, String) {
        match std::env::var("MENTORHUB_TEST_DATABASE_URL") {
            Ok(url) if !url.trim().is_empty() => {
                assert!(
                    url.starts_with("postgres"),
                    "MENTORHUB_TEST_DATABASE_URL must be a postgres:// URL"
                );
                let schema = format!("t_{}", Uuid::new_v4().simple());
                let mut conn = sqlx::PgConnection::connect(&url)
                    .await
                    .unwrap_or_else(|e| panic!("PostgreSQL at MENTORHUB_TEST_DATABASE_URL is not reachable: {e}"));
                sqlx::query(&format!("CREATE SCHEMA {schema}"))
                    .execute(&mut conn)
                    .await
                    .expect("create schema");
                let _ = conn.close().await;
                let separator = if url.contains('?') { '&' } else { '?' };
                let app_url = format!("{url}{separator}options=-c%20search_path%3D{schema}");
                (TestDb::Postgres { admin_url: url, schema }, app_url)
            }
            _ => {
                let path = std::env::temp_dir().join(format!("mentorhub-test-{}.db", Uuid::new_v4().simple()));
                let url = format!("sqlite://{}", path.display());
                (TestDb::Sqlite(path), url)
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match self {
            TestDb::Sqlite(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut p = path.clone().into_os_string();
                    p.push(suffix);
                    let _ = std::fs::remove_file(p);
                }
            }
            TestDb::Postgres { admin_url, schema } => {
                let (url, schema) = (admin_url.clone(), schema.clone());
                // Drop runs inside the test's runtime; a separate thread
                // with its own runtime can block on the cleanup.
                let _ = std::thread::spawn(move || {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .expect("runtime");
                    runtime.block_on(async move {
                        if let Ok(mut conn) = sqlx::PgConnection::connect(&url).await {
                            let _ = sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
                                .execute(&mut conn)
                                .await;
                            let _ = conn.close().await;
                        }
                    });
                })
                .join();
            }
        }
    }
}

/// A mentee to write straight through the store, for tests below the API.
pub fn plain_user(email: &str, name: &str) -> NewUser {
    NewUser {
        id: Uuid::new_v4(),
        email: email.to_owned(),
        email_normalized: email.to_owned(),
        password_hash: "not a hash".into(),
        name: name.to_owned(),
        is_mentee: true,
        is_mentor: false,
        is_admin: false,
        timezone: "Europe/Berlin".into(),
        now: chrono::Utc::now(),
    }
}

/// A listed mentor with these tags, to write in bulk through the store
/// (`Store::insert_mentors_bulk`).
pub fn seed_mentor(email: &str, name: &str, expertise: &[&str], specializations: &[&str]) -> SeedMentor {
    SeedMentor {
        user: NewUser {
            is_mentee: false,
            is_mentor: true,
            timezone: "UTC".into(),
            ..plain_user(email, name)
        },
        profile: MentorProfile {
            headline: "Engineer".into(),
            bio: String::new(),
            company: "Acme".into(),
            job_title: "Engineer".into(),
            expertise: expertise.iter().map(|t| t.to_string()).collect(),
            specializations: specializations.iter().map(|t| t.to_string()).collect(),
            years_experience: 5,
            languages: vec![],
            accepting_mentees: true,
            max_mentees: 3,
        },
        active_mentees: 0,
        rating_sum: 0,
        rating_count: 0,
    }
}
