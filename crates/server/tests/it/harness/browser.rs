//! A real Chromium, driven through Debian's chromedriver with fantoccini.
//! With CI=true a missing browser fails the test; elsewhere the journey is
//! skipped with a message, so a laptop without Chromium can still run the
//! rest of the suite.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

/// The zone the browser believes it is in; not UTC, so tests see that pages
/// use the browser's zone rather than a default.
pub const BROWSER_ZONE: &str = "Europe/Berlin";

pub struct Browser {
    pub client: Client,
    driver: Child,
    profile_dir: PathBuf,
}

fn find(env: &str, candidates: &[&str]) -> Option<PathBuf> {
    if let Ok(path) = std::env::var(env) {
        return Some(PathBuf::from(path));
    }
    candidates.iter().map(PathBuf::from).find(|p| p.exists())
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

/// Starts chromedriver and a headless Chromium, or `None` (outside CI)
/// when they are not installed.
pub async fn launch() -> Option<Browser> {
    launch_with(&[]).await
}

/// Like `launch`, with extra Chromium switches (e.g. `--force-dark-mode`).
pub async fn launch_with(extra_args: &[&str]) -> Option<Browser> {
    let driver_path = find(
        "MENTORHUB_CHROMEDRIVER",
        &["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"],
    );
    let chrome_path = find(
        "MENTORHUB_CHROMIUM",
        &["/usr/bin/chromium", "/usr/bin/chromium-browser"],
    );
    let (Some(driver_path), Some(chrome_path)) = (driver_path, chrome_path) else {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("CI=true but chromium/chromedriver are not installed (apt-get install chromium chromium-driver)");
        }
        eprintln!("SKIPPED browser journey: chromium and chromedriver are not installed");
        return None;
    };
    let port = free_port();
    let driver = Command::new(&driver_path)
        .arg(format!("--port={port}"))
        .env("TZ", BROWSER_ZONE)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("could not start {}: {e}", driver_path.display()));
    let profile_dir = std::env::temp_dir().join(format!("mentorhub-chrome-{}", uuid::Uuid::new_v4().simple()));
    let mut args: Vec<String> = [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--disable-quic",
        "--window-size=1280,900",
    ]
    .iter()
    .map(|a| a.to_string())
    .collect();
    args.push(format!("--user-data-dir={}", profile_dir.display()));
    args.extend(extra_args.iter().map(|a| a.to_string()));
    let capabilities = json!({
        "goog:chromeOptions": { "binary": chrome_path, "args": args }
    });
    let capabilities = match capabilities {
        serde_json::Value::Object(map) => map,
        _ => unreachable!(),
    };
    let url = format!("http://127.0.0.1:{port}");
    let mut last_error = String::new();
    for _ in 0..100 {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector)
            .capabilities(capabilities.clone())
            .connect(&url)
            .await
        {
            Ok(client) => {
                return Some(Browser {
                    client,
                    driver,
                    profile_dir,
                })
            }
            Err(e) => {
                last_error = e.to_string();
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
    panic!("could not start a Chromium session: {last_error}");
}

impl Browser {
    pub async fn goto(&self, url: &str) {
        self.client
            .goto(url)
            .await
            .unwrap_or_else(|e| panic!("goto {url}: {e}"));
    }

    pub async fn fill(&self, css: &str, value: &str) {
        let field = self
            .client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("find {css}: {e}"));
        field.clear().await.unwrap_or_else(|e| panic!("clear {css}: {e}"));
        field
            .send_keys(value)
            .await
            .unwrap_or_else(|e| panic!("type into {css}: {e}"));
    }

    pub async fn click(&self, css: &str) {
        let element = self
            .client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("find {css}: {e}"));
        element.click().await.unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// Waits until an element matching `css` exists and returns its text.
    pub async fn text_of(&self, css: &str) -> String {
        let element = self
            .client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("waiting for {css}: {e}"));
        element.text().await.unwrap_or_default()
    }

    /// Waits until an element matching `css` contains `expected`; pages
    /// load after a click, so reading at once could see the old page.
    pub async fn wait_for_text(&self, css: &str, expected: &str) {
        let mut seen = String::new();
        for _ in 0..100 {
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                seen = element.text().await.unwrap_or_default();
                if seen.contains(expected) {
                    return;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{css} never showed {expected:?}; last saw {seen:?}");
    }

    /// Signs in through the page with the harness's test password.
    pub async fn sign_in(&self, base: &str, email: &str) {
        self.goto(&format!("{base}/signin")).await;
        self.fill("#email", email).await;
        self.fill("#password", "correct horse battery").await;
        self.click("main button[type=submit]").await;
        self.wait_for_text("main h1", "Welcome").await;
    }

    pub async fn sign_out(&self) {
        self.click("form[action='/signout'] button").await;
        self.wait_for_text(".flash", "You are signed out.").await;
    }

    pub async fn path(&self) -> String {
        self.client.current_url().await.expect("current url").path().to_owned()
    }

    /// Keeps a screenshot as a test artifact under `artifacts/`.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.client.screenshot().await.expect("screenshot");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../artifacts");
        std::fs::create_dir_all(&dir).expect("artifacts dir");
        let path = dir.join(format!("{name}.png"));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("artifacts dir");
        }
        std::fs::write(&path, &png).expect("write screenshot");
        assert!(png.starts_with(b"\x89PNG"), "a screenshot is a PNG");
        path
    }

    /// Resizes the window so the page's layout viewport is `width` wide.
    pub async fn resize(&self, width: u32, height: u32) {
        self.client
            .set_window_size(width, height)
            .await
            .unwrap_or_else(|e| panic!("resize to {width}x{height}: {e}"));
        // The window may include a frame: correct by what the page sees.
        let inner = self
            .client
            .execute("return window.innerWidth", vec![])
            .await
            .expect("innerWidth");
        let inner = inner.as_u64().unwrap_or(u64::from(width)) as i64;
        if inner != i64::from(width) {
            let outer = (2 * i64::from(width) - inner).max(1) as u32;
            self.client.set_window_size(outer, height).await.expect("resize again");
            let inner = self
                .client
                .execute("return window.innerWidth", vec![])
                .await
                .expect("innerWidth");
            assert_eq!(inner, json!(width), "the page is {width} px wide");
        }
    }

    /// Elements that stick out past the right edge, when the page scrolls
    /// sideways (`scrollWidth > innerWidth`); empty when it does not.
    pub async fn horizontal_overflow(&self) -> Vec<String> {
        const SCRIPT: &str = r##"
            const width = window.innerWidth;
            if (document.documentElement.scrollWidth <= width) return [];
            const out = [];
            for (const el of document.querySelectorAll("body *")) {
                const box = el.getBoundingClientRect();
                const closed = el.closest("details:not([open])");
                const hidden = closed && !el.matches("details > summary, details > summary *");
                if (!hidden && box.right > width + 0.5 && getComputedStyle(el).position !== "fixed") {
                    const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
                        (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "");
                    const parent = el.parentElement;
                    const where = parent ? " in " + parent.tagName.toLowerCase() + (parent.id ? "#" + parent.id : "") +
                        (typeof parent.className === "string" && parent.className ? "." + parent.className.trim().split(/\s+/).join(".") : "") : "";
                    out.push(name + where + " right=" + Math.round(box.right));
                }
            }
            return out.slice(0, 10).concat(["scrollWidth=" + document.documentElement.scrollWidth]);
        "##;
        let found = self.client.execute(SCRIPT, vec![]).await.expect("overflow check");
        serde_json::from_value(found).unwrap_or_default()
    }

    /// Runs axe-core (the npm package pinned in tests/axe) on the page and
    /// returns its serious and critical violations as "id: target" lines.
    /// `None` outside CI when the package is not installed.
    pub async fn axe_serious(&self) -> Option<Vec<String>> {
        let source = axe_source()?;
        self.client.execute(&source, vec![]).await.expect("inject axe-core");
        let ready = self
            .client
            .execute("return typeof axe.run", vec![])
            .await
            .expect("axe loaded");
        assert_eq!(ready, json!("function"), "axe-core is on the page");
        const RUN: &str = r#"
            const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ["violations"] }).then(
                (r) => done(r.violations
                    .filter((v) => v.impact === "serious" || v.impact === "critical")
                    .map((v) => v.id + " (" + v.impact + "): " + v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", "))),
                (e) => done(["axe failed: " + e]));
        "#;
        let found = self.client.execute_async(RUN, vec![]).await.expect("axe.run");
        Some(serde_json::from_value(found).unwrap_or_default())
    }

    /// Keeps a screenshot under `artifacts/<dir>/`.
    pub async fn screenshot_in(&self, dir: &str, name: &str) -> PathBuf {
        self.screenshot(&format!("{dir}/{name}")).await
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile_dir);
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
    }
}

/// axe-core's browser bundle from `tests/axe/node_modules` (installed by
/// `scripts/test.sh` with `npm ci`). With CI=true it must be there.
fn axe_source() -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/axe/node_modules/axe-core/axe.min.js");
    match std::fs::read_to_string(&path) {
        Ok(source) => Some(source),
        Err(_) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!(
                "CI=true but {} is missing (npm ci --prefix crates/server/tests/axe)",
                path.display()
            )
        }
        Err(_) => {
            eprintln!("SKIPPED axe-core checks: run npm ci --prefix crates/server/tests/axe");
            None
        }
    }
}
