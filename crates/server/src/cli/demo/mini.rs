//! Demo mini mentorship requests: one open, one claimed, one scheduled.

use mentorhub_domain::{Clock, SystemClock};
use mentorhub_store::{Store, UserRecord};

use super::people::{mentor_email, user_by_email};
use crate::config::Config;
use crate::services::mini;
use crate::state::AppState;

/// Mini mentorship requests: one open, one claimed, one scheduled.
pub async fn load_mini_requests(store: &Store, mentees: &[UserRecord]) -> anyhow::Result<()> {
    if !store.mini_requests_of(mentees[1].id).await?.is_empty() {
        return Ok(());
    }
    let state = AppState::new(store.clone(), Config::for_database("sqlite::memory:"));
    let now = SystemClock.now();
    let at = |days: i64, hour: u32| {
        let date = (now + chrono::Duration::days(days)).date_naive();
        date.and_hms_opt(hour, 0, 0)
            .map(|t| t.and_utc().to_rfc3339())
            .unwrap_or_default()
    };
    let plan = [
        (
            1,
            "Interview prep for a backend role",
            "interview_prep",
            "I have a technical interview next week and would like to practise.",
            "high",
            None,
        ),
        (
            2,
            "Résumé review for a product role",
            "resume_review",
            "I am moving from support into product and want feedback on my résumé.",
            "medium",
            Some(false),
        ),
        (
            3,
            "Mock ML interview",
            "mock_interview",
            "Please run a mock machine learning interview with me.",
            "low",
            Some(true),
        ),
    ];
    let mentor = user_by_email(store, &mentor_email(1)).await?;
    for (mentee, title, kind, description, urgency, claim_and_schedule) in plan {
        let dates = vec![at(4, 15), at(5, 16)];
        let input = mini::NewRequest {
            title: Some(title),
            session_type: Some(kind),
            description: Some(description),
            duration: Some(30),
            urgency: Some(urgency),
            preferred_dates: &dates,
        };
        let view = mini::create(&state, &mentees[mentee], input)
            .await
            .map_err(|e| anyhow::anyhow!("demo mini: {e}"))?;
        if let Some(schedule) = claim_and_schedule {
            mini::claim(&state, &mentor, view.request.id)
                .await
                .map_err(|e| anyhow::anyhow!("demo claim: {e}"))?;
            if schedule {
                mini::schedule(&state, &mentor, view.request.id, Some(&dates[0]))
                    .await
                    .map_err(|e| anyhow::anyhow!("demo schedule: {e}"))?;
            }
        }
    }
    Ok(())
}
