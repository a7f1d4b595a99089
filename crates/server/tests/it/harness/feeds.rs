//! A real HTTP server for calendar feeds in the tests: it serves what the
//! test sets, answers 304 to a matching `If-None-Match`, redirects, and
//! counts what it was asked.

use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

#[derive(Default)]
pub struct Feed {
    pub body: String,
    pub etag: String,
    pub status: u16,
    pub requests: usize,
    /// The `If-None-Match` of each request, in order.
    pub validators: Vec<Option<String>>,
}

#[derive(Clone)]
pub struct FeedServer {
    pub base: String,
    pub feed: Arc<Mutex<Feed>>,
}

impl FeedServer {
    pub async fn start(body: &str) -> Self {
        let feed = Arc::new(Mutex::new(Feed {
            body: body.to_owned(),
            etag: "\"v1\"".into(),
            status: 200,
            ..Feed::default()
        }));
        let app = Router::new()
            .route("/cal.ics", get(serve))
            .route("/redirect/{n}", get(redirect))
            .route("/big.ics", get(big))
            .with_state(feed.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Self { base, feed }
    }

    pub fn set(&self, body: &str, etag: &str) {
        let mut feed = self.feed.lock().unwrap();
        feed.body = body.to_owned();
        feed.etag = etag.to_owned();
    }

    pub fn set_status(&self, status: u16) {
        self.feed.lock().unwrap().status = status;
    }

    pub fn requests(&self) -> usize {
        self.feed.lock().unwrap().requests
    }

    pub fn last_validator(&self) -> Option<String> {
        self.feed.lock().unwrap().validators.last().cloned().flatten()
    }
}

async fn serve(State(feed): State<Arc<Mutex<Feed>>>, headers: HeaderMap) -> Response {
    let mut feed = feed.lock().unwrap();
    feed.requests += 1;
    let given = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    feed.validators.push(given.clone());
    if feed.status != 200 {
        return StatusCode::from_u16(feed.status)
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
            .into_response();
    }
    if given.as_deref() == Some(feed.etag.as_str()) {
        return StatusCode::NOT_MODIFIED.into_response();
    }
    (
        [
            (header::CONTENT_TYPE, "text/calendar".to_owned()),
            (header::ETAG, feed.etag.clone()),
        ],
        feed.body.clone(),
    )
        .into_response()
}

/// `n` more redirects, then the feed.
async fn redirect(Path(n): Path<u32>) -> Response {
    let to = if n == 0 {
        "/cal.ics".to_owned()
    } else {
        format!("/redirect/{}", n - 1)
    };
    (StatusCode::FOUND, [(header::LOCATION, to)]).into_response()
}

async fn big() -> Response {
    "X".repeat(6 * 1024 * 1024).into_response()
}
