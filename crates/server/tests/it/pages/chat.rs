use axum::http::StatusCode;
use serde_json::json;

use super::Visitor;
use crate::harness::TestApp;

#[tokio::test]
async fn chat_works_as_plain_forms_and_escapes_bodies() {
    let app = TestApp::spawn().await;
    let (_, mentor_id) = app.mentor("m@example.com", "Mona Mentor", json!({})).await;
    let mut mentee = Visitor::new(&app);
    mentee.sign_up("Max Mentee", "max@example.com", "role_mentee=on").await;
    let profile = mentee.get(&format!("/mentors/{mentor_id}")).await.text();
    assert!(
        profile.contains(&format!("href=\"/chat/with/{mentor_id}\"")),
        "the profile links to chat"
    );

    let blank = mentee.get(&format!("/chat/with/{mentor_id}")).await;
    assert_eq!(blank.status, StatusCode::OK);
    assert!(blank.text().contains(&format!(
        "<h2 id=\"thread-heading\"><a href=\"/mentors/{mentor_id}\">Mona Mentor</a></h2>"
    )));
    let sent = mentee
        .submit(
            &format!("/chat/with/{mentor_id}"),
            &format!("/chat/with/{mentor_id}"),
            "body=%3Cscript%3Ealert(1)%3C%2Fscript%3E+hello",
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text());
    let location = sent.header("location").unwrap();
    let conversation = location
        .trim_start_matches("/chat/")
        .split('#')
        .next()
        .unwrap()
        .to_owned();
    let page = mentee.get(&format!("/chat/{conversation}")).await.text();
    assert!(!page.contains("<script>alert(1)</script>"));
    assert!(page.contains("&#60;script&#62;alert(1)&#60;/script&#62; hello") || page.contains("&lt;script&gt;"));
    let again = mentee
        .submit(
            &format!("/chat/{conversation}"),
            &format!("/chat/{conversation}/messages"),
            "body=Second",
        )
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert!(mentee.get("/chat").await.text().contains("Mona Mentor"));

    // A message that breaks a rule shows the thread again with the draft kept.
    let long = "x".repeat(4001);
    let refused = mentee
        .submit(
            &format!("/chat/{conversation}"),
            &format!("/chat/{conversation}/messages"),
            &format!("body={long}"),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text();
    assert!(html.contains(&format!(">{long}</textarea>")), "the draft is kept");
    assert!(
        html.contains("id=\"body-error\" role=\"alert\">"),
        "with the reason beside it"
    );
    let thread = mentee.get(&format!("/chat/{conversation}")).await.text();
    assert_eq!(
        thread.matches("class=\"day-separator\"").count(),
        1,
        "one day, one separator"
    );

    let mut stranger = Visitor::new(&app);
    stranger.sign_up("Stranger", "s@example.com", "role_mentee=on").await;
    assert_eq!(
        stranger.get(&format!("/chat/{conversation}")).await.status,
        StatusCode::NOT_FOUND
    );
    let forged = stranger
        .submit("/chat", &format!("/chat/{conversation}/messages"), "body=hi")
        .await;
    assert_eq!(forged.status, StatusCode::NOT_FOUND);
}
