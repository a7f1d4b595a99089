mod admin;
mod auth;
mod calendars;
mod chat;
mod experience;
mod groups;
mod mentorship;
mod mini;
mod progress;
mod sessions;
mod settings;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};

use crate::harness::{TestApp, TestResponse};

/// A browser-like visitor: keeps cookies and posts forms with the page's
/// CSRF token.
pub struct Visitor<'a> {
    app: &'a TestApp,
    cookies: Vec<(String, String)>,
}

impl<'a> Visitor<'a> {
    pub fn new(app: &'a TestApp) -> Self {
        Self {
            app,
            cookies: Vec::new(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn remember(&mut self, response: &TestResponse) {
        for set in response.set_cookies() {
            let first = set.split(';').next().unwrap_or_default();
            let Some((key, value)) = first.split_once('=') else {
                continue;
            };
            self.cookies.retain(|(k, _)| k != key);
            if !value.is_empty() && !set.contains("Max-Age=0") {
                self.cookies.push((key.to_owned(), value.to_owned()));
            }
        }
    }

    pub fn has_cookie(&self, name: &str) -> bool {
        self.cookies.iter().any(|(k, _)| k == name)
    }

    pub async fn get(&mut self, path: &str) -> TestResponse {
        let request = Request::get(path)
            .header(header::COOKIE, self.cookie_header())
            .body(Body::empty())
            .unwrap();
        let response = self.app.send(request).await;
        self.remember(&response);
        response
    }

    /// The CSRF token the last page put in its forms.
    pub fn csrf_of(page: &TestResponse) -> String {
        let html = page.text();
        html.split("name=\"csrf-token\" content=\"")
            .nth(1)
            .expect("csrf meta")
            .split('"')
            .next()
            .unwrap()
            .to_owned()
    }

    /// Posts form fields (already URL-encoded), adding `csrf` when given.
    pub async fn post(&mut self, path: &str, fields: &str, csrf: Option<&str>) -> TestResponse {
        let body = match csrf {
            Some(token) => format!("csrf={token}&{fields}"),
            None => fields.to_owned(),
        };
        let request = crate::harness::form_request(Method::POST, path, &body, Some(&self.cookie_header()));
        let response = self.app.send(request).await;
        self.remember(&response);
        response
    }

    /// Posts a multipart form with a `csrf` part (when given) and one file
    /// part named `field`.
    pub async fn post_file(&mut self, path: &str, csrf: Option<&str>, field: &str, file: &[u8]) -> TestResponse {
        let boundary = "mentorhub-test-boundary";
        let mut body = Vec::new();
        if let Some(token) = csrf {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n").as_bytes(),
            );
        }
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"me.png\"\r\nContent-Type: image/png\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(file);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let request = Request::post(path)
            .header(header::COOKIE, self.cookie_header())
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(Body::from(body))
            .unwrap();
        let response = self.app.send(request).await;
        self.remember(&response);
        response
    }

    /// Opens `form_page`, then posts `fields` to `action` with its token.
    pub async fn submit(&mut self, form_page: &str, action: &str, fields: &str) -> TestResponse {
        let page = self.get(form_page).await;
        let csrf = Self::csrf_of(&page);
        self.post(action, fields, Some(&csrf)).await
    }

    /// A visitor signed in through the page as an account made through the API.
    pub async fn signed_in(app: &'a TestApp, email: &str) -> Visitor<'a> {
        let mut visitor = Visitor::new(app);
        let fields = format!("email={}&password=correct+horse+battery", email.replace('@', "%40"));
        let response = visitor.submit("/signin", "/signin", &fields).await;
        assert_eq!(response.status, StatusCode::SEE_OTHER);
        visitor
    }

    pub async fn sign_up(&mut self, name: &str, email: &str, roles: &str) -> TestResponse {
        let fields = format!(
            "name={}&email={}&password=correct+horse+battery&{roles}&timezone=America%2FNew_York",
            name.replace(' ', "+"),
            email.replace('@', "%40")
        );
        self.submit("/signup", "/signup", &fields).await
    }
}
