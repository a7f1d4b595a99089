//! A real SMTP server for the mail tests: aiosmtpd (PyPI, installed by
//! scripts/test.sh into target/test-venv), storing each message it accepts
//! in a Maildir that the test reads back. Without it the mail tests are
//! skipped with a message, except under CI=true, where that fails.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use tokio::process::{Child, Command};

pub struct SmtpSink {
    child: Option<Child>,
    pub port: u16,
    dir: PathBuf,
}

fn python() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/test-venv/bin/python")
}

impl SmtpSink {
    /// A fresh server on a free port, or `None` when aiosmtpd is missing
    /// (outside CI).
    pub async fn start() -> Option<Self> {
        if !python().exists() {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "CI=true: aiosmtpd is missing (scripts/test.sh installs it)"
            );
            eprintln!("skipping: no aiosmtpd in target/test-venv (run scripts/test.sh)");
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let dir = std::env::temp_dir().join(format!("mentorhub-mail-{}", uuid::Uuid::new_v4().simple()));
        let mut sink = SmtpSink { child: None, port, dir };
        sink.resume().await;
        Some(sink)
    }

    /// The URL the app sends to.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Stops the server (mail to it fails until `resume`).
    pub async fn pause(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.start_kill();
            let _ = child.wait().await;
        }
    }

    /// Starts it (again) on the same port and Maildir.
    pub async fn resume(&mut self) {
        let child = Command::new(python())
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{}", self.port)])
            .args([
                "-c",
                "aiosmtpd.handlers.Mailbox",
                self.dir.to_str().expect("utf-8 path"),
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("aiosmtpd starts");
        self.child = Some(child);
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", self.port)).await.is_ok() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("aiosmtpd did not start on port {}", self.port);
    }

    /// Every message received so far, raw, oldest first.
    pub fn raw_messages(&self) -> Vec<Vec<u8>> {
        let mut files: Vec<(std::time::SystemTime, PathBuf)> = ["new", "cur"]
            .iter()
            .filter_map(|sub| std::fs::read_dir(self.dir.join(sub)).ok())
            .flatten()
            .filter_map(|e| e.ok())
            .map(|e| {
                (
                    e.metadata().and_then(|m| m.modified()).unwrap_or(std::time::UNIX_EPOCH),
                    e.path(),
                )
            })
            .collect();
        files.sort();
        files.into_iter().filter_map(|(_, p)| std::fs::read(p).ok()).collect()
    }

    /// Waits (up to five seconds) until `count` messages arrived.
    pub async fn wait_for(&self, count: usize) -> Vec<Vec<u8>> {
        for _ in 0..100 {
            let messages = self.raw_messages();
            if messages.len() >= count {
                return messages;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.raw_messages()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
