//! The `miniMentorship` router: each procedure, its kind, and its input.

use mentorhub_store::UserRecord;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;
use uuid::Uuid;

use crate::services::mini;
use crate::state::AppState;
use crate::web::dto::mini::{board_page, encode_board_cursor, new_request, CreateBody, MiniRequest, MiniSession};
use crate::web::error::Error;
use crate::web::extract::parse_id;
use crate::web::pagination::{Page, DEFAULT_LIMIT, MAX_LIMIT};

pub enum Kind {
    Query,
    Mutation,
}

pub fn kind(path: &str) -> Option<Kind> {
    match path.strip_prefix("miniMentorship.")? {
        "getMyRequests"
        | "getRequestById"
        | "getOpenRequests"
        | "getOpenRequestsPage"
        | "getClaimedRequests"
        | "getMySessions" => Some(Kind::Query),
        "createRequest" | "cancelRequest" | "claimRequest" | "releaseRequest" | "scheduleSession"
        | "completeSession" => Some(Kind::Mutation),
        _ => None,
    }
}

fn input<T: DeserializeOwned + Default>(value: Value) -> Result<T, Error> {
    if value.is_null() {
        return Ok(T::default());
    }
    serde_json::from_value(value).map_err(|e| Error::BadRequest("invalid_input", format!("The input is invalid: {e}.")))
}

#[derive(Deserialize, Default)]
struct IdInput {
    id: Option<String>,
}

impl IdInput {
    fn id(&self) -> Result<Uuid, Error> {
        match self.id.as_deref() {
            None => Err(Error::field("id", "id is required.")),
            Some(text) => parse_id(text),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct BoardInput {
    session_type: Option<String>,
    urgency: Option<String>,
    max_duration: Option<i64>,
    limit: Option<i64>,
    cursor: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct ScheduleInput {
    request_id: Option<String>,
    scheduled_at: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct CompleteInput {
    session_id: Option<String>,
    notes: Option<String>,
    outcome: Option<String>,
}

fn to_value<T: serde::Serialize>(value: T) -> Result<Value, Error> {
    serde_json::to_value(value).map_err(Error::internal)
}

fn requests(views: Vec<mini::MiniView>) -> Result<Value, Error> {
    to_value(views.into_iter().map(MiniRequest::from).collect::<Vec<_>>())
}

pub async fn call(state: &AppState, user: Option<&UserRecord>, path: &str, raw: Value) -> Result<Value, Error> {
    let me = user.ok_or(Error::Unauthorized)?;
    let name = path.strip_prefix("miniMentorship.").ok_or(Error::NotFound)?;
    match name {
        "createRequest" => {
            let body: CreateBody = input(raw)?;
            to_value(MiniRequest::from(mini::create(state, me, new_request(&body)).await?))
        }
        "getMyRequests" => requests(mini::my_requests(state, me).await?),
        "getRequestById" => {
            let id = input::<IdInput>(raw)?.id()?;
            to_value(MiniRequest::from(mini::get(state, me, id).await?))
        }
        "cancelRequest" => {
            let id = input::<IdInput>(raw)?.id()?;
            to_value(MiniRequest::from(mini::cancel(state, me, id).await?))
        }
        "getOpenRequests" => {
            let b: BoardInput = input(raw)?;
            let filter = mini::parse_filter(b.session_type.as_deref(), b.urgency.as_deref(), b.max_duration)?;
            let (after, limit) = board_page(b.limit, b.cursor.as_deref(), MAX_LIMIT)?;
            requests(mini::open(state, me, &filter, after, limit).await?.0)
        }
        // The same board in pages, as tRPC's infinite queries expect.
        "getOpenRequestsPage" => {
            let b: BoardInput = input(raw)?;
            let filter = mini::parse_filter(b.session_type.as_deref(), b.urgency.as_deref(), b.max_duration)?;
            let (after, limit) = board_page(b.limit, b.cursor.as_deref(), DEFAULT_LIMIT)?;
            let (views, next) = mini::open(state, me, &filter, after, limit).await?;
            to_value(Page {
                items: views.into_iter().map(MiniRequest::from).collect::<Vec<_>>(),
                next_cursor: next.as_ref().map(encode_board_cursor),
            })
        }
        "claimRequest" => {
            let id = input::<IdInput>(raw)?.id()?;
            to_value(MiniRequest::from(mini::claim(state, me, id).await?))
        }
        "getClaimedRequests" => requests(mini::claimed(state, me).await?),
        "getMySessions" => to_value(
            mini::my_sessions(state, me)
                .await?
                .into_iter()
                .map(MiniSession::from)
                .collect::<Vec<_>>(),
        ),
        "releaseRequest" => {
            let id = input::<IdInput>(raw)?.id()?;
            to_value(MiniRequest::from(mini::release(state, me, id).await?))
        }
        "scheduleSession" => {
            let s: ScheduleInput = input(raw)?;
            let id = match s.request_id.as_deref() {
                Some(text) => parse_id(text)?,
                None => return Err(Error::field("requestId", "requestId is required.")),
            };
            to_value(MiniSession::from(
                mini::schedule(state, me, id, s.scheduled_at.as_deref()).await?,
            ))
        }
        "completeSession" => {
            let c: CompleteInput = input(raw)?;
            let id = match c.session_id.as_deref() {
                Some(text) => parse_id(text)?,
                None => return Err(Error::field("sessionId", "sessionId is required.")),
            };
            to_value(MiniSession::from(
                mini::complete(state, me, id, c.notes.as_deref(), c.outcome.as_deref()).await?,
            ))
        }
        _ => Err(Error::NotFound),
    }
}
