//! Data in the database that the code does not recognise is an error that
//! is logged and answered with a 500, never silently read as a valid state.

use chrono::Duration;
use serde_json::json;

use crate::harness::TestApp;

async fn one_request(app: &TestApp) -> (String, String) {
    let (mentee, _) = app.register("mia@example.com", &["mentee"]).await;
    let day = (app.now() + Duration::days(2)).date_naive();
    let body = json!({
        "title": "Interview prep for a backend role",
        "sessionType": "interview_prep",
        "description": "I have a technical interview next week and want to practise.",
        "duration": 30,
        "urgency": "high",
        "preferredDates": [day.and_hms_opt(15, 0, 0).unwrap().and_utc().to_rfc3339()]
    });
    let created = app.post("/api/mini/requests", body, Some(&mentee)).await;
    assert_eq!(created.status, 201, "{}", created.text());
    (mentee, created.json()["id"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn an_unknown_state_in_a_row_is_an_error_not_a_default() {
    let app = TestApp::spawn().await;
    let (mentee, id) = one_request(&app).await;
    let path = format!("/api/mini/requests/{id}");
    assert_eq!(
        app.get(&path, Some(&mentee)).await.json()["sessionType"],
        "interview_prep"
    );

    // A kind this version does not know (say, written by a newer one).
    app.execute_sql("UPDATE mini_requests SET session_type = 'knitting_circle'")
        .await;
    let read = app.get(&path, Some(&mentee)).await;
    assert_eq!(read.status, 500, "{}", read.text());
    assert_eq!(read.error_code(), "internal");
    assert!(!read.text().contains("knitting"), "no detail leaks: {}", read.text());

    app.execute_sql("UPDATE mini_requests SET session_type = 'interview_prep', preferred_dates = 'not json'")
        .await;
    assert_eq!(app.get(&path, Some(&mentee)).await.status, 500);

    app.execute_sql("UPDATE mini_requests SET preferred_dates = '[]'").await;
    assert_eq!(app.get(&path, Some(&mentee)).await.status, 200);
}
