use axum::http::{Method, StatusCode};
use chrono::{DateTime, Duration, DurationRound, Utc};
use serde_json::json;

use super::{app_with, mails, pair, post, run_jobs};
use crate::harness::smtp::SmtpSink;

fn iso(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn calendar_of(ics: &str) -> icalendar::Calendar {
    ics.parse().unwrap_or_else(|e| panic!("an iCalendar file: {e}\n{ics}"))
}

#[tokio::test]
async fn mentorship_emails_arrive_once_to_the_right_person() {
    let Some(sink) = SmtpSink::start().await else { return };
    let app = app_with(&sink).await;
    let (mentor, mentor_id) = app.mentor("m@example.com", "Mona Mentor", json!({})).await;
    let (mentee, _) = app.register("e@example.com", &["mentee"]).await;
    let asked = app.ask(&mentee, &mentor_id).await;
    assert_eq!(asked.status, StatusCode::CREATED);
    let id = asked.json()["id"].as_str().unwrap().to_owned();
    run_jobs(&app).await;
    assert_eq!(run_jobs(&app).await, 0, "nothing left");
    let got = mails(&sink);
    assert_eq!(got.len(), 1, "one email");
    assert_eq!(got[0].to, "m@example.com");
    assert_eq!(got[0].subject, "Test Person asked you for mentorship");
    assert!(
        got[0].text.contains("http://mentorhub.test/mentorship?tab=requests"),
        "{}",
        got[0].text
    );
    assert!(got[0].html.contains("Hi Mona Mentor"));
    assert!(got[0].has_message_id && got[0].has_date);
    let unsubscribe = got[0].unsubscribe.as_deref().unwrap();
    assert!(
        unsubscribe.starts_with("<http://mentorhub.test/unsubscribe/"),
        "{unsubscribe}"
    );
    assert_eq!(got[0].unsubscribe_post.as_deref(), Some("List-Unsubscribe=One-Click"));

    let accepted = post(&app, &format!("/api/mentorship/{id}/accept"), &mentor).await;
    assert_eq!(accepted.status, StatusCode::OK);
    run_jobs(&app).await;
    let got = sink.wait_for(2).await;
    let last = super::parse(&got[1]);
    assert_eq!(last.to, "e@example.com");
    assert!(last.subject.contains("accepted your request"), "{}", last.subject);
}

#[tokio::test]
async fn session_emails_carry_calendar_files_and_reminders_follow_the_session() {
    let Some(sink) = SmtpSink::start().await else { return };
    let app = app_with(&sink).await;
    let (mentor, mentee, mentorship) = pair(&app).await;
    run_jobs(&app).await;
    let before = sink.raw_messages().len();
    let start = (app.now() + Duration::days(3))
        .date_naive()
        .and_hms_opt(6, 0, 0)
        .unwrap()
        .and_utc();
    let booked = app
        .post(
            "/api/mentorship/sessions",
            json!({"mentorshipId": mentorship, "scheduledAt": iso(start), "duration": 60, "topic": "Career plan"}),
            Some(&mentee),
        )
        .await;
    assert_eq!(booked.status, StatusCode::CREATED, "{}", booked.text());
    let session = booked.json()["id"].as_str().unwrap().to_owned();
    run_jobs(&app).await;
    let got = mails(&sink).split_off(before);
    assert_eq!(got.len(), 2, "both people");
    let to_mentee = got
        .iter()
        .find(|m| m.to == "mentee@example.com")
        .expect("mentee's copy");
    assert!(
        to_mentee.subject.starts_with("Session booked: Career plan"),
        "{}",
        to_mentee.subject
    );
    assert!(
        to_mentee.text.contains("15:00") && to_mentee.text.contains("JST"),
        "Tokyo time, zone named: {}",
        to_mentee.text
    );
    let to_mentor = got
        .iter()
        .find(|m| m.to == "mentor@example.com")
        .expect("mentor's copy");
    assert!(
        to_mentor.text.contains("07:00") && to_mentor.text.contains("CET"),
        "Berlin time: {}",
        to_mentor.text
    );
    let ics = to_mentee.ics.as_deref().expect("invite.ics");
    assert!(ics.contains("METHOD:REQUEST") && ics.contains(&format!("UID:session-{session}@mentorhub")));
    calendar_of(ics);
    let feed_uid = format!("session-{session}@mentorhub");

    // Reminders: the 24-hour one is due a day before, not earlier.
    app.advance(start - app.now() - Duration::hours(24) - Duration::minutes(1));
    assert_eq!(run_jobs(&app).await, 0);
    app.advance(Duration::minutes(2));
    run_jobs(&app).await;
    let reminders: Vec<_> = mails(&sink)
        .into_iter()
        .filter(|m| m.subject.starts_with("Reminder:"))
        .collect();
    assert_eq!(reminders.len(), 2, "both people, once");
    assert!(reminders[0].subject.contains("24 hours"));

    // Moving the session moves its reminders and raises SEQUENCE.
    let moved_to = start + Duration::hours(5);
    let moved = app
        .json(
            Method::POST,
            &format!("/api/mentorship/sessions/{session}/reschedule"),
            Some(json!({"scheduledAt": iso(moved_to)})),
            Some(&mentor),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text());
    run_jobs(&app).await;
    let all = mails(&sink);
    let moved_mail = all
        .iter()
        .find(|m| m.subject.starts_with("Session moved"))
        .expect("moved email");
    let moved_ics = moved_mail.ics.as_deref().unwrap();
    assert!(
        moved_ics.contains(&format!("UID:{feed_uid}")) && moved_ics.contains("SEQUENCE:1"),
        "{moved_ics}"
    );
    // The old 1-hour reminder (due at start - 1h) never comes; the new one does.
    app.advance(start - app.now() - Duration::minutes(30));
    run_jobs(&app).await;
    assert_eq!(mails(&sink).iter().filter(|m| m.subject.contains("1 hour")).count(), 0);
    app.advance(moved_to - app.now() - Duration::minutes(59));
    run_jobs(&app).await;
    assert_eq!(
        mails(&sink)
            .iter()
            .filter(|m| m.subject.contains("starts in 1 hour"))
            .count(),
        2
    );

    // Cancelling sends METHOD:CANCEL and drops what is left.
    let cancelled = post(&app, &format!("/api/mentorship/sessions/{session}/cancel"), &mentee).await;
    assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.text());
    run_jobs(&app).await;
    let cancel_mail = mails(&sink)
        .into_iter()
        .find(|m| m.subject.starts_with("Session cancelled"))
        .expect("cancel email");
    assert!(cancel_mail.ics.as_deref().unwrap().contains("METHOD:CANCEL"));
}

#[tokio::test]
async fn a_reminder_already_past_at_booking_is_skipped() {
    let Some(sink) = SmtpSink::start().await else { return };
    let app = app_with(&sink).await;
    let (_mentor, mentee, mentorship) = pair(&app).await;
    let start = app.now() + Duration::hours(3);
    let booked = app
        .post(
            "/api/mentorship/sessions",
            json!({"mentorshipId": mentorship, "scheduledAt": iso(start), "duration": 30, "topic": "Soon"}),
            Some(&mentee),
        )
        .await;
    assert_eq!(booked.status, StatusCode::CREATED, "{}", booked.text());
    run_jobs(&app).await;
    app.advance(Duration::hours(3));
    run_jobs(&app).await;
    let subjects: Vec<String> = mails(&sink).into_iter().map(|m| m.subject).collect();
    assert_eq!(
        subjects.iter().filter(|s| s.contains("24 hours")).count(),
        0,
        "{subjects:?}"
    );
    assert_eq!(
        subjects.iter().filter(|s| s.contains("1 hour")).count(),
        2,
        "{subjects:?}"
    );
}

#[tokio::test]
async fn unread_chat_is_mailed_once_an_hour_and_not_when_read() {
    let Some(sink) = SmtpSink::start().await else { return };
    let app = app_with(&sink).await;
    // Ten past an hour: both messages' emails fall into the same hour.
    let now = app.now();
    app.advance(now.duration_trunc(Duration::hours(1)).unwrap() + Duration::minutes(70) - now);
    let (mentor, mentor_id) = app.mentor("m@example.com", "Mona", json!({})).await;
    let (mentee, _) = app.register("e@example.com", &["mentee"]).await;
    run_jobs(&app).await;
    let before = sink.raw_messages().len();
    let sent = app
        .post(
            "/api/chat",
            json!({"recipientId": mentor_id, "body": "Hello <b>Mona</b>"}),
            Some(&mentee),
        )
        .await;
    let conversation = sent.json()["conversationId"].as_str().unwrap().to_owned();
    app.post(
        "/api/chat",
        json!({"conversationId": conversation, "body": "Are you there?"}),
        Some(&mentee),
    )
    .await;
    app.advance(Duration::minutes(9));
    assert_eq!(run_jobs(&app).await, 0, "not before ten minutes");
    app.advance(Duration::minutes(2));
    run_jobs(&app).await;
    let got = mails(&sink).split_off(before);
    assert_eq!(got.len(), 1, "one email for both messages");
    assert_eq!(got[0].to, "m@example.com");
    assert!(got[0].subject.starts_with("2 unread messages"), "{}", got[0].subject);
    assert!(
        got[0].html.contains("Hello &#60;b&#62;Mona&#60;") && !got[0].html.contains("<b>Mona"),
        "escaped: {}",
        got[0].html
    );

    // Read in time: no email.
    app.post(
        "/api/chat",
        json!({"conversationId": conversation, "body": "One more"}),
        Some(&mentee),
    )
    .await;
    post(&app, &format!("/api/chat/{conversation}/read"), &mentor).await;
    app.advance(Duration::hours(2));
    run_jobs(&app).await;
    assert_eq!(sink.raw_messages().len(), before + 1);
}

#[tokio::test]
async fn mail_waits_while_smtp_is_down_and_goes_out_when_it_returns() {
    let Some(mut sink) = SmtpSink::start().await else {
        return;
    };
    let app = app_with(&sink).await;
    sink.pause().await;
    let (_mentor, mentor_id) = app.mentor("m@example.com", "Mona", json!({})).await;
    let (mentee, _) = app.register("e@example.com", &["mentee"]).await;
    app.ask(&mentee, &mentor_id).await;
    run_jobs(&app).await;
    assert_eq!(
        app.get("/readyz", None).await.status,
        StatusCode::OK,
        "ready while SMTP is down"
    );
    let pending = app
        .state
        .store
        .jobs_in(mentorhub_store::JobStatus::Pending, 10)
        .await
        .unwrap();
    let email = pending.iter().find(|j| j.kind == "email").expect("the email waits");
    assert!(email.last_error.as_deref().unwrap().contains("SMTP"));
    sink.resume().await;
    app.advance(Duration::seconds(31));
    run_jobs(&app).await;
    let got = sink.wait_for(1).await;
    assert_eq!(got.len(), 1, "delivered once after SMTP returned");
}

#[tokio::test]
async fn mini_mentorship_emails() {
    let Some(sink) = SmtpSink::start().await else { return };
    let app = app_with(&sink).await;
    let (mentor, _) = app
        .mentor("m@example.com", "Mona", json!({"expertise": ["Interview coaching"]}))
        .await;
    let (mentee, _) = app.register("e@example.com", &["mentee"]).await;
    let at = (app.now() + Duration::days(2))
        .date_naive()
        .and_hms_opt(9, 0, 0)
        .unwrap()
        .and_utc();
    let created = app
        .post(
            "/api/mini/requests",
            json!({"title": "Interview prep for a startup", "sessionType": "interview_prep",
                   "description": "Need help preparing for technical interviews", "duration": 30,
                   "urgency": "high", "preferredDates": [iso(at)]}),
            Some(&mentee),
        )
        .await;
    let id = created.json()["id"].as_str().unwrap().to_owned();
    run_jobs(&app).await;
    assert!(mails(&sink)
        .iter()
        .any(|m| m.to == "e@example.com" && m.subject.starts_with("Your request is posted")));
    post(&app, &format!("/api/mini/requests/{id}/claim"), &mentor).await;
    run_jobs(&app).await;
    assert!(mails(&sink)
        .iter()
        .any(|m| m.to == "e@example.com" && m.subject.contains("claimed your request")));
    let scheduled = app
        .post(
            &format!("/api/mini/requests/{id}/schedule"),
            json!({"scheduledAt": iso(at)}),
            Some(&mentor),
        )
        .await;
    assert_eq!(scheduled.status, StatusCode::CREATED, "{}", scheduled.text());
    run_jobs(&app).await;
    let booked: Vec<_> = mails(&sink)
        .into_iter()
        .filter(|m| m.subject.starts_with("Session booked"))
        .collect();
    assert_eq!(booked.len(), 2);
    assert!(booked
        .iter()
        .all(|m| m.ics.as_deref().is_some_and(|i| i.contains("METHOD:REQUEST"))));
}

#[tokio::test]
async fn an_expired_mini_request_is_mailed_to_its_owner() {
    let Some(sink) = SmtpSink::start().await else { return };
    let app = app_with(&sink).await;
    let (mentee, _) = app.register("e@example.com", &["mentee"]).await;
    let at = app.now() + Duration::days(9);
    app.post(
        "/api/mini/requests",
        json!({"title": "Resume review please", "sessionType": "resume_review",
               "description": "Please look at my resume before I apply.", "duration": 15,
               "urgency": "low", "preferredDates": [iso(at)]}),
        Some(&mentee),
    )
    .await;
    app.advance(Duration::days(8));
    mentorhub_server::jobs::periodic::schedule_all(&app.state).await;
    app.advance(Duration::minutes(2));
    run_jobs(&app).await;
    run_jobs(&app).await;
    assert!(
        mails(&sink)
            .iter()
            .any(|m| m.to == "e@example.com" && m.subject.starts_with("Your request expired")),
        "{:?}",
        mails(&sink).iter().map(|m| m.subject.clone()).collect::<Vec<_>>()
    );
}
