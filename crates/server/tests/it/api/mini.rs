use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use chrono::{DateTime, Duration, Utc};
use futures_util::future::join_all;
use serde_json::{json, Value};

use crate::harness::{TestApp, TestResponse};

fn iso(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn request_body(app: &TestApp) -> Value {
    let day = (app.now() + Duration::days(2)).date_naive();
    json!({
        "title": "Interview prep for Google SWE",
        "sessionType": "interview_prep",
        "description": "Need help preparing for technical interviews",
        "duration": 60,
        "urgency": "high",
        "preferredDates": [iso(day.and_hms_opt(15, 0, 0).unwrap().and_utc()), iso(day.and_hms_opt(17, 0, 0).unwrap().and_utc())]
    })
}

/// tRPC call in the wire format of @trpc/client.
async fn trpc(
    app: &TestApp,
    token: Option<&str>,
    procedure: &str,
    input: Option<Value>,
    mutation: bool,
) -> TestResponse {
    let mut uri = format!("/trpc/miniMentorship.{procedure}");
    let mut builder = Request::builder();
    let body = if mutation {
        builder = builder
            .method(Method::POST)
            .header(header::CONTENT_TYPE, "application/json");
        input.map(|v| v.to_string()).unwrap_or_default()
    } else {
        if let Some(v) = input {
            uri.push_str(&format!("?input={}", urlencode(&v.to_string())));
        }
        builder = builder.method(Method::GET);
        String::new()
    };
    if let Some(token) = token {
        builder = builder.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    app.send(builder.uri(uri).body(Body::from(body)).unwrap()).await
}

fn urlencode(value: &str) -> String {
    serde_urlencoded::to_string([("v", value)])
        .unwrap()
        .trim_start_matches("v=")
        .to_owned()
}

struct Cast {
    owner: String,
    other_mentee: String,
    mentor: String,
    other_mentor: String,
}

async fn cast(app: &TestApp) -> Cast {
    let (owner, _) = app.register("owner@example.com", &["mentee"]).await;
    let (other_mentee, _) = app.register("other.mentee@example.com", &["mentee"]).await;
    let (mentor, _) = app
        .mentor(
            "mentor@example.com",
            "Mona Mentor",
            json!({"expertise": ["Interview coaching"]}),
        )
        .await;
    let (other_mentor, _) = app.mentor("other.mentor@example.com", "Otto Mentor", json!({})).await;
    Cast {
        owner,
        other_mentee,
        mentor,
        other_mentor,
    }
}

#[tokio::test]
async fn the_whole_life_of_a_request_over_trpc() {
    let app = TestApp::spawn().await;
    let c = cast(&app).await;
    let created = trpc(&app, Some(&c.owner), "createRequest", Some(request_body(&app)), true).await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.text());
    let r = &created.json()["result"]["data"];
    assert_eq!(r["status"], "open");
    assert_eq!(r["sessionType"], "interview_prep");
    assert!(r["claimedBy"].is_null() && r["session"].is_null());
    let id = r["id"].as_str().unwrap().to_owned();
    let expires: DateTime<Utc> = r["expiresAt"].as_str().unwrap().parse().unwrap();
    let created_at: DateTime<Utc> = r["createdAt"].as_str().unwrap().parse().unwrap();
    assert_eq!((expires - created_at).num_days(), 7);
    let inbox = app.get("/api/notifications", Some(&c.mentor)).await.json();
    assert_eq!(
        inbox["items"][0]["kind"], "mini_request_posted",
        "a mentor whose expertise matches hears of it"
    );

    let mine = trpc(&app, Some(&c.owner), "getMyRequests", None, false).await.json();
    assert_eq!(mine["result"]["data"][0]["id"], id.as_str());
    let board = trpc(
        &app,
        Some(&c.mentor),
        "getOpenRequests",
        Some(json!({"urgency": "high", "maxDuration": 60})),
        false,
    )
    .await
    .json();
    assert_eq!(board["result"]["data"][0]["id"], id.as_str());
    let filtered = trpc(
        &app,
        Some(&c.mentor),
        "getOpenRequests",
        Some(json!({"maxDuration": 30})),
        false,
    )
    .await
    .json();
    assert_eq!(filtered["result"]["data"], json!([]));

    let claimed = trpc(&app, Some(&c.mentor), "claimRequest", Some(json!({"id": id})), true)
        .await
        .json();
    assert_eq!(claimed["result"]["data"]["status"], "claimed");
    assert_eq!(claimed["result"]["data"]["claimedBy"]["name"], "Mona Mentor");
    let released = trpc(&app, Some(&c.mentor), "releaseRequest", Some(json!({"id": id})), true)
        .await
        .json();
    assert_eq!(released["result"]["data"]["status"], "open");
    trpc(&app, Some(&c.mentor), "claimRequest", Some(json!({"id": id})), true).await;

    let preferred = request_body(&app)["preferredDates"][1].as_str().unwrap().to_owned();
    let wrong_time = trpc(
        &app,
        Some(&c.mentor),
        "scheduleSession",
        Some(json!({"requestId": id, "scheduledAt": iso(app.now() + Duration::days(3))})),
        true,
    )
    .await;
    assert_eq!(wrong_time.status, StatusCode::BAD_REQUEST);
    assert_eq!(wrong_time.json()["error"]["data"]["code"], "BAD_REQUEST");
    let scheduled = trpc(
        &app,
        Some(&c.mentor),
        "scheduleSession",
        Some(json!({"requestId": id, "scheduledAt": preferred})),
        true,
    )
    .await;
    assert_eq!(scheduled.status, StatusCode::OK, "{}", scheduled.text());
    let session = scheduled.json()["result"]["data"].clone();
    assert_eq!(session["requestId"], id.as_str());
    assert!(session["meetingUrl"]
        .as_str()
        .unwrap()
        .starts_with("https://meet.jit.si/mentorhub-"));
    let seen = trpc(&app, Some(&c.owner), "getRequestById", Some(json!({"id": id})), false)
        .await
        .json();
    assert_eq!(seen["result"]["data"]["status"], "scheduled");
    assert_eq!(seen["result"]["data"]["session"]["meetingUrl"], session["meetingUrl"]);
    for token in [&c.owner, &c.mentor] {
        let sessions = trpc(&app, Some(token), "getMySessions", None, false).await.json();
        assert_eq!(sessions["result"]["data"][0]["id"], session["id"]);
    }

    let sid = session["id"].as_str().unwrap();
    let early = trpc(
        &app,
        Some(&c.mentor),
        "completeSession",
        Some(json!({"sessionId": sid, "notes": "Went well"})),
        true,
    )
    .await;
    assert_eq!(early.json()["error"]["data"]["code"], "CONFLICT");
    app.advance(Duration::days(3));
    let done = trpc(&app, Some(&c.mentor), "completeSession", Some(json!({"sessionId": sid, "notes": "Practised two system design questions", "outcome": "Ready for the onsite"})), true).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    assert_eq!(done.json()["result"]["data"]["status"], "completed");
    let after = trpc(&app, Some(&c.owner), "getRequestById", Some(json!({"id": id})), false)
        .await
        .json();
    assert_eq!(after["result"]["data"]["status"], "completed");
    let kinds: Vec<String> = app.get("/api/notifications?limit=20", Some(&c.owner)).await.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap().to_owned())
        .collect();
    for kind in [
        "mini_request_claimed",
        "mini_request_released",
        "mini_session_scheduled",
        "mini_session_completed",
    ] {
        assert!(kinds.contains(&kind.to_owned()), "{kind} in {kinds:?}");
    }
    let _ = (&c.other_mentee, &c.other_mentor);
}

#[tokio::test]
async fn trpc_wire_format_batches_and_errors() {
    let app = TestApp::spawn().await;
    let c = cast(&app).await;
    let id = app
        .post("/api/mini/requests", request_body(&app), Some(&c.owner))
        .await
        .json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // A batch of two queries by GET, inputs keyed "0" and "1".
    let input = json!({"0": {"id": id}, "1": null});
    let uri = format!(
        "/trpc/miniMentorship.getRequestById,miniMentorship.getMyRequests?batch=1&input={}",
        urlencode(&input.to_string())
    );
    let batch = app
        .send(
            Request::get(uri)
                .header(header::AUTHORIZATION, format!("Bearer {}", c.owner))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(batch.status, StatusCode::OK);
    let body = batch.json();
    assert_eq!(body[0]["result"]["data"]["id"], id.as_str());
    assert_eq!(body[1]["result"]["data"][0]["id"], id.as_str());

    // A mixed batch answers 207 with one entry each.
    let uri = format!(
        "/trpc/miniMentorship.getRequestById,miniMentorship.getOpenRequests?batch=1&input={}",
        urlencode(&json!({"0": {"id": id}}).to_string())
    );
    let mixed = app
        .send(
            Request::get(uri)
                .header(header::AUTHORIZATION, format!("Bearer {}", c.owner))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(mixed.status, StatusCode::MULTI_STATUS);
    assert_eq!(mixed.json()[1]["error"]["data"]["code"], "FORBIDDEN");
    assert_eq!(mixed.json()[1]["error"]["code"], -32003);

    let anonymous = trpc(&app, None, "getMyRequests", None, false).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        anonymous.json()["error"]["data"],
        json!({"code": "UNAUTHORIZED", "httpStatus": 401, "path": "miniMentorship.getMyRequests"})
    );
    let unknown = trpc(&app, Some(&c.owner), "dance", None, false).await;
    assert_eq!(unknown.json()["error"]["data"]["code"], "NOT_FOUND");
    let wrong_method = trpc(&app, Some(&c.owner), "claimRequest", Some(json!({"id": id})), false).await;
    assert_eq!(wrong_method.status, StatusCode::METHOD_NOT_ALLOWED);
    let bad_json = app
        .send(
            Request::post("/trpc/miniMentorship.createRequest")
                .header(header::AUTHORIZATION, format!("Bearer {}", c.owner))
                .body(Body::from("{oops"))
                .unwrap(),
        )
        .await;
    assert_eq!(bad_json.json()["error"]["data"]["code"], "BAD_REQUEST");
    let invalid = trpc(
        &app,
        Some(&c.owner),
        "createRequest",
        Some(json!({"title": "Hi"})),
        true,
    )
    .await;
    assert_eq!(invalid.status, StatusCode::BAD_REQUEST);
    assert!(invalid.json()["error"]["data"]["fields"]["description"].is_string());
    let wrong_type = trpc(
        &app,
        Some(&c.owner),
        "createRequest",
        Some(json!({"duration": "long"})),
        true,
    )
    .await;
    assert_eq!(wrong_type.json()["error"]["data"]["code"], "BAD_REQUEST");
}

/// Each procedure x (owner mentee, other mentee, claiming mentor, other mentor, anonymous).
#[tokio::test]
async fn permission_matrix() {
    let app = TestApp::spawn().await;
    let c = cast(&app).await;
    let new_id = |r: TestResponse| r.json()["result"]["data"]["id"].as_str().unwrap().to_owned();
    let claimed_id = new_id(trpc(&app, Some(&c.owner), "createRequest", Some(request_body(&app)), true).await);
    trpc(
        &app,
        Some(&c.mentor),
        "claimRequest",
        Some(json!({"id": claimed_id})),
        true,
    )
    .await;
    let open_id = new_id(trpc(&app, Some(&c.owner), "createRequest", Some(request_body(&app)), true).await);

    let who = [
        ("owner", Some(c.owner.as_str())),
        ("other mentee", Some(c.other_mentee.as_str())),
        ("claiming mentor", Some(c.mentor.as_str())),
        ("other mentor", Some(c.other_mentor.as_str())),
        ("anonymous", None),
    ];
    // (procedure, input, mutation, expected code per person; "OK" for success)
    let cases: Vec<(&str, Option<Value>, bool, [&str; 5])> = vec![
        (
            "getMyRequests",
            None,
            false,
            ["OK", "OK", "FORBIDDEN", "FORBIDDEN", "UNAUTHORIZED"],
        ),
        (
            "getRequestById",
            Some(json!({"id": claimed_id})),
            false,
            ["OK", "NOT_FOUND", "OK", "NOT_FOUND", "UNAUTHORIZED"],
        ),
        (
            "getRequestById",
            Some(json!({"id": open_id})),
            false,
            ["OK", "NOT_FOUND", "OK", "OK", "UNAUTHORIZED"],
        ),
        (
            "getOpenRequests",
            None,
            false,
            ["FORBIDDEN", "FORBIDDEN", "OK", "OK", "UNAUTHORIZED"],
        ),
        (
            "getClaimedRequests",
            None,
            false,
            ["FORBIDDEN", "FORBIDDEN", "OK", "OK", "UNAUTHORIZED"],
        ),
        ("getMySessions", None, false, ["OK", "OK", "OK", "OK", "UNAUTHORIZED"]),
        (
            "releaseRequest",
            Some(json!({"id": claimed_id})),
            true,
            ["FORBIDDEN", "NOT_FOUND", "OK", "NOT_FOUND", "UNAUTHORIZED"],
        ),
        (
            "claimRequest",
            Some(json!({"id": claimed_id})),
            true,
            ["FORBIDDEN", "FORBIDDEN", "CONFLICT", "CONFLICT", "UNAUTHORIZED"],
        ),
        (
            "scheduleSession",
            Some(json!({"requestId": claimed_id, "scheduledAt": "2000-01-01T00:00:00Z"})),
            true,
            ["FORBIDDEN", "NOT_FOUND", "BAD_REQUEST", "NOT_FOUND", "UNAUTHORIZED"],
        ),
        (
            "completeSession",
            Some(json!({"sessionId": claimed_id, "notes": "x"})),
            true,
            ["NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "UNAUTHORIZED"],
        ),
        (
            "cancelRequest",
            Some(json!({"id": open_id})),
            true,
            ["OK", "NOT_FOUND", "FORBIDDEN", "FORBIDDEN", "UNAUTHORIZED"],
        ),
        (
            "createRequest",
            Some(request_body(&app)),
            true,
            ["OK", "OK", "FORBIDDEN", "FORBIDDEN", "UNAUTHORIZED"],
        ),
    ];
    for (procedure, input, mutation, expected) in cases {
        // Cancelling succeeds for the owner, so the owner goes last there.
        let order: Vec<usize> = if procedure == "cancelRequest" {
            vec![4, 3, 2, 1, 0]
        } else {
            (0..5).collect()
        };
        for i in order {
            let ((person, token), want) = (&who[i], expected[i]);
            let response = trpc(&app, *token, procedure, input.clone(), mutation).await;
            let got = if response.status == StatusCode::OK {
                "OK".to_owned()
            } else {
                response.json()["error"]["data"]["code"]
                    .as_str()
                    .unwrap_or("?")
                    .to_owned()
            };
            assert_eq!(got, want, "{procedure} as {person}: {}", response.text());
            if procedure == "releaseRequest" && got == "OK" {
                trpc(
                    &app,
                    Some(&c.mentor),
                    "claimRequest",
                    Some(json!({"id": claimed_id})),
                    true,
                )
                .await;
            }
        }
    }
}

#[tokio::test]
async fn of_concurrent_claims_exactly_one_wins() {
    let app = TestApp::spawn().await;
    let (owner, _) = app.register("owner@example.com", &["mentee"]).await;
    let id = app
        .post("/api/mini/requests", request_body(&app), Some(&owner))
        .await
        .json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut mentors = Vec::new();
    for i in 0..8 {
        mentors.push(
            app.mentor(&format!("m{i}@example.com"), &format!("Mentor {i}"), json!({}))
                .await
                .0,
        );
    }
    let path = format!("/api/mini/requests/{id}/claim");
    let responses = join_all(mentors.iter().map(|m| app.post(&path, json!({}), Some(m)))).await;
    let won = responses.iter().filter(|r| r.status == StatusCode::OK).count();
    let lost = responses.iter().filter(|r| r.status == StatusCode::CONFLICT).count();
    assert_eq!(
        (won, lost),
        (1, 7),
        "{:?}",
        responses.iter().map(|r| r.text()).collect::<Vec<_>>()
    );
    let own = app
        .post(&format!("/api/mini/requests/{id}/claim"), json!({}), Some(&owner))
        .await;
    assert_eq!(own.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn requests_expire_before_and_after_the_sweep() {
    let app = TestApp::spawn().await;
    let (owner, _) = app.register("owner@example.com", &["mentee"]).await;
    let (mentor, _) = app.mentor("m@example.com", "Mona", json!({})).await;
    let (both, _) = app.register("both@example.com", &["mentee", "mentor"]).await;
    app.put(
        "/api/me/mentor-profile",
        json!({"headline": "Both", "expertise": ["Go"]}),
        Some(&both),
    )
    .await;
    let mut body = request_body(&app);
    body["preferredDates"] = json!([iso(app.now() + Duration::days(10))]);
    let id = app.post("/api/mini/requests", body.clone(), Some(&owner)).await.json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let own = app.post("/api/mini/requests", body, Some(&both)).await.json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        app.post(&format!("/api/mini/requests/{own}/claim"), json!({}), Some(&both))
            .await
            .error_code(),
        "own_request"
    );

    app.advance(Duration::days(7) + Duration::minutes(1));
    // Before any sweep: not on the board, not claimable, shown as expired.
    assert_eq!(app.get("/api/mini/open", Some(&mentor)).await.json(), json!([]));
    assert_eq!(
        app.post(&format!("/api/mini/requests/{id}/claim"), json!({}), Some(&mentor))
            .await
            .status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        app.get(&format!("/api/mini/requests/{id}"), Some(&owner)).await.json()["status"],
        "expired"
    );
    assert_eq!(
        app.post(&format!("/api/mini/requests/{id}/cancel"), json!({}), Some(&owner))
            .await
            .status,
        StatusCode::CONFLICT
    );

    // The sweep marks it and tells the owner, once.
    assert_eq!(mentorhub_server::jobs::mini_expiry::run(&app.state).await.unwrap(), 2);
    assert_eq!(mentorhub_server::jobs::mini_expiry::run(&app.state).await.unwrap(), 0);
    let inbox = app.get("/api/notifications", Some(&owner)).await.json();
    assert_eq!(inbox["items"][0]["kind"], "mini_request_expired");
    assert_eq!(
        app.get(&format!("/api/mini/requests/{id}"), Some(&owner)).await.json()["status"],
        "expired"
    );
}

#[tokio::test]
async fn rest_mirrors_the_procedures() {
    let app = TestApp::spawn().await;
    let c = cast(&app).await;
    let created = app.post("/api/mini/requests", request_body(&app), Some(&c.owner)).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let id = created.json()["id"].as_str().unwrap().to_owned();
    let bad = app
        .post(
            "/api/mini/requests",
            json!({"title": "x", "preferredDates": ["2001-01-01T00:00:00Z"]}),
            Some(&c.owner),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.get("/api/mini/requests", Some(&c.owner)).await.json()[0]["id"],
        id.as_str()
    );
    assert_eq!(
        app.get("/api/mini/open?sessionType=interview_prep", Some(&c.mentor))
            .await
            .json()[0]["id"],
        id.as_str()
    );
    assert_eq!(
        app.get("/api/mini/open?urgency=extreme", Some(&c.mentor)).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        app.post(&format!("/api/mini/requests/{id}/claim"), json!({}), Some(&c.mentor))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        app.get("/api/mini/claimed", Some(&c.mentor)).await.json()[0]["status"],
        "claimed"
    );
    let cancelled = app
        .post(&format!("/api/mini/requests/{id}/cancel"), json!({}), Some(&c.owner))
        .await;
    assert_eq!(cancelled.json()["status"], "cancelled");
    assert_eq!(
        app.get("/api/notifications", Some(&c.mentor)).await.json()["items"][0]["kind"],
        "mini_request_cancelled"
    );
    let doc = app.get("/api/openapi.json", None).await.json();
    assert!(doc["paths"]["/api/mini/requests/{id}/claim"].is_object());
}
