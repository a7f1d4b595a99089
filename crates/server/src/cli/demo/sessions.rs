//! Demo availability and sessions of every kind: upcoming, completed and
//! rated, cancelled.

use mentorhub_domain::availability::{Availability, AvailabilityInput};
use mentorhub_domain::{Clock, MentorshipStatus, SystemClock};
use mentorhub_store::{JobChanges, MentorshipSide, NewSession, SessionOrigin, SessionScope, Store, UserRecord};
use uuid::Uuid;

use super::people::{mentor_email, user_by_email};

/// Weekday hours for the first mentors, and sessions of every kind for the
/// demo's accepted mentorships: upcoming, completed and rated, cancelled.
pub async fn load_sessions(store: &Store, mentees: &[UserRecord]) -> anyhow::Result<()> {
    let now = SystemClock.now();
    for i in 0..12 {
        let mentor = user_by_email(store, &mentor_email(i)).await?;
        if store.availability(mentor.id).await?.is_none() {
            let input = AvailabilityInput {
                timezone: mentor.timezone.clone(),
                weekly: (1..=5)
                    .map(|day| (day, "09:00".to_owned(), "17:00".to_owned()))
                    .collect(),
                ..AvailabilityInput::default()
            };
            let availability = Availability::parse(input).map_err(|e| anyhow::anyhow!("demo hours: {e:?}"))?;
            store.save_availability(mentor.id, &availability, None, now).await?;
        }
    }
    let mentorships = store
        .list_mentorships(
            mentees[0].id,
            Some(MentorshipSide::AsMentee),
            Some(MentorshipStatus::Accepted),
            10,
            0,
        )
        .await?;
    let Some(mentorship) = mentorships.first() else {
        return Ok(());
    };
    if !store
        .list_sessions(mentees[0].id, SessionScope::All, None, now, 1, 0)
        .await?
        .is_empty()
    {
        return Ok(());
    }
    let day = |days: i64, hour: u32| {
        let date = (now + chrono::Duration::days(days)).date_naive();
        date.and_hms_opt(hour, 0, 0).map(|t| t.and_utc()).unwrap_or(now)
    };
    let plan = [
        (
            day(-14, 15),
            "Planning my first six months",
            "completed",
            Some((5, "Clear, practical advice.")),
        ),
        (day(-7, 15), "System design practice", "completed", None),
        (day(-3, 15), "Code review habits", "cancelled", None),
        (day(3, 15), "Mock system design interview", "scheduled", None),
        (day(10, 15), "Career plan check-in", "scheduled", None),
    ];
    for (at, topic, outcome, rating) in plan {
        let new = NewSession {
            id: Uuid::new_v4(),
            origin: SessionOrigin::Mentorship(mentorship.id),
            mentor_id: mentorship.mentor_id,
            mentee_id: mentorship.mentee_id,
            scheduled_at: at,
            duration: 60,
            topic: topic.to_owned(),
            notes: None,
            meeting_url: format!(
                "https://meet.jit.si/mentorhub-demo-{}",
                &Uuid::new_v4().simple().to_string()[..12]
            ),
            buffer_minutes: 0,
        };
        let session = store.create_session(&new, &JobChanges::default(), now).await?;
        match outcome {
            "completed" => {
                store
                    .complete_session(session.id, Some("We agreed on next steps."), now)
                    .await?;
                if let Some((stars, comment)) = rating {
                    let done = store
                        .session(session.id)
                        .await?
                        .ok_or_else(|| anyhow::anyhow!("demo session missing"))?;
                    store.add_feedback(&done, stars, Some(comment), now).await?;
                }
            }
            "cancelled" => {
                store
                    .cancel_session(session.id, Some("Travelling that week."), &JobChanges::default(), now)
                    .await?;
            }
            _ => {}
        }
    }
    Ok(())
}
