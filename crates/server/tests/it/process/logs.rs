//! Logs written to a file or a pipe carry no terminal colour codes.

use super::run_command_with;

#[tokio::test]
async fn logs_off_a_terminal_have_no_colour_codes() {
    let db = std::env::temp_dir().join(format!("mentorhub-logs-{}.db", uuid::Uuid::new_v4().simple()));
    let url = format!("sqlite://{}", db.display());
    let (ok, out) = run_command_with(&url, &["migrate"], &[("RUST_LOG", "info")]).await;
    assert!(ok, "{out}");
    assert!(out.contains("migrations applied"), "the log line is there: {out}");
    assert!(!out.contains('\u{1b}'), "no ANSI escape codes: {out:?}");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
}
