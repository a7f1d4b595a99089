//! Every page, as visitors, mentees, mentors and admins see it, at desktop
//! (1366 px) and phone (390 px) width: nothing scrolls sideways on a phone,
//! axe-core finds no serious or critical violation, and a screenshot of
//! each is kept in `artifacts/pages/`.

use chrono::Duration;
use serde_json::json;

use crate::harness::browser::Browser;
use crate::harness::feeds::FeedServer;
use crate::harness::{browser, TestApp};

const DESKTOP: (u32, u32) = (1366, 900);
const PHONE: (u32, u32) = (390, 844);

/// Opens each page at both widths and collects what is wrong.
async fn check_pages(browser: &Browser, base: &str, who: &str, pages: &[(&str, String)], problems: &mut Vec<String>) {
    for (name, path) in pages {
        for (width, height) in [DESKTOP, PHONE] {
            browser.resize(width, height).await;
            browser.goto(&format!("{base}{path}")).await;
            let title = browser.text_of("main h1, main h2").await;
            assert!(!title.contains("Not found"), "{who} {path}: {title}");
            let overflow = browser.horizontal_overflow().await;
            if !overflow.is_empty() {
                problems.push(format!("{who} {path} at {width}px scrolls sideways: {overflow:?}"));
            }
            browser.screenshot_in("pages", &format!("{who}-{name}-{width}")).await;
            if width == DESKTOP.0 || name.starts_with("menu") {
                if let Some(violations) = browser.axe_serious().await {
                    for v in violations {
                        problems.push(format!("{who} {path} at {width}px, axe: {v}"));
                    }
                }
            }
        }
    }
    browser.resize(DESKTOP.0, DESKTOP.1).await;
}

#[tokio::test]
async fn every_page_fits_a_phone_and_passes_axe() {
    let app = TestApp::spawn_configured(TestApp::test_limits(), |c| c.calendar_allow_private = true).await;
    let Some(browser) = browser::launch().await else { return };
    let (mentor, mentee, mentorship, mentor_id) = app.accepted_pair("mentor@example.com", "mentee@example.com").await;
    let every_day = (1..=7)
        .map(|d| json!({"weekday": d, "start": "08:00", "end": "18:00"}))
        .collect::<Vec<_>>();
    app.put(
        "/api/me/availability",
        json!({"timezone": "Asia/Tokyo", "weekly": every_day}),
        Some(&mentor),
    )
    .await;
    let day = (app.now() + Duration::days(3)).date_naive();
    let slots = app
        .get(
            &format!("/api/mentors/{mentor_id}/slots?from={day}&to={day}&duration=60"),
            Some(&mentee),
        )
        .await
        .json();
    let start = slots[0]["start"].as_str().expect("a free slot").to_owned();
    let session = app
        .post(
            "/api/mentorship/sessions",
            json!({"mentorshipId": mentorship, "scheduledAt": start, "duration": 60, "topic": "Career plan for 2027"}),
            Some(&mentee),
        )
        .await
        .json()["id"]
        .as_str()
        .expect("booked")
        .to_owned();
    let mini = app
        .post(
            "/api/mini/requests",
            json!({"title": "Mock interview for a staff role", "sessionType": "mock_interview",
                   "description": "An onsite loop next week; I would like to practise system design.",
                   "duration": 45, "urgency": "high",
                   "preferredDates": [(app.now() + Duration::days(2)).to_rfc3339()]}),
            Some(&mentee),
        )
        .await
        .json()["id"]
        .as_str()
        .expect("mini request")
        .to_owned();
    let conversation = app
        .post(
            "/api/chat",
            json!({"recipientId": mentor_id, "body": "Hello! See https://example.com/plan"}),
            Some(&mentee),
        )
        .await
        .json()["conversationId"]
        .as_str()
        .expect("a message")
        .to_owned();
    let group_at = (app.now() + Duration::days(10))
        .date_naive()
        .and_hms_opt(6, 0, 0)
        .unwrap()
        .and_utc();
    let group = app
        .post(
            "/api/group-sessions",
            json!({"title": "System design office hours", "description": "Bring a design you are working on.",
                   "scheduledAt": group_at.to_rfc3339(), "duration": 60, "capacity": 8}),
            Some(&mentor),
        )
        .await
        .json()["id"]
        .as_str()
        .expect("a group session")
        .to_owned();
    app.post(&format!("/api/group-sessions/{group}/join"), json!({}), Some(&mentee))
        .await;
    app.post(
        "/api/chat",
        json!({"conversationId": group, "body": "Looking forward to it!"}),
        Some(&mentee),
    )
    .await;
    // Connected calendars: the mentor's on the settings page, the mentee's
    // busy over the next days, so the scheduler marks clashing times.
    let stamp = |t: chrono::DateTime<chrono::Utc>| t.format("%Y%m%dT%H%M%SZ").to_string();
    let event = |from, to| {
        format!(
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:busy@example.com\r\nDTSTART:{}\r\nDTEND:{}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            stamp(from),
            stamp(to)
        )
    };
    let mentor_feed = FeedServer::start(&event(
        app.now() + Duration::days(2),
        app.now() + Duration::days(2) + Duration::hours(1),
    ))
    .await;
    let mentee_feed = FeedServer::start(&event(app.now(), app.now() + Duration::days(40))).await;
    for (token, feed) in [(&mentor, &mentor_feed), (&mentee, &mentee_feed)] {
        let connected = app
            .post(
                "/api/me/calendars",
                json!({"url": format!("{}/cal.ics", feed.base), "name": "Personal"}),
                Some(token),
            )
            .await;
        assert_eq!(connected.json()["busyCount"], 1, "{}", connected.text());
    }
    // A plan with a goal, an action item and assessments for the report.
    let program = app
        .post(
            "/api/programs",
            json!({"title": "12-week backend interview preparation", "durationWeeks": 12,
                   "milestones": [{"week": 1, "title": "Study plan"}, {"week": 5, "title": "Mock interview"}],
                   "skills": ["System design"]}),
            Some(&mentor),
        )
        .await
        .json()["id"]
        .as_str()
        .expect("a program")
        .to_owned();
    app.post(
        &format!("/api/mentorship/{mentorship}/program"),
        json!({"programId": program}),
        Some(&mentor),
    )
    .await;
    let goal = app
        .post(
            &format!("/api/mentorship/{mentorship}/goals"),
            json!({"title": "Land a backend role"}),
            Some(&mentee),
        )
        .await
        .json()["id"]
        .as_str()
        .expect("a goal")
        .to_owned();
    app.post(
        &format!("/api/goals/{goal}/actions"),
        json!({"text": "List target companies", "owner": "mentee"}),
        Some(&mentee),
    )
    .await;
    for (token, level) in [(&mentee, 2), (&mentor, 3)] {
        app.post(
            &format!("/api/mentorship/{mentorship}/skills"),
            json!({"skill": "System design", "level": level}),
            Some(token),
        )
        .await;
    }
    app.admin("admin@example.com").await;
    let reported = app
        .post(
            "/api/reports",
            json!({"subjectType": "user", "subjectId": mentor_id, "reason": "spam", "details": "Links to a paid course"}),
            Some(&mentee),
        )
        .await;
    assert_eq!(reported.status, axum::http::StatusCode::CREATED, "{}", reported.text());
    let server = app.serve().await;
    let base = server.base.clone();
    let mut problems = Vec::new();

    let visitor = [
        ("landing", "/".to_string()),
        ("signin", "/signin".into()),
        ("signup", "/signup".into()),
        ("find", "/mentorship/find".into()),
        ("find-typo", "/mentorship/find?q=Mentr".into()),
        ("profile", format!("/mentors/{mentor_id}")),
        ("groups", "/groups".into()),
    ];
    check_pages(&browser, &base, "visitor", &visitor, &mut problems).await;

    browser.sign_in(&base, "mentee@example.com").await;
    let mentee_pages = [
        ("dashboard", "/dashboard".to_string()),
        ("mentorship", "/mentorship".into()),
        ("mentorship-sessions", "/mentorship?tab=sessions".into()),
        ("mentorship-requests", "/mentorship?tab=requests".into()),
        ("find", "/mentorship/find".into()),
        ("profile", format!("/mentors/{mentor_id}")),
        ("schedule", format!("/mentorship/sessions/new?mentorship={mentorship}")),
        ("reschedule", format!("/mentorship/sessions/new?reschedule={session}")),
        ("mini", "/mini".into()),
        ("mini-request-form", "/mentorship/dashboard?new=1".into()),
        ("mini-detail", format!("/mini/{mini}")),
        ("chat", "/chat".into()),
        ("chat-thread", format!("/chat/{conversation}")),
        ("notifications", "/notifications".into()),
        ("settings", "/settings".into()),
        ("groups", "/groups".into()),
        ("group", format!("/groups/{group}")),
        ("progress", format!("/mentorship/{mentorship}/progress")),
        (
            "report",
            format!("/report?type=user&id={mentor_id}&back=/mentors/{mentor_id}"),
        ),
    ];
    check_pages(&browser, &base, "mentee", &mentee_pages, &mut problems).await;
    browser.sign_out().await;

    browser.sign_in(&base, "mentor@example.com").await;
    let mentor_pages = [
        ("dashboard", "/dashboard".to_string()),
        ("mini-board", "/mini".into()),
        ("mentees", "/mentorship?tab=mentees".into()),
        ("group-new", "/groups/new".into()),
        ("programs", "/programs".into()),
        ("program", format!("/programs/{program}")),
        ("progress-mentor", format!("/mentorship/{mentorship}/progress")),
        ("group-host", format!("/groups/{group}")),
        ("chat-thread", format!("/chat/{conversation}")),
        ("notifications", "/notifications".into()),
        ("settings", "/settings".into()),
    ];
    check_pages(&browser, &base, "mentor", &mentor_pages, &mut problems).await;
    browser.sign_out().await;

    browser.sign_in(&base, "admin@example.com").await;
    check_pages(
        &browser,
        &base,
        "admin",
        &[
            ("overview", "/admin".to_string()),
            ("reports", "/admin/reports".into()),
            ("people", "/admin/users".into()),
            ("audit", "/admin/audit".into()),
            ("outbox", "/admin/outbox".into()),
        ],
        &mut problems,
    )
    .await;
    browser.close().await;
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The same pages in the dark colour scheme: axe-core checks contrast, so a
/// colour token that fails in the dark fails here.
#[tokio::test]
async fn dark_mode_pages_pass_axe() {
    let app = TestApp::spawn().await;
    let Some(browser) = browser::launch_with(&["--force-dark-mode", "--blink-settings=preferredColorScheme=0"]).await
    else {
        return;
    };
    let (_, _, mentorship, mentor_id) = app.accepted_pair("mentor@example.com", "mentee@example.com").await;
    let server = app.serve().await;
    let base = server.base.clone();
    browser.goto(&format!("{base}/")).await;
    let dark = browser
        .client
        .execute("return matchMedia('(prefers-color-scheme: dark)').matches", vec![])
        .await
        .unwrap();
    assert_eq!(dark, json!(true), "Chromium runs in the dark scheme");
    let mut problems = Vec::new();
    let visitor = [
        ("landing", "/".to_string()),
        ("find", "/mentorship/find".into()),
        ("signin", "/signin".into()),
    ];
    check_pages(&browser, &base, "dark-visitor", &visitor, &mut problems).await;
    browser.sign_in(&base, "mentee@example.com").await;
    let pages = [
        ("dashboard", "/dashboard".to_string()),
        ("profile", format!("/mentors/{mentor_id}")),
        ("schedule", format!("/mentorship/sessions/new?mentorship={mentorship}")),
        ("mini", "/mini".into()),
        ("chat", "/chat".into()),
        ("settings", "/settings".into()),
    ];
    check_pages(&browser, &base, "dark-mentee", &pages, &mut problems).await;
    browser.close().await;
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
