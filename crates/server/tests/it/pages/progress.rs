//! The progress pages without JavaScript: a program written through the
//! library's form, applied, ticked off, assessed; the report's SVG charts
//! carry the right numbers; only the pair sees them; the dashboard shows
//! overdue action items to their owner.

use axum::http::StatusCode;
use chrono::Duration;
use serde_json::json;

use super::Visitor;
use crate::harness::TestApp;

fn enc(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            b' ' => "+".into(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn a_program_is_applied_ticked_and_assessed_and_the_report_draws_it() {
    let app = TestApp::spawn().await;
    let (mentor, mentee, mentorship, _) = app.accepted_pair("m@example.com", "e@example.com").await;
    // One completed hour-long session for the chart.
    let at = (app.now() + Duration::days(1))
        .date_naive()
        .and_hms_opt(10, 0, 0)
        .unwrap()
        .and_utc();
    let booked = app
        .post(
            "/api/mentorship/sessions",
            json!({"mentorshipId": mentorship, "scheduledAt": at.to_rfc3339(), "duration": 60, "topic": "Plan"}),
            Some(&mentee),
        )
        .await
        .json();
    app.advance(Duration::days(1) + Duration::hours(12));
    let sid = booked["id"].as_str().unwrap();
    app.post(
        &format!("/api/mentorship/sessions/{sid}/complete"),
        json!({}),
        Some(&mentor),
    )
    .await;

    let mut host = Visitor::signed_in(&app, "m@example.com").await;
    let refused = host
        .submit("/programs", "/programs", "title=Hi&weeks=0&milestones=")
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().contains("A program lasts 1 to 52 weeks."));
    let fields = format!(
        "title={}&weeks=4&skills={}&visibility=public&milestones={}",
        enc("12-week backend interview preparation"),
        enc("System design, Communication"),
        enc("Week 1: Study plan\nWeek 3: Mock interview — a full loop")
    );
    let saved = host.submit("/programs", "/programs", &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
    let program_page = saved.header("location").unwrap();
    let program_id = program_page.trim_start_matches("/programs/").to_owned();
    assert!(host
        .get("/programs")
        .await
        .text()
        .contains("12-week backend interview preparation"));

    let progress = format!("/mentorship/{mentorship}/progress");
    let applied = host
        .submit(&progress, &progress, &format!("do=apply&program={program_id}"))
        .await;
    assert_eq!(applied.status, StatusCode::SEE_OTHER);

    let mut learner = Visitor::signed_in(&app, "e@example.com").await;
    let page = learner.get(&progress).await.text();
    assert!(
        page.contains("Following <strong>12-week backend interview preparation</strong>"),
        "{page}"
    );
    let plan = app
        .get(&format!("/api/mentorship/{mentorship}/plan"), Some(&mentee))
        .await
        .json();
    let milestone = plan["milestones"][0]["id"].as_str().unwrap().to_owned();
    learner
        .submit(
            &progress,
            &progress,
            &format!("do=milestone&milestone={milestone}&done=true"),
        )
        .await;
    learner
        .submit(&progress, &progress, "do=skill&skill=System+design&level=2")
        .await;
    host.submit(&progress, &progress, "do=skill&skill=System+design&level=3")
        .await;
    let yesterday = (app.now() - Duration::days(1)).date_naive();
    learner
        .submit(&progress, &progress, "do=goal&title=Land+a+staff+role")
        .await;
    let goal = app
        .get(&format!("/api/mentorship/{mentorship}/plan"), Some(&mentee))
        .await
        .json()["goals"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let added = host
        .submit(
            &progress,
            &progress,
            &format!("do=action&goal={goal}&text=Write+the+doc&owner=mentee&due={yesterday}"),
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);

    let report = learner.get(&progress).await.text();
    let month = at.format("%Y-%m").to_string();
    assert!(
        report.contains(&format!("data-month=\"{month}\" data-hours=\"1.00\"")),
        "one hour in {month}"
    );
    assert!(report.contains("<title id=\"hours-title\">Hours of sessions by month (1.0 in all)"));
    let levels: Vec<&str> = report
        .match_indices("data-level=\"")
        .map(|(i, _)| &report[i + 12..i + 13])
        .collect();
    assert_eq!(levels, ["2", "3"], "the mentee's 2 and the mentor's 3");
    assert!(report.contains("<span class=\"metric\">1/2</span> milestones done"));
    assert!(report.contains("Overdue"), "the action item is past due");

    let dashboard = learner.get("/dashboard").await.text();
    assert!(
        dashboard.contains("Write the doc") && dashboard.contains("Your action item, due"),
        "the owner sees it"
    );
    assert!(
        !host.get("/dashboard").await.text().contains("Write the doc"),
        "the mentor does not own it"
    );

    app.register("x@example.com", &["mentee"]).await;
    let mut stranger = Visitor::signed_in(&app, "x@example.com").await;
    assert_eq!(stranger.get(&progress).await.status, StatusCode::NOT_FOUND);
    let forced = stranger.submit("/dashboard", &progress, "do=goal&title=Not+mine").await;
    assert_eq!(forced.status, StatusCode::NOT_FOUND);
    let mut visitor = Visitor::new(&app);
    assert_eq!(visitor.get(&progress).await.status, StatusCode::SEE_OTHER);
    assert_eq!(app.count_rows("goals").await, 1);
}
