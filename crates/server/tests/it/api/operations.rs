use axum::http::StatusCode;

use crate::harness::TestApp;

const METRICS_TOKEN: &str = "metrics-token-for-tests";

#[tokio::test]
async fn health_readiness_and_metrics_answer() {
    let app = TestApp::spawn_configured(TestApp::test_limits(), |c| c.metrics_token = Some(METRICS_TOKEN.into())).await;
    assert_eq!(app.get("/healthz", None).await.status, StatusCode::OK);
    let ready = app.get("/readyz", None).await;
    assert_eq!(ready.status, StatusCode::OK);
    assert_eq!(ready.json()["status"], "ready");

    app.get("/api/me", None).await;
    assert_eq!(app.get("/metrics", None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.get("/metrics", Some("wrong-token")).await.status,
        StatusCode::UNAUTHORIZED
    );
    let metrics = app.get("/metrics", Some(METRICS_TOKEN)).await;
    assert_eq!(metrics.status, StatusCode::OK);
    let text = metrics.text();
    assert!(
        text.contains("mentorhub_http_requests_total{method=\"GET\",route=\"/api/me\",status=\"401\"} 1"),
        "{text}"
    );
    assert!(text.contains("mentorhub_db_connections"));
}

#[tokio::test]
async fn metrics_are_not_public_without_a_token_setting() {
    let app = TestApp::spawn().await;
    let metrics = app.get("/metrics", None).await;
    assert_eq!(metrics.status, StatusCode::NOT_FOUND);
    assert!(!metrics.text().contains("mentorhub_http_requests_total"));
}

#[tokio::test]
async fn https_base_urls_get_strict_transport_security() {
    let plain = TestApp::spawn().await;
    assert!(plain.get("/", None).await.header("strict-transport-security").is_none());
    let secure = TestApp::spawn_configured(TestApp::test_limits(), |c| {
        c.base_url = Some("https://mentorhub.example".into())
    })
    .await;
    for path in ["/", "/api/me", "/signin"] {
        let hsts = secure.get(path, None).await.header("strict-transport-security");
        assert!(hsts.is_some_and(|v| v.contains("max-age=31536000")), "{path}");
    }
}

#[tokio::test]
async fn readiness_fails_when_the_database_is_gone() {
    let app = TestApp::spawn().await;
    app.state.store.close().await;
    let ready = app.get("/readyz", None).await;
    assert_eq!(ready.status, StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn the_openapi_document_lists_every_endpoint() {
    let app = TestApp::spawn().await;
    let doc = app.get("/api/openapi.json", None).await;
    assert_eq!(doc.status, StatusCode::OK);
    let doc = doc.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/auth/register",
        "/api/auth/login",
        "/api/auth/logout",
        "/api/me",
        "/api/me/mentor-profile",
        "/healthz",
        "/readyz",
        "/metrics",
    ] {
        assert!(
            doc["paths"][path].is_object(),
            "{path} missing from the OpenAPI document"
        );
    }
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());

    let docs = app.get("/api/docs/", None).await;
    assert_eq!(docs.status, StatusCode::OK);
    assert!(docs.text().to_lowercase().contains("swagger"));
}

#[tokio::test]
async fn every_operation_documents_the_statuses_it_can_answer() {
    let app = TestApp::spawn().await;
    let doc = app.get("/api/openapi.json", None).await.json();
    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let responses = op["responses"].as_object().unwrap();
            let has = |status: &str| responses.contains_key(status);
            assert!(has("400"), "{method} {path}: 400");
            let secured = op["security"].as_array().is_some_and(|s| !s.is_empty());
            if secured {
                assert!(has("401") && has("403"), "{method} {path}: 401/403");
            }
            if path.contains('{') {
                assert!(has("404"), "{method} {path}: 404");
            }
            if op.get("requestBody").is_some() {
                assert!(has("413") && has("422"), "{method} {path}: 413/422");
            }
            operations += 1;
        }
    }
    assert!(operations > 50, "{operations} operations");
    let login = &doc["paths"]["/api/auth/login"]["post"]["responses"];
    for status in ["200", "400", "401", "422", "429"] {
        assert!(login[status].is_object(), "login documents {status}");
    }
    assert!(doc["paths"]["/api/users/{id}/block"]["delete"].is_object());
    assert!(doc["paths"]["/api/mini/board"]["get"].is_object());
}

#[tokio::test]
async fn every_response_carries_security_headers() {
    let app = TestApp::spawn().await;
    for path in ["/", "/api/me", "/signin"] {
        let response = app.get(path, None).await;
        let csp = response.header("content-security-policy").expect("CSP");
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline") || path.starts_with("/api/docs"));
        assert_eq!(response.header("x-content-type-options").as_deref(), Some("nosniff"));
        assert!(response.header("referrer-policy").is_some());
    }
}
