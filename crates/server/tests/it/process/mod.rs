//! The real `mentorhub` binary as a separate process: killed with SIGKILL
//! mid-stream, backed up and restored, upgraded from an earlier schema.

mod backup;
mod behind_nginx;
mod durability;
mod logs;
mod upgrade;

use std::process::Stdio;
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{Method, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;
use tokio::process::{Child, Command};

/// A running `mentorhub` process on a free local port.
pub struct Server {
    child: Child,
    pub base: String,
}

impl Server {
    /// Starts `mentorhub [args]` on `database_url` and waits until it is ready.
    pub async fn start(database_url: &str, args: &[&str]) -> Server {
        Self::start_with(database_url, args, &[]).await
    }

    /// Like `start`, with more environment variables.
    pub async fn start_with(database_url: &str, args: &[&str], env: &[(&str, &str)]) -> Server {
        let port = free_port();
        let child = Command::new(env!("CARGO_BIN_EXE_mentorhub"))
            .args(args)
            .envs(env.iter().copied())
            .env("MENTORHUB_DATABASE_URL", database_url)
            .env("MENTORHUB_BIND", format!("127.0.0.1:{port}"))
            .env("RUST_LOG", "error")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("the mentorhub binary starts");
        let server = Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        let http = Http::new(&server.base);
        for _ in 0..200 {
            if let Ok((StatusCode::OK, _)) = http.call(Method::GET, "/readyz", None, None).await {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("mentorhub did not become ready at {}", server.base);
    }

    /// SIGTERM, and wait for the graceful stop.
    pub async fn terminate(mut self) {
        if let Some(pid) = self.child.id() {
            let _ = Command::new("kill").arg("-TERM").arg(pid.to_string()).status().await;
        }
        let _ = tokio::time::timeout(Duration::from_secs(40), self.child.wait()).await;
    }

    /// SIGKILL: no shutdown, no flush, no goodbye.
    pub async fn kill9(mut self) {
        self.child.start_kill().expect("kill");
        let _ = self.child.wait().await;
    }
}

/// Runs `mentorhub args` to the end; returns its exit status and output.
pub async fn run_command(database_url: &str, args: &[&str]) -> (bool, String) {
    run_command_with(database_url, args, &[]).await
}

/// Like `run_command`, with more environment variables.
pub async fn run_command_with(database_url: &str, args: &[&str], env: &[(&str, &str)]) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_mentorhub"))
        .args(args)
        .env("MENTORHUB_DATABASE_URL", database_url)
        .env("RUST_LOG", "error")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .await
        .expect("the mentorhub binary runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned() + &String::from_utf8_lossy(&output.stdout),
    )
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A plain HTTP/1 client for a server in another process.
#[derive(Clone)]
pub struct Http {
    client: Client<HttpConnector, Full<Bytes>>,
    base: String,
}

impl Http {
    pub fn new(base: &str) -> Self {
        let mut connector = HttpConnector::new();
        connector.set_connect_timeout(Some(Duration::from_secs(2)));
        Self {
            client: Client::builder(TokioExecutor::new()).build(connector),
            base: base.to_owned(),
        }
    }

    /// The status and JSON body (Null when empty), or an error when the
    /// connection failed (the server is gone).
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> Result<(StatusCode, Value), String> {
        let mut builder = Request::builder().method(method).uri(format!("{}{path}", self.base));
        if let Some(token) = token {
            builder = builder.header("authorization", format!("Bearer {token}"));
        }
        let payload = match body {
            Some(value) => {
                builder = builder.header("content-type", "application/json");
                Bytes::from(value.to_string())
            }
            None => Bytes::new(),
        };
        let request = builder.body(Full::new(payload)).map_err(|e| e.to_string())?;
        let response = tokio::time::timeout(Duration::from_secs(10), self.client.request(request))
            .await
            .map_err(|_| "timed out".to_owned())?
            .map_err(|e| e.to_string())?;
        let status = response.status();
        let bytes = response
            .into_body()
            .collect()
            .await
            .map_err(|e| e.to_string())?
            .to_bytes();
        let value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or(Value::Null)
        };
        Ok((status, value))
    }
}
