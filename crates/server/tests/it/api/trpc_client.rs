use std::path::Path;
use std::process::Command;

use chrono::{Duration, SecondsFormat};
use serde_json::json;

use crate::harness::TestApp;

/// The real @trpc/client (pinned in tests/trpc-client/package-lock.json,
/// installed by scripts/test.sh) against the real server.
#[tokio::test]
async fn the_real_trpc_client_drives_every_procedure() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/trpc-client");
    let installed = dir.join("node_modules/@trpc/client").exists();
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !(installed && node) {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("CI=true but node or tests/trpc-client/node_modules is missing (scripts/test.sh installs it)");
        }
        eprintln!("SKIPPED @trpc/client test: run `npm ci --prefix crates/server/tests/trpc-client` first");
        return;
    }
    let app = TestApp::spawn().await;
    let (mentee, _) = app.register("mentee@example.com", &["mentee"]).await;
    let (mentor, _) = app.mentor("mentor@example.com", "Mona Mentor", json!({})).await;
    let day = (app.now() + Duration::days(2)).date_naive();
    let dates = json!([
        day.and_hms_opt(10, 0, 0)
            .unwrap()
            .and_utc()
            .to_rfc3339_opts(SecondsFormat::Secs, true),
        day.and_hms_opt(16, 0, 0)
            .unwrap()
            .and_utc()
            .to_rfc3339_opts(SecondsFormat::Secs, true),
    ]);
    let server = app.serve().await;
    let output = tokio::process::Command::new("node")
        .arg("client.mjs")
        .current_dir(&dir)
        .env("MH_BASE", &server.base)
        .env("MH_MENTEE_TOKEN", &mentee)
        .env("MH_MENTOR_TOKEN", &mentor)
        .env("MH_DATES", dates.to_string())
        .output()
        .await
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "client failed:\n{stdout}\n{stderr}");
    let summary: serde_json::Value = serde_json::from_str(stdout.trim()).expect("a JSON summary");
    assert_eq!(summary["ok"], true);
    let id = summary["requestId"].as_str().unwrap();
    let stored = app.get(&format!("/api/mini/requests/{id}"), Some(&mentee)).await.json();
    assert_eq!(stored["status"], "scheduled");
    assert_eq!(stored["session"]["id"], summary["sessionId"]);
}
