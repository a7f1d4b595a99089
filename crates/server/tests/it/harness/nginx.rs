//! nginx (Debian's package) in front of several instances, as a deployment
//! would put it: round robin, WebSocket upgrades passed through, its own
//! prefix and port in a temporary directory, stopped when dropped. With
//! CI=true a missing nginx fails the test; elsewhere the test is skipped.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use tokio::process::{Child, Command};

pub struct Nginx {
    child: Child,
    dir: PathBuf,
    pub base: String,
}

fn binary() -> Option<PathBuf> {
    ["/usr/sbin/nginx", "/usr/bin/nginx"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

impl Nginx {
    /// Starts nginx balancing over `upstreams` (`127.0.0.1:port` each).
    pub async fn start(upstreams: &[String]) -> Option<Nginx> {
        let Some(nginx) = binary() else {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("CI=true but nginx is not installed (apt-get install nginx)");
            }
            eprintln!("nginx is not installed; skipping");
            return None;
        };
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let dir = std::env::temp_dir().join(format!("mentorhub-nginx-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(dir.join("logs")).expect("nginx dir");
        let d = dir.display();
        let servers: String = upstreams.iter().map(|u| format!("    server {u};\n")).collect();
        let conf = format!(
            "master_process off;\nerror_log {d}/logs/error.log warn;\npid {d}/nginx.pid;\n\
             events {{ worker_connections 512; }}\n\
             http {{\n  access_log off;\n  client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n\
               fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n\
               upstream mentorhub {{\n{servers}    keepalive 16;\n  }}\n\
               map $http_upgrade $connection_upgrade {{ default upgrade; '' ''; }}\n\
               server {{\n    listen 127.0.0.1:{port};\n    location / {{\n      proxy_pass http://mentorhub;\n\
                 proxy_http_version 1.1;\n      proxy_set_header Upgrade $http_upgrade;\n\
                 proxy_set_header Connection $connection_upgrade;\n      proxy_set_header Host $host;\n\
                 proxy_set_header X-Forwarded-For $remote_addr;\n      proxy_read_timeout 60s;\n    }}\n  }}\n}}\n"
        );
        std::fs::write(dir.join("nginx.conf"), conf).expect("nginx.conf");
        // One process (nothing outlives a kill) logging to its own prefix
        // from the start (`-e`: Debian's build would open /var/log first).
        let mut child = Command::new(nginx)
            .arg("-e")
            .arg(dir.join("logs/startup.log"))
            .arg("-p")
            .arg(&dir)
            .arg("-c")
            .arg(dir.join("nginx.conf"))
            .arg("-g")
            .arg("daemon off;")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .expect("nginx starts");
        for _ in 0..100 {
            if let Ok(Some(status)) = child.try_wait() {
                let log = std::fs::read_to_string(dir.join("logs/error.log")).unwrap_or_default();
                panic!("nginx exited at start ({status}): {log}");
            }
            if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                return Some(Nginx {
                    child,
                    dir,
                    base: format!("http://127.0.0.1:{port}"),
                });
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("nginx did not listen on {port}");
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
