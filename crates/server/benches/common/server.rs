//! The real `mentorhub` binary as a separate process, so what a bench
//! measures of its memory is the server's alone. (Not every bench starts one.)
#![allow(dead_code)]

use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub struct Server {
    pub child: Child,
    pub base: String,
}

impl Server {
    pub fn pid(&self) -> String {
        self.child.id().to_string()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `mentorhub serve` on `url` and a free loopback port, and waits
/// until it accepts connections. Extra environment (e.g. MALLOC_ARENA_MAX)
/// passes through to it.
pub async fn start(url: &str) -> Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_mentorhub"))
        .arg("serve")
        .env("MENTORHUB_DATABASE_URL", url)
        .env("MENTORHUB_BIND", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start mentorhub");
    let base = format!("http://127.0.0.1:{port}");
    for _ in 0..200 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Server { child, base };
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("mentorhub did not start");
}
