//! `mentorhub backup FILE` makes a consistent copy of a SQLite database while
//! the server runs; `mentorhub restore FILE` puts it back, and what was
//! written before the backup reads back (what came after is gone).

use axum::http::{Method, StatusCode};
use serde_json::json;

use super::{run_command, Http, Server};

fn temp(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("mentorhub-{name}-{}.db", uuid::Uuid::new_v4().simple()))
}

async fn register(http: &Http, email: &str) -> String {
    let body = json!({"email": email, "password": "correct horse battery", "name": "Backed Up", "roles": ["mentee"]});
    let (status, value) = http
        .call(Method::POST, "/api/auth/register", None, Some(&body))
        .await
        .unwrap();
    assert_eq!(status, StatusCode::CREATED, "{value}");
    value["token"].as_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_serving_restores_and_reads_back() {
    let (db, backup) = (temp("live"), temp("backup"));
    let url = format!("sqlite://{}", db.display());
    let server = Server::start(&url, &[]).await;
    let http = Http::new(&server.base);
    let token = register(&http, "before@example.com").await;

    let (ok, out) = run_command(&url, &["backup", backup.to_str().unwrap()]).await;
    assert!(ok, "backup: {out}");
    let (again, out) = run_command(&url, &["backup", backup.to_str().unwrap()]).await;
    assert!(
        !again && out.contains("exists"),
        "an existing file is never overwritten: {out}"
    );
    register(&http, "after@example.com").await;
    server.kill9().await;

    let (ok, out) = run_command(&url, &["restore", backup.to_str().unwrap()]).await;
    assert!(ok, "restore: {out}");
    let server = Server::start(&url, &[]).await;
    let http = Http::new(&server.base);
    let (status, me) = http.call(Method::GET, "/api/me", Some(&token), None).await.unwrap();
    assert_eq!(status, StatusCode::OK, "the token from before the backup works");
    assert_eq!(me["email"], "before@example.com");
    let login = json!({"email": "after@example.com", "password": "correct horse battery"});
    let (status, _) = http
        .call(Method::POST, "/api/auth/login", None, Some(&login))
        .await
        .unwrap();
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "the account made after the backup is gone"
    );
    server.kill9().await;

    // A file that is not a Mentorhub database is refused and changes nothing.
    let junk = temp("junk");
    std::fs::write(&junk, b"not a database").unwrap();
    let (ok, out) = run_command(&url, &["restore", junk.to_str().unwrap()]).await;
    assert!(!ok, "junk restored: {out}");
    let server = Server::start(&url, &[]).await;
    let (status, _) = Http::new(&server.base)
        .call(Method::GET, "/api/me", Some(&token), None)
        .await
        .unwrap();
    assert_eq!(status, StatusCode::OK);
    server.kill9().await;
    for file in [db, backup, junk] {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
        }
    }
}

#[tokio::test]
async fn postgres_backups_point_to_pg_dump() {
    let (ok, out) = run_command("postgres://postgres@127.0.0.1:1/none", &["backup", "/tmp/never.db"]).await;
    assert!(!ok);
    assert!(out.contains("pg_dump"), "{out}");
    let (ok, out) = run_command("postgres://postgres@127.0.0.1:1/none", &["restore", "/tmp/never.db"]).await;
    assert!(!ok && out.contains("pg_restore"), "{out}");
}
