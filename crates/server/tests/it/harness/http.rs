//! Drives the real router in-process, or serves it on a port for browsers.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use chrono::{DateTime, Utc};
use http_body_util::BodyExt;
use mentorhub_domain::{Clock, SystemClock};
use mentorhub_server::services::limits::Limits;
use mentorhub_server::{AppState, Application, Config};
use mentorhub_store::Store;
use serde_json::{json, Value};
use tower::ServiceExt;

use super::db::TestDb;

/// A clock tests can move forward; it starts at the real time and ticks a
/// millisecond on every reading, so events keep their order.
pub struct TestClock(std::sync::Mutex<DateTime<Utc>>);

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        let mut now = self.0.lock().unwrap();
        *now += chrono::Duration::milliseconds(1);
        *now
    }
}

pub struct TestApp {
    pub state: AppState,
    pub clock: Arc<TestClock>,
    pub router: Router,
    /// Dropped last: removes the database when the test ends (`None` for a
    /// second instance on another app's database).
    _db: Option<TestDb>,
}

/// Runs one statement on any database by URL.
pub async fn execute_sql_on(url: &str, sql: &str) {
    use sqlx::Connection;
    if url.starts_with("postgres") {
        let mut conn = sqlx::PgConnection::connect(url).await.expect("connect");
        sqlx::query(sql).execute(&mut conn).await.expect("statement runs");
    } else {
        let mut conn = sqlx::SqliteConnection::connect(url).await.expect("connect");
        sqlx::query(sql).execute(&mut conn).await.expect("statement runs");
    }
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl TestResponse {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|_| panic!("expected JSON, got {:?}", String::from_utf8_lossy(&self.body)))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The error code of a contract-format error body.
    pub fn error_code(&self) -> String {
        self.json()["error"]["code"].as_str().unwrap_or_default().to_owned()
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
    }

    /// Every `Set-Cookie` value.
    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(str::to_owned)
            .collect()
    }

    /// The value a `Set-Cookie` gives `name`, if any.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.set_cookies().iter().find_map(|c| {
            let first = c.split(';').next()?;
            let (key, value) = first.split_once('=')?;
            (key == name).then(|| value.to_owned())
        })
    }
}

impl TestApp {
    /// Moves the app's clock forward.
    pub fn advance(&self, by: chrono::Duration) {
        let mut now = self.clock.0.lock().unwrap();
        *now += by;
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Moves the app's clock forward to the next `hour`:00 UTC, so a test
    /// that books "today" sees the same free times whenever it runs.
    pub fn advance_to_utc_hour(&self, hour: u32) {
        let now = self.clock.now();
        let mut at = now
            .date_naive()
            .and_hms_opt(hour, 0, 0)
            .expect("an hour of the day")
            .and_utc();
        if at <= now {
            at += chrono::Duration::days(1);
        }
        self.advance(at - now);
    }

    /// Runs one statement on the test database behind the app's back (to
    /// plant data the app itself would never write).
    pub async fn execute_sql(&self, sql: &str) {
        execute_sql_on(&self.state.config.database_url, sql).await
    }

    pub async fn spawn() -> Self {
        Self::spawn_with_limits(Self::test_limits()).await
    }

    /// The server's limits, but with room for the many sign-ups a test makes
    /// from its one client address.
    pub fn test_limits() -> Limits {
        Limits {
            registrations_per_client: 100_000,
            ..Limits::default()
        }
    }

    pub async fn spawn_with_limits(limits: Limits) -> Self {
        Self::spawn_configured(limits, |_| {}).await
    }

    /// An app whose configuration the test changes first.
    pub async fn spawn_configured(limits: Limits, configure: impl FnOnce(&mut Config)) -> Self {
        let (db, url) = TestDb::create().await;
        Self::over(db, &url, limits, configure).await
    }

    /// An app over a database the test prepared (e.g. at an earlier
    /// schema): migrates it to the current one first, as a start would.
    pub async fn over(db: TestDb, url: &str, limits: Limits, configure: impl FnOnce(&mut Config)) -> Self {
        // Errors the app logs appear in the output of a failing test.
        let _ = tracing_subscriber::fmt()
            .with_test_writer()
            .with_env_filter("error")
            .try_init();
        let url = url.to_owned();
        let store = Store::connect(&url).await.expect("connect to the test database");
        store.migrate().await.expect("migrations apply");
        let clock = Arc::new(TestClock(std::sync::Mutex::new(SystemClock.now())));
        let mut config = Config::for_database(&url);
        configure(&mut config);
        let state = AppState::with_parts(store, config, clock.clone(), limits);
        let router = mentorhub_server::router(state.clone());
        Self {
            state,
            clock,
            router,
            _db: Some(db),
        }
    }

    /// Another instance on the same database: its own pool, limits and
    /// hub, the same clock. Driven in-process like this one.
    pub async fn second_instance(&self, limits: Limits) -> TestApp {
        let url = self.state.config.database_url.clone();
        let store = Store::connect(&url).await.expect("connect");
        let state = AppState::with_parts(store, Config::for_database(&url), self.clock.clone(), limits);
        let router = mentorhub_server::router(state.clone());
        TestApp {
            state,
            clock: self.clock.clone(),
            router,
            _db: None,
        }
    }

    /// How many rows a table has, read behind the app's back.
    pub async fn count_rows(&self, table: &str) -> i64 {
        use sqlx::Connection;
        let sql = format!("SELECT COUNT(*) FROM {table}");
        let url = &self.state.config.database_url;
        if url.starts_with("postgres") {
            let mut conn = sqlx::PgConnection::connect(url).await.expect("connect");
            sqlx::query_scalar(&sql).fetch_one(&mut conn).await.expect("count")
        } else {
            let mut conn = sqlx::SqliteConnection::connect(url).await.expect("connect");
            sqlx::query_scalar(&sql).fetch_one(&mut conn).await.expect("count")
        }
    }

    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        let response = self.router.clone().oneshot(request).await.expect("the router answers");
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.into_body().collect().await.expect("body").to_bytes().to_vec();
        TestResponse { status, headers, body }
    }

    /// A JSON request, with a bearer token when given.
    pub async fn json(&self, method: Method, path: &str, body: Option<Value>, token: Option<&str>) -> TestResponse {
        let mut builder = Request::builder().method(method).uri(path);
        if let Some(token) = token {
            builder = builder.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let body = match body {
            Some(value) => {
                builder = builder.header(header::CONTENT_TYPE, "application/json");
                Body::from(value.to_string())
            }
            None => Body::empty(),
        };
        self.send(builder.body(body).expect("request")).await
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> TestResponse {
        self.json(Method::GET, path, None, token).await
    }

    pub async fn post(&self, path: &str, body: Value, token: Option<&str>) -> TestResponse {
        self.json(Method::POST, path, Some(body), token).await
    }

    pub async fn put(&self, path: &str, body: Value, token: Option<&str>) -> TestResponse {
        self.json(Method::PUT, path, Some(body), token).await
    }

    /// Registers an account through the API; returns its token and user.
    pub async fn register(&self, email: &str, roles: &[&str]) -> (String, Value) {
        let response = self
            .post(
                "/api/auth/register",
                json!({"email": email, "password": "correct horse battery", "name": "Test Person", "roles": roles, "timezone": "Europe/Berlin"}),
                None,
            )
            .await;
        assert_eq!(response.status, StatusCode::CREATED, "register: {}", response.text());
        let body = response.json();
        (body["token"].as_str().expect("token").to_owned(), body["user"].clone())
    }

    /// Serves the app on a free local port until the returned guard drops.
    pub async fn serve(&self) -> Served {
        let mut config = (*self.state.config).clone();
        config.bind = "127.0.0.1:0".parse().expect("address");
        let state = self.state.with_config(config);
        let app = Application::with_state(state).await.expect("bind");
        let addr = app.local_addr();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(app.run_until(async move {
            let _ = stopped.await;
        }));
        Served {
            base: format!("http://{addr}"),
            _stop: stop,
        }
    }
}

impl TestApp {
    /// Serves the same database from a separate server instance: its own
    /// pool, hub and background tasks, as a second process would have.
    pub async fn serve_separately(&self) -> Served {
        let url = self.state.config.database_url.clone();
        let store = Store::connect(&url).await.expect("connect");
        let mut config = Config::for_database(&url);
        config.bind = "127.0.0.1:0".parse().expect("address");
        let state = AppState::with_parts(store, config, self.clock.clone(), Self::test_limits());
        let app = Application::with_state(state).await.expect("bind");
        let addr = app.local_addr();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(app.run_until(async move {
            let _ = stopped.await;
        }));
        Served {
            base: format!("http://{addr}"),
            _stop: stop,
        }
    }
}

pub struct Served {
    pub base: String,
    _stop: tokio::sync::oneshot::Sender<()>,
}

#[allow(dead_code)]
pub fn form_request(method: Method, path: &str, form: &str, cookie: Option<&str>) -> Request<Body> {
    let mut builder = Request::builder()
        .method(method)
        .uri(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(cookie) = cookie {
        builder = builder.header(header::COOKIE, cookie);
    }
    builder.body(Body::from(form.to_owned())).expect("request")
}

/// The mentor profile `TestApp::mentor` publishes, with this headline.
pub fn mentor_profile(headline: &str) -> Value {
    json!({
        "headline": headline,
        "bio": "I like helping people grow.",
        "company": "Acme",
        "jobTitle": "Engineer",
        "expertise": ["Rust"],
        "specializations": ["Career growth"],
        "yearsExperience": 5,
        "languages": ["English"],
        "acceptingMentees": true,
        "maxMentees": 3
    })
}

impl TestApp {
    /// A mentor with a published profile; returns token and id.
    pub async fn mentor(&self, email: &str, name: &str, profile: Value) -> (String, String) {
        let (token, user) = self.register(email, &["mentor"]).await;
        let renamed = self.put("/api/me", json!({"name": name}), Some(&token)).await;
        assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.text());
        let mut body = mentor_profile(&format!("{name}, mentor"));
        if let (Some(base), Value::Object(extra)) = (body.as_object_mut(), profile) {
            base.extend(extra);
        }
        let saved = self.put("/api/me/mentor-profile", body, Some(&token)).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.text());
        (token, user["id"].as_str().expect("id").to_owned())
    }

    /// A mentee with the admin flag (granted in the database, as the
    /// command line does); returns their token.
    pub async fn admin(&self, email: &str) -> String {
        let (token, _) = self.register(email, &["mentee"]).await;
        let truth = if self.state.config.database_url.starts_with("postgres") {
            "TRUE"
        } else {
            "1"
        };
        self.execute_sql(&format!("UPDATE users SET is_admin = {truth} WHERE email = '{email}'"))
            .await;
        token
    }

    /// An accepted pair (m@ and e@example.com) who exchanged a message each,
    /// the mentor's saying `mentor_says`: (mentor token, mentee token,
    /// mentor id, the mentor's message id, conversation id).
    pub async fn conversation(&self, mentor_says: &str) -> (String, String, String, String, String) {
        let (mentor, mentee, _, mentor_id) = self.accepted_pair("m@example.com", "e@example.com").await;
        let first = self
            .post(
                "/api/chat",
                json!({"recipientId": mentor_id, "body": "Hello Mona"}),
                Some(&mentee),
            )
            .await
            .json();
        let conversation = first["conversationId"].as_str().expect("a conversation").to_owned();
        let said = self
            .post(
                "/api/chat",
                json!({"conversationId": conversation, "body": mentor_says}),
                Some(&mentor),
            )
            .await;
        assert_eq!(said.status, StatusCode::CREATED, "{}", said.text());
        let message = said.json()["id"].as_str().expect("a message").to_owned();
        (mentor, mentee, mentor_id, message, conversation)
    }

    /// `days` from now at `hour`:00 UTC.
    pub fn day_at(&self, days: i64, hour: u32) -> DateTime<Utc> {
        (self.now() + chrono::Duration::days(days))
            .date_naive()
            .and_hms_opt(hour, 0, 0)
            .expect("an hour of the day")
            .and_utc()
    }

    /// Books a session of `mentorship` at `at` as `token`.
    pub async fn book(&self, token: &str, mentorship: &str, at: DateTime<Utc>, minutes: i64) -> TestResponse {
        let body = json!({"mentorshipId": mentorship, "scheduledAt": at.to_rfc3339(), "duration": minutes,
                          "topic": "Career plan"});
        self.post("/api/mentorship/sessions", body, Some(token)).await
    }

    /// Posts a valid mini request (preferred: two days ahead at 15:00) as `token`.
    pub async fn post_mini_request(&self, token: &str) -> TestResponse {
        let body = json!({"title": "Interview prep for Google SWE", "sessionType": "interview_prep",
            "description": "Need help preparing for technical interviews", "duration": 60, "urgency": "high",
            "preferredDates": [self.day_at(2, 15).to_rfc3339()]});
        self.post("/api/mini/requests", body, Some(token)).await
    }

    /// Asks `mentor_id` for mentorship; returns the response.
    pub async fn ask(&self, token: &str, mentor_id: &str) -> TestResponse {
        self.post(
            "/api/mentorship",
            json!({"mentorId": mentor_id, "message": "I would love your help with my goals."}),
            Some(token),
        )
        .await
    }
}

impl TestApp {
    /// A mentor and a mentee with an accepted mentorship; returns
    /// (mentor token, mentee token, mentorship id, mentor id).
    pub async fn accepted_pair(&self, mentor_email: &str, mentee_email: &str) -> (String, String, String, String) {
        let (mentor, mentor_id) = self.mentor(mentor_email, "Mona Mentor", json!({"maxMentees": 5})).await;
        let (mentee, _) = self.register(mentee_email, &["mentee"]).await;
        let id = self.ask(&mentee, &mentor_id).await.json()["id"]
            .as_str()
            .expect("id")
            .to_owned();
        let accepted = self
            .json(
                Method::POST,
                &format!("/api/mentorship/{id}/accept"),
                None,
                Some(&mentor),
            )
            .await;
        assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.text());
        (mentor, mentee, id, mentor_id)
    }
}
