//! Mini mentorship rules shared by REST, tRPC and the pages. Every query
//! is scoped to what the caller may see (the seed relied on row-level
//! policies; here the same guarantees are code, tested as a matrix).

use chrono::{DateTime, Duration, Utc};
use mentorhub_domain::mini::{self, MiniStatus, SessionType, Urgency};
use mentorhub_domain::search::terms;
use mentorhub_domain::session::{parse_start, SessionStatus};
use mentorhub_domain::validation::bounded_text;
use mentorhub_domain::FieldErrors;
use mentorhub_store::{
    BoardFilter, MentorQuery, MiniRequestRecord, NewSession, SessionOrigin, SessionRecord, UserRecord,
};
use uuid::Uuid;

use crate::services::notifications;
use crate::state::AppState;
use crate::web::error::Error;
use mentorhub_domain::local_time::local;

/// A request with its session, as every interface shows it.
pub struct MiniView {
    pub request: MiniRequestRecord,
    /// What the request is now (expired once past its expiry, sweep or not).
    pub status: MiniStatus,
    pub session: Option<SessionRecord>,
}

async fn view(state: &AppState, request: MiniRequestRecord) -> Result<MiniView, Error> {
    let status = request.status.effective(request.expires_at, state.clock.now());
    // Only a scheduled or completed request has a session; lists of open
    // requests need no extra lookups.
    let session = match request.status {
        MiniStatus::Scheduled | MiniStatus::Completed => state.store.session_of_mini_request(request.id).await?,
        _ => None,
    };
    Ok(MiniView {
        request,
        status,
        session,
    })
}

async fn views(state: &AppState, requests: Vec<MiniRequestRecord>) -> Result<Vec<MiniView>, Error> {
    let mut out = Vec::with_capacity(requests.len());
    for r in requests {
        out.push(view(state, r).await?);
    }
    Ok(out)
}

fn mentee_only(me: &UserRecord) -> Result<(), Error> {
    if me.is_mentee {
        Ok(())
    } else {
        Err(Error::forbidden("Only mentees post mini mentorship requests."))
    }
}

fn mentor_only(me: &UserRecord) -> Result<(), Error> {
    if me.is_mentor {
        Ok(())
    } else {
        Err(Error::forbidden("Only mentors can do this."))
    }
}

/// Who may see a request: its owner, the mentor who claimed it, and any
/// mentor while it is open.
fn may_see(me: &UserRecord, r: &MiniRequestRecord, status: MiniStatus) -> bool {
    r.mentee_id == me.id || r.claimed_by == Some(me.id) || (me.is_mentor && status == MiniStatus::Open)
}

async fn load(state: &AppState, id: Uuid) -> Result<MiniRequestRecord, Error> {
    state.store.mini_request(id).await?.ok_or(Error::NotFound)
}

fn conflict(status: MiniStatus) -> Error {
    Error::Conflict(
        "invalid_state",
        format!("This request is {}.", status.label().to_lowercase()),
    )
}

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
    let now = state.clock.now();
    let parsed = mini::parse_request(
        input.title,
        input.session_type,
        input.description,
        input.duration,
        input.urgency,
        input.preferred_dates,
        now,
    )?;
    let ttl = Duration::from_std(state.config.mini_request_ttl).unwrap_or(Duration::days(7));
    let record = state
        .store
        .create_mini_request(Uuid::new_v4(), me.id, &parsed, now + ttl, now)
        .await?;
    tracing::info!(mini.id = %record.id, "mini request created");
    notify_matching_mentors(state, me, &record).await;
    view(state, record).await
}

/// Mentors whose expertise or specializations match the request hear of it.
async fn notify_matching_mentors(state: &AppState, me: &UserRecord, r: &MiniRequestRecord) {
    let mut words = terms(&r.title);
    words.extend(r.session_type.keywords().iter().map(|k| (*k).to_owned()));
    let query = MentorQuery {
        terms: words,
        match_any: true,
        accepting_only: false,
        limit: 20,
        ..MentorQuery::default()
    };
    let Ok(mentors) = state.store.search_mentors(&query).await else {
        return;
    };
    for mentor in mentors.into_iter().filter(|m| m.user_id != me.id).take(20) {
        notifications::send(
            state,
            mentor.user_id,
            "mini_request_posted",
            format!("New {} request: {}", r.session_type.label().to_lowercase(), r.title),
            format!("{} minutes · {} urgency", r.duration, r.urgency.as_str()),
            Some(format!("/mini/{}", r.id)),
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

pub async fn open(state: &AppState, me: &UserRecord, filter: &BoardFilter) -> Result<Vec<MiniView>, Error> {
    mentor_only(me)?;
    views(
        state,
        state.store.open_mini_requests(me.id, filter, state.clock.now()).await?,
    )
    .await
}

/// Board filters as text (API query, tRPC input, page form).
pub fn parse_filter(
    session_type: Option<&str>,
    urgency: Option<&str>,
    max_duration: Option<i64>,
) -> Result<BoardFilter, Error> {
    let mut errors = FieldErrors::new();
    let session_type = match session_type.map(str::trim).filter(|v| !v.is_empty()) {
        None => None,
        Some(v) => SessionType::parse(v).or_else(|| {
            errors.add("sessionType", "Unknown session type.");
            None
        }),
    };
    let urgency = match urgency.map(str::trim).filter(|v| !v.is_empty()) {
        None => None,
        Some(v) => Urgency::parse(v).or_else(|| {
            errors.add("urgency", "Urgency is low, medium or high.");
            None
        }),
    };
    if max_duration.is_some_and(|d| !(1..=600).contains(&d)) {
        errors.add("maxDuration", "maxDuration must be between 1 and 600 minutes.");
    }
    errors.into_result()?;
    Ok(BoardFilter {
        session_type,
        urgency,
        max_duration,
    })
}

pub async fn claim(state: &AppState, me: &UserRecord, id: Uuid) -> Result<MiniView, Error> {
    mentor_only(me)?;
    let r = load(state, id).await?;
    if r.mentee_id == me.id {
        return Err(Error::Conflict(
            "own_request",
            "You cannot claim your own request.".into(),
        ));
    }
    let now = state.clock.now();
    if !state.store.claim_mini_request(id, me.id, now).await? {
        // Someone else was first, or it is no longer open.
        let status = load(state, id).await?.status.effective(r.expires_at, now);
        return Err(Error::Conflict(
            "not_open",
            format!(
                "This request is no longer open (it is {}).",
                status.label().to_lowercase()
            ),
        ));
    }
    notifications::send(
        state,
        r.mentee_id,
        "mini_request_claimed",
        format!("{} claimed your request: {}", me.name, r.title),
        "They will pick one of your preferred times.".into(),
        Some("/mentorship/dashboard".into()),
    )
    .await;
    get(state, me, id).await
}

pub async fn claimed(state: &AppState, me: &UserRecord) -> Result<Vec<MiniView>, Error> {
    mentor_only(me)?;
    views(state, state.store.mini_requests_claimed_by(me.id).await?).await
}

pub async fn release(state: &AppState, me: &UserRecord, id: Uuid) -> Result<MiniView, Error> {
    let v = get(state, me, id).await?;
    if v.request.claimed_by != Some(me.id) {
        return Err(Error::forbidden(
            "Only the mentor who claimed a request can release it.",
        ));
    }
    if v.status != MiniStatus::Claimed {
        return Err(conflict(v.status));
    }
    if !state.store.release_mini_request(id, me.id, state.clock.now()).await? {
        return Err(conflict(v.status));
    }
    notifications::send(
        state,
        v.request.mentee_id,
        "mini_request_released",
        format!("{} released your request: {}", me.name, v.request.title),
        "It is open for other mentors again.".into(),
        Some("/mentorship/dashboard".into()),
    )
    .await;
    let r = load(state, id).await?;
    view(state, r).await
}

pub async fn schedule(
    state: &AppState,
    me: &UserRecord,
    id: Uuid,
    scheduled_at: Option<&str>,
) -> Result<SessionRecord, Error> {
    let v = get(state, me, id).await?;
    if v.request.claimed_by != Some(me.id) {
        return Err(Error::forbidden(
            "Only the mentor who claimed a request can schedule it.",
        ));
    }
    if v.status != MiniStatus::Claimed {
        return Err(conflict(v.status));
    }
    let now = state.clock.now();
    let start: DateTime<Utc> = parse_start(scheduled_at, now).map_err(|m| Error::field("scheduledAt", m))?;
    if !v.request.preferred_dates.contains(&start) {
        return Err(Error::field(
            "scheduledAt",
            "Choose one of the mentee's preferred times.",
        ));
    }
    let new = NewSession {
        id: Uuid::new_v4(),
        origin: SessionOrigin::Mini(id),
        mentor_id: me.id,
        mentee_id: v.request.mentee_id,
        scheduled_at: start,
        duration: v.request.duration.into(),
        topic: v.request.title.clone(),
        notes: None,
        meeting_url: crate::services::sessions::meeting_url(state, me.id).await?,
        buffer_minutes: 0,
    };
    let session = state.store.create_session(&new, now).await?;
    let mentee = state.store.user_by_id(v.request.mentee_id).await?;
    notifications::send(
        state,
        v.request.mentee_id,
        "mini_session_scheduled",
        format!("{} scheduled your mini session: {}", me.name, v.request.title),
        format!("{} · {}", local(start, &mentee.timezone), session.meeting_url),
        Some("/mentorship/dashboard".into()),
    )
    .await;
    Ok(session)
}

pub async fn my_sessions(state: &AppState, me: &UserRecord) -> Result<Vec<SessionRecord>, Error> {
    Ok(state.store.mini_sessions_of(me.id).await?)
}

pub async fn complete(
    state: &AppState,
    me: &UserRecord,
    session_id: Uuid,
    notes: Option<&str>,
    outcome: Option<&str>,
) -> Result<SessionRecord, Error> {
    let session = match state.store.session(session_id).await? {
        Some(s) if s.mini_request_id.is_some() && (s.mentor_id == me.id || s.mentee_id == me.id) => s,
        _ => return Err(Error::NotFound),
    };
    if session.mentor_id != me.id {
        return Err(Error::forbidden("Only the mentor completes a mini session."));
    }
    let mut errors = FieldErrors::new();
    let notes = errors.take("notes", bounded_text(notes.unwrap_or(""), "Notes", 1, 4000));
    let outcome = match outcome.map(str::trim).filter(|o| !o.is_empty()) {
        None => None,
        Some(text) => errors.take("outcome", bounded_text(text, "Outcome", 1, 500)),
    };
    errors.into_result()?;
    let notes = notes.unwrap_or_default();
    if session.status != SessionStatus::Scheduled {
        return Err(Error::Conflict(
            "invalid_state",
            format!("This session is {}.", session.status.as_str()),
        ));
    }
    let now = state.clock.now();
    if session.scheduled_at > now {
        return Err(Error::Conflict(
            "not_started",
            "A session can be completed once it has started.".into(),
        ));
    }
    let request_id = session.mini_request_id.ok_or(Error::NotFound)?;
    if !state
        .store
        .complete_mini_session(session.id, request_id, &notes, outcome.as_deref(), now)
        .await?
    {
        return Err(Error::Conflict(
            "invalid_state",
            "This session changed meanwhile.".into(),
        ));
    }
    notifications::send(
        state,
        session.mentee_id,
        "mini_session_completed",
        format!("{} completed your mini session: {}", me.name, session.topic),
        outcome.unwrap_or_default(),
        Some("/mentorship/dashboard".into()),
    )
    .await;
    state.store.session(session.id).await?.ok_or(Error::NotFound)
}

/// Marks expired requests and tells their owners; safe to run on every
/// instance at once (each request is returned to exactly one sweep).
pub async fn sweep_expired(state: &AppState) -> Result<usize, Error> {
    let expired = state.store.expire_mini_requests(state.clock.now()).await?;
    for (_, mentee, title) in &expired {
        notifications::send(
            state,
            *mentee,
            "mini_request_expired",
            format!("Your request expired: {title}"),
            "No mentor claimed it in time. You can post it again.".into(),
            Some("/mentorship/dashboard".into()),
        )
        .await;
    }
    Ok(expired.len())
}
