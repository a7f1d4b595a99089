//! On a phone the navigation is a menu that opens without JavaScript (a
//! <details> element) and leads everywhere the desktop bar does.

use fantoccini::Locator;

use crate::harness::{browser, TestApp};

#[tokio::test]
async fn the_phone_menu_opens_and_navigates() {
    let app = TestApp::spawn().await;
    let Some(browser) = browser::launch().await else { return };
    app.register("mentee@example.com", &["mentee"]).await;
    let server = app.serve().await;
    browser.sign_in(&server.base, "mentee@example.com").await;
    browser.resize(390, 844).await;
    browser.goto(&format!("{}/dashboard", server.base)).await;
    let desktop_links = browser.client.find(Locator::Css(".nav-links")).await.unwrap();
    assert!(
        !desktop_links.is_displayed().await.unwrap(),
        "the bar gives way to the menu"
    );
    let bar_height = browser
        .client
        .execute(
            "return document.querySelector('.topbar').getBoundingClientRect().height",
            vec![],
        )
        .await
        .unwrap();
    assert!(bar_height.as_f64().unwrap() < 80.0, "one row on a phone: {bar_height}");
    browser.click(".menu summary").await;
    let chat = browser
        .client
        .find(Locator::Css(".menu-panel a[href='/chat']"))
        .await
        .unwrap();
    assert!(chat.is_displayed().await.unwrap(), "the menu shows its links");
    browser.screenshot("phone-menu-open").await;
    chat.click().await.unwrap();
    browser.wait_for_text("#conversations-heading", "Conversations").await;
    assert_eq!(browser.path().await, "/chat");
    browser.close().await;
}
