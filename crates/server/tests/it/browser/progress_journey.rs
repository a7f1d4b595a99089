//! A mentor applies a program, the mentee ticks a milestone and rates a
//! skill, and the report shows both.

use serde_json::json;

use crate::harness::{browser, TestApp};

#[tokio::test]
async fn a_mentor_applies_a_program_and_the_mentee_records_progress() {
    let app = TestApp::spawn().await;
    let Some(browser) = browser::launch().await else { return };
    let (mentor, _, mentorship, _) = app.accepted_pair("mentor@example.com", "mentee@example.com").await;
    let program = app
        .post(
            "/api/programs",
            json!({"title": "First 90 days as a manager", "durationWeeks": 13,
                   "milestones": [{"week": 1, "title": "One-on-ones with everyone"}, {"week": 4, "title": "Team working agreement"}],
                   "skills": ["Feedback", "Delegation"]}),
            Some(&mentor),
        )
        .await
        .json();
    let server = app.serve().await;
    let base = server.base.clone();
    let progress = format!("{base}/mentorship/{mentorship}/progress");

    browser.sign_in(&base, "mentor@example.com").await;
    browser.goto(&progress).await;
    browser.wait_for_text("main h1", "Progress with").await;
    browser
        .client
        .execute(
            "document.getElementById('program').value = arguments[0]",
            vec![program["id"].clone()],
        )
        .await
        .expect("choose the program");
    browser.click("form input[name=do][value=apply] ~ button").await;
    browser.wait_for_text(".flash", "The program is your plan now.").await;
    browser.sign_out().await;

    browser.sign_in(&base, "mentee@example.com").await;
    browser.goto(&progress).await;
    browser.wait_for_text("#milestones", "One-on-ones with everyone").await;
    browser.click("#milestones li:first-child button").await;
    browser.wait_for_text(".flash", "Milestone updated.").await;
    browser.fill("#skill", "Feedback").await;
    browser.click("input[name=level][value='4']").await;
    browser.click("form input[name=do][value=skill] ~ button").await;
    browser.wait_for_text(".flash", "Assessment saved.").await;
    browser.wait_for_text("#milestones li:first-child", "Done").await;
    browser
        .wait_for_text("#skills-heading + p + .skill h3", "Feedback")
        .await;
    let svg = browser
        .client
        .execute(
            "return document.querySelector('circle.dot.mentee').getAttribute('data-level')",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(svg, json!("4"));
    browser.screenshot("progress-journey-report").await;
    browser.close().await;
}
