use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::harness::TestApp;

fn names(body: &Value) -> Vec<String> {
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap().to_owned())
        .collect()
}

async fn three_mentors(app: &TestApp) -> (String, String, String) {
    let (_, ada) = app
        .mentor("ada@example.com", "Ada Lovelace", json!({"company": "Analytical Engines", "expertise": ["Distributed systems", "Rust"], "specializations": ["Career growth"], "yearsExperience": 20}))
        .await;
    let (_, grace) = app
        .mentor("grace@example.com", "Grace Hopper", json!({"company": "Navy", "expertise": ["Compilers", "COBOL"], "specializations": ["Leadership"], "yearsExperience": 30}))
        .await;
    let (_, diego) = app
        .mentor("diego@example.com", "Diego Hernández", json!({"company": "Stripe", "expertise": ["Payments", "Distributed databases"], "specializations": ["Interview preparation"], "yearsExperience": 8}))
        .await;
    (ada, grace, diego)
}

#[tokio::test]
async fn search_matches_name_expertise_and_company_by_word_prefix() {
    let app = TestApp::spawn().await;
    three_mentors(&app).await;
    let by_expertise = app.get("/api/mentors?q=dist%20sys", None).await;
    assert_eq!(by_expertise.status, StatusCode::OK, "{}", by_expertise.text());
    assert_eq!(names(&by_expertise.json()), vec!["Ada Lovelace"]);

    let by_prefix = app.get("/api/mentors?q=DIST", None).await.json();
    let mut found = names(&by_prefix);
    found.sort();
    assert_eq!(found, vec!["Ada Lovelace", "Diego Hernández"]);

    assert_eq!(
        names(&app.get("/api/mentors?q=grac", None).await.json()),
        vec!["Grace Hopper"]
    );
    assert_eq!(
        names(&app.get("/api/mentors?q=stripe", None).await.json()),
        vec!["Diego Hernández"]
    );
    assert!(names(&app.get("/api/mentors?q=nothing-like-this", None).await.json()).is_empty());
    // Operators typed by a user are words, not syntax.
    assert_eq!(
        app.get("/api/mentors?q=%22rust%22%20OR%20*", None).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_name_match_ranks_above_an_expertise_match() {
    let app = TestApp::spawn().await;
    app.mentor(
        "r1@example.com",
        "Sam Carter",
        json!({"expertise": ["Rust"], "company": "Acme"}),
    )
    .await;
    app.mentor(
        "r2@example.com",
        "Rusty Nail",
        json!({"expertise": ["Go"], "company": "Acme"}),
    )
    .await;
    let found = names(&app.get("/api/mentors?q=rust", None).await.json());
    assert_eq!(found, vec!["Rusty Nail", "Sam Carter"]);
}

#[tokio::test]
async fn cards_show_what_the_contract_promises() {
    let app = TestApp::spawn().await;
    let (ada, _, _) = three_mentors(&app).await;
    let body = app.get("/api/mentors?q=ada", None).await.json();
    let card = &body["items"][0];
    assert_eq!(card["id"], ada.as_str());
    assert_eq!(card["company"], "Analytical Engines");
    assert_eq!(card["jobTitle"], "Engineer");
    assert_eq!(card["expertise"], json!(["Distributed systems", "Rust"]));
    assert_eq!(card["specializations"], json!(["Career growth"]));
    assert_eq!(card["yearsExperience"], 20);
    assert_eq!(card["rating"], json!({"average": null, "count": 0}));
    assert_eq!(card["acceptingMentees"], true);
    assert_eq!(card["timezone"], "Europe/Berlin");
    assert!(body["nextCursor"].is_null());
}

#[tokio::test]
async fn filters_and_sorting() {
    let app = TestApp::spawn().await;
    three_mentors(&app).await;
    let leaders = app.get("/api/mentors?specialization=leadership", None).await.json();
    assert_eq!(names(&leaders), vec!["Grace Hopper"]);
    assert_eq!(
        names(&app.get("/api/mentors?company=STRIPE", None).await.json()),
        vec!["Diego Hernández"]
    );
    assert_eq!(
        names(&app.get("/api/mentors?expertise=rust", None).await.json()),
        vec!["Ada Lovelace"]
    );
    let by_experience = names(&app.get("/api/mentors?sort=experience", None).await.json());
    assert_eq!(by_experience, vec!["Grace Hopper", "Ada Lovelace", "Diego Hernández"]);
    let bad = app.get("/api/mentors?sort=fame", None).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.get("/api/mentors?acceptingOnly=perhaps", None).await.status,
        StatusCode::BAD_REQUEST
    );
}

/// With words, the exact filters also narrow the full-text index (by the
/// tag's words in that column); what matches stays exactly the filter's.
#[tokio::test]
async fn words_with_exact_filters_match_whole_tags_in_their_own_column() {
    let app = TestApp::spawn().await;
    three_mentors(&app).await;
    // The words of the tag, but in the headline, not as a specialization.
    app.mentor("lin@example.com", "Lin Distributed", json!({"headline": "Career growth coach", "expertise": ["Distributed systems"], "specializations": ["Leadership"], "company": "Stripe Labs"}))
        .await;
    let search = |query: &'static str| {
        let app = &app;
        async move {
            names(
                &app.get(&format!("/api/mentors?q=distributed&{query}"), None)
                    .await
                    .json(),
            )
        }
    };
    assert_eq!(search("specialization=career%20growth").await, vec!["Ada Lovelace"]);
    assert_eq!(search("specialization=Leadership").await, vec!["Lin Distributed"]);
    assert_eq!(
        search("company=stripe").await,
        vec!["Diego Hernández"],
        "the whole company name"
    );
    assert_eq!(search("company=Stripe%20Labs").await, vec!["Lin Distributed"]);
    assert_eq!(search("expertise=distributed%20systems").await.len(), 2);
    assert_eq!(
        search("expertise=systems").await,
        Vec::<String>::new(),
        "a whole tag, not a word of one"
    );
    assert_eq!(
        search("expertise=Distributed%20databases").await,
        vec!["Diego Hernández"]
    );
}

#[tokio::test]
async fn mentors_who_do_not_accept_or_are_full_are_hidden_unless_asked() {
    let app = TestApp::spawn().await;
    app.mentor(
        "closed@example.com",
        "Closed Mentor",
        json!({"acceptingMentees": false}),
    )
    .await;
    let (full_token, full_id) = app
        .mentor("full@example.com", "Full Mentor", json!({"maxMentees": 1}))
        .await;
    app.mentor("open@example.com", "Open Mentor", json!({})).await;
    let (mentee, _) = app.register("mentee@example.com", &["mentee"]).await;
    let asked = app.ask(&mentee, &full_id).await.json();
    let accepted = app
        .json(
            axum::http::Method::POST,
            &format!("/api/mentorship/{}/accept", asked["id"].as_str().unwrap()),
            None,
            Some(&full_token),
        )
        .await;
    assert_eq!(accepted.status, StatusCode::OK);

    assert_eq!(names(&app.get("/api/mentors", None).await.json()), vec!["Open Mentor"]);
    let mut all = names(&app.get("/api/mentors?acceptingOnly=false", None).await.json());
    all.sort();
    assert_eq!(all, vec!["Closed Mentor", "Full Mentor", "Open Mentor"]);
    let full = app.get("/api/mentors?acceptingOnly=false&q=full", None).await.json();
    assert_eq!(full["items"][0]["acceptingMentees"], false);
    assert_eq!(full["items"][0]["spotsLeft"], 0);
}

#[tokio::test]
async fn pages_follow_the_cursor_and_bad_cursors_are_refused() {
    let app = TestApp::spawn().await;
    for i in 0..5 {
        app.mentor(
            &format!("m{i}@example.com"),
            &format!("Mentor {i}"),
            json!({"yearsExperience": i}),
        )
        .await;
    }
    let mut seen = Vec::new();
    let mut next: Option<String> = None;
    loop {
        let path = match &next {
            Some(cursor) => format!("/api/mentors?sort=experience&limit=2&cursor={cursor}"),
            None => "/api/mentors?sort=experience&limit=2".into(),
        };
        let body = app.get(&path, None).await.json();
        seen.extend(names(&body));
        match body["nextCursor"].as_str() {
            Some(cursor) => next = Some(cursor.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen, vec!["Mentor 4", "Mentor 3", "Mentor 2", "Mentor 1", "Mentor 0"]);
    assert_eq!(
        app.get("/api/mentors?cursor=bogus", None).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        app.get("/api/mentors?limit=0", None).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        app.get("/api/mentors?limit=101", None).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

#[tokio::test]
async fn renaming_a_mentor_updates_search() {
    let app = TestApp::spawn().await;
    let (token, _) = app
        .mentor("old@example.com", "Oldname Person", json!({"headline": "Mentor"}))
        .await;
    app.put("/api/me", json!({"name": "Newname Person"}), Some(&token))
        .await;
    assert!(names(&app.get("/api/mentors?q=oldname", None).await.json()).is_empty());
    assert_eq!(
        names(&app.get("/api/mentors?q=newname", None).await.json()),
        vec!["Newname Person"]
    );
}

#[tokio::test]
async fn a_mentor_profile_is_public_and_unknown_ids_are_404() {
    let app = TestApp::spawn().await;
    let (ada, _, _) = three_mentors(&app).await;
    let detail = app.get(&format!("/api/mentors/{ada}"), None).await;
    assert_eq!(detail.status, StatusCode::OK);
    let body = detail.json();
    assert_eq!(body["name"], "Ada Lovelace");
    assert_eq!(body["bio"], "I like helping people grow.");
    assert_eq!(body["languages"], json!(["English"]));
    assert_eq!(body["stats"]["activeMentees"], 0);
    assert_eq!(
        app.get("/api/mentors/00000000-0000-0000-0000-000000000000", None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/api/mentors/not-a-uuid", None).await.status,
        StatusCode::NOT_FOUND
    );
    let (_, mentee) = app.register("m@example.com", &["mentee"]).await;
    let mentee_id = mentee["id"].as_str().unwrap();
    assert_eq!(
        app.get(&format!("/api/mentors/{mentee_id}"), None).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn recommendations_explain_themselves_and_skip_the_wrong_mentors() {
    let app = TestApp::spawn().await;
    let (ada, grace, diego) = three_mentors(&app).await;
    app.mentor(
        "closed@example.com",
        "Closed Mentor",
        json!({"acceptingMentees": false, "expertise": ["Distributed systems"]}),
    )
    .await;
    let (me, _) = app.register("learner@example.com", &["mentee", "mentor"]).await;
    app.put(
        "/api/me/mentor-profile",
        json!({"headline": "Me", "expertise": ["Distributed systems"]}),
        Some(&me),
    )
    .await;
    let set = app.put("/api/me", json!({"interests": ["Distributed systems"], "goals": "Grow into a staff role", "timezone": "Europe/London"}), Some(&me)).await;
    assert_eq!(set.status, StatusCode::OK);
    assert_eq!(set.json()["interests"], json!(["Distributed systems"]));

    let recommended = app.get("/api/mentors/recommended", Some(&me)).await;
    assert_eq!(recommended.status, StatusCode::OK, "{}", recommended.text());
    let list = recommended.json();
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids[0], ada, "the mentor sharing an interest comes first: {list}");
    assert!(ids.contains(&grace.as_str()) && ids.contains(&diego.as_str()));
    assert_eq!(ids.len(), 3, "not oneself, not the closed mentor: {list}");
    let reasons: Vec<&str> = list[0]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(reasons.contains(&"Also works on distributed systems"), "{reasons:?}");
    assert!(reasons.contains(&"1 hour ahead of you"), "{reasons:?}");
    assert!(list[0]["score"].as_f64().unwrap() > list[1]["score"].as_f64().unwrap());

    // Once asked, a mentor is no longer recommended.
    assert_eq!(app.ask(&me, &ada).await.status, StatusCode::CREATED);
    let after = app.get("/api/mentors/recommended", Some(&me)).await.json();
    assert!(!after.as_array().unwrap().iter().any(|m| m["id"] == ada.as_str()));
    assert_eq!(
        app.get("/api/mentors/recommended", None).await.status,
        StatusCode::UNAUTHORIZED
    );
}
