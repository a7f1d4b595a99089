//! A mentor opens a group session with two seats; one mentee sits, another
//! takes the second seat, a third waits; the second leaves, and the one
//! waiting is promoted and sees the meeting link.

use fantoccini::Locator;
use serde_json::json;

use crate::harness::{browser, TestApp};

#[tokio::test]
async fn a_waitlisted_mentee_is_promoted_when_a_seat_frees() {
    let app = TestApp::spawn().await;
    let Some(browser) = browser::launch().await else { return };
    app.mentor("host@example.com", "Hana Host", json!({})).await;
    let (first, _) = app.register("first@example.com", &["mentee"]).await;
    app.register("second@example.com", &["mentee"]).await;
    app.register("third@example.com", &["mentee"]).await;
    let server = app.serve().await;
    let base = server.base.clone();

    browser.sign_in(&base, "host@example.com").await;
    browser.goto(&format!("{base}/groups")).await;
    browser.click("a[href='/groups/new']").await;
    browser.wait_for_text("main h1", "Host a group session").await;
    browser.fill("#title", "Mock interview circle").await;
    browser
        .fill("#description", "Practise behavioural questions together.")
        .await;
    let start = (app.now() + chrono::Duration::days(3))
        .format("%Y-%m-%dT18:00")
        .to_string();
    browser
        .client
        .execute(
            "document.getElementById('start').value = arguments[0]",
            vec![json!(start)],
        )
        .await
        .expect("set the start");
    browser.fill("#capacity", "2").await;
    browser.click("form[action='/groups'] button[type=submit]").await;
    browser.wait_for_text(".flash", "Your group session is open").await;
    let path = browser.path().await;
    let id = path.trim_start_matches("/groups/").to_owned();
    browser.sign_out().await;

    let joined = app
        .post(&format!("/api/group-sessions/{id}/join"), json!({}), Some(&first))
        .await;
    assert_eq!(joined.json()["myStatus"], "attending");

    browser.sign_in(&base, "second@example.com").await;
    browser.goto(&format!("{base}{path}")).await;
    browser.click(&format!("form[action='/groups/{id}/join'] button")).await;
    browser.wait_for_text(".flash", "You have a seat").await;
    browser.text_of("#meeting-link").await;
    browser.sign_out().await;

    browser.sign_in(&base, "third@example.com").await;
    browser.goto(&format!("{base}{path}")).await;
    browser
        .wait_for_text(&format!("form[action='/groups/{id}/join'] button"), "Join the waitlist")
        .await;
    browser.click(&format!("form[action='/groups/{id}/join'] button")).await;
    browser.wait_for_text(".flash", "you are on the waitlist").await;
    let links = browser
        .client
        .find_all(Locator::Css("#meeting-link"))
        .await
        .expect("query");
    assert!(links.is_empty(), "the waitlist does not see the meeting link");
    browser.sign_out().await;

    browser.sign_in(&base, "second@example.com").await;
    browser.goto(&format!("{base}{path}")).await;
    browser
        .click(&format!("form[action='/groups/{id}/leave'] button"))
        .await;
    browser.wait_for_text(".flash", "You left").await;
    browser.sign_out().await;

    browser.sign_in(&base, "third@example.com").await;
    browser.goto(&format!("{base}{path}")).await;
    browser.wait_for_text(".my-status", "You have a seat").await;
    browser.text_of("#meeting-link").await;
    browser.fill("#body", "Thanks for the seat!").await;
    browser.click("#chat-form button[type=submit]").await;
    browser.wait_for_text("#messages", "Thanks for the seat!").await;
    browser.screenshot("group-journey-promoted").await;
    browser.close().await;
}
