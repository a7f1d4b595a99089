//! A mentee's requests: posting (and telling matching mentors), reading,
//! cancelling.

use chrono::Duration;
use mentorhub_domain::mini::{self, MiniStatus};
use mentorhub_domain::search::terms;
use mentorhub_store::{JobChanges, MentorQuery, MiniRequestRecord, UserRecord};
use uuid::Uuid;

use super::view::{conflict, load, may_see, mentee_only, view, views, MiniView};
use crate::services::error::Error;
use crate::services::mail;
use crate::services::notifications;
use crate::services::rate_limit::{self, Rule};
use crate::state::AppState;

pub struct NewRequest<'a> {
    pub title: Option<&'a str>,
    pub session_type: Option<&'a str>,
    pub description: Option<&'a str>,
    pub duration: Option<i64>,
    pub urgency: Option<&'a str>,
    pub preferred_dates: &'a [String],
}

pub async fn create(state: &AppState, me: &UserRecord, input: NewRequest<'_>) -> Result<MiniView, Error> {
    mentee_only(me)?;
    let per_hour = Rule::new(
        "mini_create",
        state.limits.mini_requests_per_hour,
        std::time::Duration::from_secs(3600),
    );
    let subject = me.id.to_string();
    rate_limit::check(state, per_hour, &subject).await?;
    let horizon = state.horizon();
    let now = horizon.now;
    let parsed = mini::parse_request(
        input.title,
        input.session_type,
        input.description,
        input.duration,
        input.urgency,
        input.preferred_dates,
        horizon,
    )?;
    let ttl = Duration::from_std(state.config.mini_request_ttl).unwrap_or(Duration::days(7));
    let id = Uuid::new_v4();
    let (title, link) = (
        format!("Your request is posted: {}", parsed.title),
        format!("/mini/{id}"),
    );
    let body = "Mentors who fit it can claim it now. We will tell you when one does.";
    let confirmation =
        mail::events::notification(state, me.id, "mini_request_created", (&title, body, Some(&link)), id);
    let jobs = JobChanges::create(confirmation.into_iter().collect());
    let record = state
        .store
        .create_mini_request(id, me.id, &parsed, now + ttl, &jobs, now)
        .await?;
    mail::events::committed(state, &jobs);
    rate_limit::hit(state, per_hour, &subject).await?;
    tracing::info!(mini.id = %record.id, "mini request created");
    notify_matching_mentors(state, me, &record).await;
    view(state, record).await
}

/// Mentors whose expertise or specializations match the request hear of it;
/// a mentor's unread notice of this kind collapses the next ones into it,
/// so a burst of requests leaves one row per mentor.
async fn notify_matching_mentors(state: &AppState, me: &UserRecord, r: &MiniRequestRecord) {
    let mut words = terms(&r.title);
    words.extend(r.session_type.keywords().iter().map(|k| (*k).to_owned()));
    let query = MentorQuery {
        terms: words,
        match_any: true,
        accepting_only: false,
        every_match: true,
        limit: 20,
        ..MentorQuery::default()
    };
    let Ok(mentors) = state.store.search_mentors(&query).await else {
        return;
    };
    for mentor in mentors.into_iter().filter(|m| m.user_id != me.id).take(20) {
        notifications::send_collapsed(
            state,
            mentor.user_id,
            "mini_request_posted",
            format!("New {} request: {}", r.session_type.label().to_lowercase(), r.title),
            format!("{} minutes · {} urgency", r.duration, r.urgency.as_str()),
            Some(format!("/mini/{}", r.id)),
            (" new mini mentorship requests match you", "/mini"),
        )
        .await;
    }
}

pub async fn my_requests(state: &AppState, me: &UserRecord) -> Result<Vec<MiniView>, Error> {
    mentee_only(me)?;
    views(state, state.store.mini_requests_of(me.id).await?).await
}

pub async fn get(state: &AppState, me: &UserRecord, id: Uuid) -> Result<MiniView, Error> {
    let v = view(state, load(state, id).await?).await?;
    if may_see(me, &v.request, v.status) {
        Ok(v)
    } else {
        Err(Error::NotFound)
    }
}

pub async fn cancel(state: &AppState, me: &UserRecord, id: Uuid) -> Result<MiniView, Error> {
    let v = get(state, me, id).await?;
    if v.request.mentee_id != me.id {
        return Err(Error::forbidden("Only the person who asked can cancel a request."));
    }
    if !matches!(v.status, MiniStatus::Open | MiniStatus::Claimed) {
        return Err(conflict(v.status));
    }
    if !state.store.cancel_mini_request(id, me.id, state.clock.now()).await? {
        return Err(conflict(get(state, me, id).await?.status));
    }
    if let Some(mentor) = v.request.claimed_by {
        notifications::send(
            state,
            mentor,
            "mini_request_cancelled",
            format!("{} cancelled: {}", me.name, v.request.title),
            String::new(),
            None,
        )
        .await;
    }
    get(state, me, id).await
}
