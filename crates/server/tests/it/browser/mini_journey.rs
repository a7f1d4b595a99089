use chrono::Duration;
use fantoccini::Locator;
use serde_json::json;

use crate::harness::{browser, TestApp};

/// A mentee asks through the dialog; a mentor claims and schedules it; the
/// mentee sees it scheduled with its meeting link.
#[tokio::test]
async fn a_mini_request_from_dialog_to_scheduled() {
    let app = TestApp::spawn().await;
    let Some(browser) = browser::launch().await else { return };
    app.register("mentee@example.com", &["mentee"]).await;
    app.mentor("mentor@example.com", "Mona Mentor", json!({})).await;
    let server = app.serve().await;

    browser.sign_in(&server.base, "mentee@example.com").await;
    browser.goto(&format!("{}/mentorship/dashboard", server.base)).await;
    browser.click("a[data-open-dialog]").await;
    let dialog_open = browser
        .client
        .execute("return document.getElementById('request-dialog').open", vec![])
        .await
        .unwrap();
    assert_eq!(dialog_open, json!(true), "the button opens the dialog in place");
    browser.fill("#title", "Mock interview for a backend role").await;
    browser
        .fill(
            "#description",
            "I have an onsite next week and want to practise system design.",
        )
        .await;
    let when = (app.now() + Duration::days(4))
        .with_timezone(&chrono_tz::Europe::Berlin)
        .format("%Y-%m-%dT14:00")
        .to_string();
    browser
        .client
        .execute(
            "document.getElementById('date_0').value = arguments[0]",
            vec![json!(when)],
        )
        .await
        .unwrap();
    browser
        .client
        .find(Locator::Css("#request button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser.wait_for_text(".flash", "Your request is open.").await;
    browser.sign_out().await;

    browser.sign_in(&server.base, "mentor@example.com").await;
    browser.goto(&format!("{}/mini", server.base)).await;
    browser
        .wait_for_text(".mini h3", "Mock interview for a backend role")
        .await;
    browser.click("form[action$='/claim'] button").await;
    browser.wait_for_text(".flash", "You claimed the request").await;
    browser.click(".slots input[type=radio]").await;
    browser.click("form[action$='/schedule'] button").await;
    browser.wait_for_text(".flash", "Scheduled.").await;
    browser.sign_out().await;

    browser.sign_in(&server.base, "mentee@example.com").await;
    browser.goto(&format!("{}/mentorship/dashboard", server.base)).await;
    browser.wait_for_text(".mini .badge", "Scheduled").await;
    let link = browser
        .client
        .find(Locator::LinkText("Join meeting"))
        .await
        .expect("a join link");
    let href = link.attr("href").await.unwrap().unwrap();
    assert!(href.starts_with("https://meet.jit.si/mentorhub-"), "{href}");
    browser.wait_for_text(".mini", "14:00").await;
    browser.screenshot("mini-journey-mentee-dashboard").await;
    browser.close().await;
}
