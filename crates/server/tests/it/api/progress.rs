//! Programs, plans, goals, action items, skills, session notes and the
//! progress report: the rules, and who may see and do what (a matrix of
//! the pair, another mentee, another mentor, an admin and a visitor).

use axum::http::{Method, StatusCode};
use chrono::Duration;
use serde_json::{json, Value};

use crate::harness::{TestApp, TestResponse};

fn program_body(title: &str, visibility: &str) -> Value {
    json!({"title": title, "description": "Weekly steps to a new job.", "durationWeeks": 4,
           "milestones": [{"week": 1, "title": "Study plan"}, {"week": 3, "title": "Mock interview", "description": "Full loop"}],
           "skills": ["System design", "Communication"], "visibility": visibility})
}

async fn patch(app: &TestApp, path: &str, body: Value, token: Option<&str>) -> TestResponse {
    app.json(Method::PATCH, path, Some(body), token).await
}

async fn admin(app: &TestApp) -> String {
    app.admin("admin@example.com").await
}

#[tokio::test]
async fn a_plan_is_a_copy_with_due_dates_and_either_side_ticks_it_off() {
    let app = TestApp::spawn().await;
    let (mentor, mentee, mentorship, _) = app.accepted_pair("m@example.com", "e@example.com").await;
    let created = app
        .post(
            "/api/programs",
            program_body("12-week backend interview preparation", "public"),
            Some(&mentor),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let program = created.json();
    let refused = app
        .post(
            "/api/programs",
            program_body("A mentee's program", "public"),
            Some(&mentee),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "mentees do not write programs");
    let by_mentee = app
        .post(
            &format!("/api/mentorship/{mentorship}/program"),
            json!({"programId": program["id"]}),
            Some(&mentee),
        )
        .await;
    assert_eq!(by_mentee.status, StatusCode::FORBIDDEN);
    let plan = app
        .post(
            &format!("/api/mentorship/{mentorship}/program"),
            json!({"programId": program["id"]}),
            Some(&mentor),
        )
        .await
        .json();
    let start = chrono::NaiveDate::parse_from_str(plan["startDate"].as_str().unwrap(), "%Y-%m-%d").unwrap();
    assert_eq!(
        plan["milestones"][1]["dueDate"],
        (start + Duration::days(21)).to_string(),
        "{plan}"
    );
    assert_eq!(plan["skills"], json!(["System design", "Communication"]));

    // Editing and then deleting the program leaves the plan as it was.
    let id = program["id"].as_str().unwrap();
    let edited = app
        .put(
            &format!("/api/programs/{id}"),
            program_body("Renamed program title", "public"),
            Some(&mentor),
        )
        .await;
    assert_eq!(edited.json()["title"], "Renamed program title");
    let gone = app
        .json(Method::DELETE, &format!("/api/programs/{id}"), None, Some(&mentor))
        .await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);
    let kept = app
        .get(&format!("/api/mentorship/{mentorship}/plan"), Some(&mentee))
        .await
        .json();
    assert_eq!(
        kept["program"]["title"], "12-week backend interview preparation",
        "{kept}"
    );
    assert_eq!(kept["milestones"].as_array().map(Vec::len), Some(2));

    let mid = kept["milestones"][0]["id"].as_str().unwrap();
    let ticked = app
        .post(
            &format!("/api/mentorship/{mentorship}/milestones/{mid}/done"),
            json!({}),
            Some(&mentee),
        )
        .await
        .json();
    assert!(ticked["milestones"][0]["doneAt"].is_string(), "{ticked}");
    let cleared = app
        .post(
            &format!("/api/mentorship/{mentorship}/milestones/{mid}/undone"),
            json!({}),
            Some(&mentor),
        )
        .await
        .json();
    assert!(cleared["milestones"][0]["doneAt"].is_null());
    let bad = app
        .post(
            "/api/programs",
            json!({"title": "Hi", "durationWeeks": 0, "milestones": []}),
            Some(&mentor),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["title", "durationWeeks", "milestones"] {
        assert!(
            bad.json()["error"]["fields"][field].is_string(),
            "{field}: {}",
            bad.text()
        );
    }
}

#[tokio::test]
async fn goals_actions_skills_and_the_report_add_up() {
    let app = TestApp::spawn().await;
    let (mentor, mentee, mentorship, _) = app.accepted_pair("m@example.com", "e@example.com").await;
    let goal = app
        .post(
            &format!("/api/mentorship/{mentorship}/goals"),
            json!({"title": "Land a staff role", "dueDate": "2027-06-30"}),
            Some(&mentee),
        )
        .await;
    assert_eq!(goal.status, StatusCode::CREATED, "{}", goal.text());
    let goal = goal.json();
    let gid = goal["id"].as_str().unwrap();
    let yesterday = (app.now() - Duration::days(1)).date_naive().to_string();
    let item = app
        .post(
            &format!("/api/goals/{gid}/actions"),
            json!({"text": "Write the design doc", "owner": "mentee", "dueDate": yesterday}),
            Some(&mentor),
        )
        .await;
    assert_eq!(item.status, StatusCode::CREATED, "{}", item.text());
    let bad_owner = app
        .post(
            &format!("/api/goals/{gid}/actions"),
            json!({"text": "x", "owner": "boss"}),
            Some(&mentor),
        )
        .await;
    assert_eq!(bad_owner.status, StatusCode::UNPROCESSABLE_ENTITY);
    let done = patch(
        &app,
        &format!("/api/actions/{}", item.json()["id"].as_str().unwrap()),
        json!({"done": true}),
        Some(&mentee),
    )
    .await;
    assert!(done.json()["doneAt"].is_string(), "{}", done.text());
    let dropped = patch(
        &app,
        &format!("/api/goals/{gid}"),
        json!({"status": "dropped"}),
        Some(&mentor),
    )
    .await;
    assert_eq!(dropped.json()["status"], "dropped");
    let bad_status = patch(
        &app,
        &format!("/api/goals/{gid}"),
        json!({"status": "won"}),
        Some(&mentor),
    )
    .await;
    assert_eq!(bad_status.status, StatusCode::UNPROCESSABLE_ENTITY);

    for (token, level) in [(&mentee, 2), (&mentor, 3), (&mentee, 4)] {
        let r = app
            .post(
                &format!("/api/mentorship/{mentorship}/skills"),
                json!({"skill": "System design", "level": level}),
                Some(token),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        app.advance(Duration::days(7));
    }
    let bad_level = app
        .post(
            &format!("/api/mentorship/{mentorship}/skills"),
            json!({"skill": "Rust", "level": 9}),
            Some(&mentee),
        )
        .await;
    assert_eq!(bad_level.status, StatusCode::UNPROCESSABLE_ENTITY);

    let report = app
        .get(&format!("/api/mentorship/{mentorship}/progress"), Some(&mentor))
        .await
        .json();
    assert_eq!(report["goals"], json!({"open": 0, "done": 0, "dropped": 1}), "{report}");
    assert_eq!(report["actionItems"], json!({"open": 0, "done": 1}));
    let levels: Vec<(i64, String)> = report["skills"][0]["assessments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["level"].as_i64().unwrap(), a["by"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(
        levels,
        [(2, "mentee".into()), (3, "mentor".into()), (4, "mentee".into())],
        "history is kept"
    );

    let csv = app
        .get(&format!("/api/mentorship/{mentorship}/progress.csv"), Some(&mentee))
        .await;
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    let text = csv.text();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["section", "name", "date", "value", "by"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let skill_rows: Vec<_> = rows.iter().filter(|r| &r[0] == "skill").collect();
    assert_eq!(skill_rows.len(), 3);
    assert!(rows
        .iter()
        .any(|r| &r[0] == "goal" && &r[1] == "Land a staff role" && &r[3] == "dropped"));
}

#[tokio::test]
async fn only_the_pair_sees_a_mentorships_plan_goals_skills_and_report() {
    let app = TestApp::spawn().await;
    let (mentor, mentee, mentorship, _) = app.accepted_pair("m@example.com", "e@example.com").await;
    let (other_mentee, _) = app.register("x@example.com", &["mentee"]).await;
    let (other_mentor, _) = app.mentor("y@example.com", "Yara Other", json!({})).await;
    let admin = admin(&app).await;
    let goal = app
        .post(
            &format!("/api/mentorship/{mentorship}/goals"),
            json!({"title": "A goal"}),
            Some(&mentee),
        )
        .await
        .json();
    let gid = goal["id"].as_str().unwrap();
    let reads = [
        format!("/api/mentorship/{mentorship}/plan"),
        format!("/api/mentorship/{mentorship}/progress"),
        format!("/api/mentorship/{mentorship}/progress.csv"),
    ];
    for path in &reads {
        for token in [&mentor, &mentee] {
            assert_eq!(app.get(path, Some(token)).await.status, StatusCode::OK, "{path}");
        }
        for token in [&other_mentee, &other_mentor, &admin] {
            assert_eq!(app.get(path, Some(token)).await.status, StatusCode::NOT_FOUND, "{path}");
        }
        assert_eq!(app.get(path, None).await.status, StatusCode::UNAUTHORIZED, "{path}");
    }
    for token in [&other_mentee, &other_mentor, &admin] {
        let w = app
            .post(
                &format!("/api/mentorship/{mentorship}/goals"),
                json!({"title": "Mine now"}),
                Some(token),
            )
            .await;
        assert_eq!(w.status, StatusCode::NOT_FOUND);
        assert_eq!(
            patch(
                &app,
                &format!("/api/goals/{gid}"),
                json!({"status": "done"}),
                Some(token)
            )
            .await
            .status,
            StatusCode::NOT_FOUND
        );
        let s = app
            .post(
                &format!("/api/mentorship/{mentorship}/skills"),
                json!({"skill": "Rust", "level": 3}),
                Some(token),
            )
            .await;
        assert_eq!(s.status, StatusCode::NOT_FOUND);
    }
    assert_eq!(app.count_rows("goals").await, 1);
    assert_eq!(app.count_rows("skill_assessments").await, 0);

    // Programs by visibility: a private one is the author's (and admins').
    let private = app
        .post(
            "/api/programs",
            program_body("First 90 days as a manager", "private"),
            Some(&mentor),
        )
        .await
        .json();
    let pid = private["id"].as_str().unwrap();
    for (token, status) in [
        (&mentor, StatusCode::OK),
        (&admin, StatusCode::OK),
        (&other_mentor, StatusCode::NOT_FOUND),
        (&mentee, StatusCode::NOT_FOUND),
    ] {
        assert_eq!(
            app.get(&format!("/api/programs/{pid}"), Some(token)).await.status,
            status
        );
    }
    let listed = app.get("/api/programs", Some(&other_mentor)).await.json();
    assert!(!listed.to_string().contains("First 90 days"), "{listed}");
    let public = app
        .post(
            "/api/programs",
            program_body("Public interview prep", "public"),
            Some(&mentor),
        )
        .await
        .json();
    let public_id = public["id"].as_str().unwrap();
    let foreign = app
        .put(
            &format!("/api/programs/{public_id}"),
            program_body("Taken over by another", "public"),
            Some(&other_mentor),
        )
        .await;
    assert_eq!(
        foreign.status,
        StatusCode::FORBIDDEN,
        "a non-owner who can see it may not edit it"
    );
    let by_admin = app
        .put(
            &format!("/api/programs/{public_id}"),
            program_body("Fixed by an admin", "public"),
            Some(&admin),
        )
        .await;
    assert_eq!(by_admin.status, StatusCode::OK);
    let apply_private = app
        .post(
            &format!("/api/mentorship/{mentorship}/program"),
            json!({"programId": pid}),
            Some(&mentor),
        )
        .await;
    assert_eq!(
        apply_private.status,
        StatusCode::OK,
        "the author may use their own private program"
    );
}

#[tokio::test]
async fn agendas_before_recordings_after_and_private_notes_for_their_writer() {
    let app = TestApp::spawn().await;
    let (mentor, mentee, mentorship, _) = app.accepted_pair("m@example.com", "e@example.com").await;
    let at = (app.now() + Duration::days(2))
        .date_naive()
        .and_hms_opt(10, 0, 0)
        .unwrap()
        .and_utc();
    let session = app
        .post(
            "/api/mentorship/sessions",
            json!({"mentorshipId": mentorship, "scheduledAt": at.to_rfc3339(), "duration": 60, "topic": "Plan"}),
            Some(&mentee),
        )
        .await
        .json();
    let sid = session["id"].as_str().unwrap();
    let base = format!("/api/mentorship/sessions/{sid}");
    let agenda = app
        .put(
            &format!("{base}/agenda"),
            json!({"text": "1. Promotion case"}),
            Some(&mentee),
        )
        .await;
    assert_eq!(agenda.json()["agenda"], "1. Promotion case", "{}", agenda.text());
    let early = app
        .put(
            &format!("{base}/recording"),
            json!({"url": "https://rec.example/1"}),
            Some(&mentor),
        )
        .await;
    assert_eq!(
        (early.status, early.error_code()),
        (StatusCode::CONFLICT, "not_started".into())
    );
    let note = app
        .put(
            &format!("{base}/private-note"),
            json!({"text": "Ask about the budget"}),
            Some(&mentor),
        )
        .await;
    assert_eq!(note.json()["privateNote"], "Ask about the budget");
    let seen_by_mentee = app.get(&base, Some(&mentee)).await.json();
    assert!(
        seen_by_mentee["privateNote"].is_null(),
        "the other person never sees it: {seen_by_mentee}"
    );
    assert_eq!(
        app.get(&base, Some(&mentor)).await.json()["privateNote"],
        "Ask about the budget"
    );
    let item = app
        .post(
            &format!("{base}/actions"),
            json!({"text": "Draft the case", "owner": "mentee"}),
            Some(&mentor),
        )
        .await;
    assert_eq!(item.status, StatusCode::CREATED, "{}", item.text());
    assert_eq!(item.json()["sessionId"], sid);
    // An hour past the start, whatever the time of day the test runs.
    app.advance(at - app.now() + Duration::hours(1));
    let late = app
        .put(&format!("{base}/agenda"), json!({"text": "too late"}), Some(&mentee))
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    let rec = app
        .put(
            &format!("{base}/recording"),
            json!({"url": "https://rec.example/1"}),
            Some(&mentor),
        )
        .await;
    assert_eq!(rec.json()["recordingUrl"], "https://rec.example/1");
    let js = app
        .put(
            &format!("{base}/recording"),
            json!({"url": "javascript:alert(1)"}),
            Some(&mentor),
        )
        .await;
    assert_eq!(js.status, StatusCode::UNPROCESSABLE_ENTITY);
    let (stranger, _) = app.register("s@example.com", &["mentee"]).await;
    assert_eq!(
        app.put(&format!("{base}/private-note"), json!({"text": "x"}), Some(&stranger))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
