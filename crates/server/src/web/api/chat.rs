//! Chat (seed: `/api/chat`).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use mentorhub_store::{ConversationSummary, MessageRecord};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::dto::{ErrorResponse, PersonRef};
use crate::services::chat::{self as rules, Target};
use crate::state::AppState;
use crate::web::auth::CurrentUser;
use crate::web::error::{Error, Result};
use crate::web::extract::{ApiJson, ApiQuery};
use crate::web::pagination::{Page, PageRequest};

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    pub id: Uuid,
    pub conversation_id: Uuid,
    pub sender_id: Uuid,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

impl From<MessageRecord> for Message {
    fn from(m: MessageRecord) -> Self {
        Self {
            id: m.id,
            conversation_id: m.conversation_id,
            sender_id: m.sender_id,
            body: m.body,
            created_at: m.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Conversation {
    pub id: Uuid,
    pub participants: Vec<PersonRef>,
    pub last_message: Option<Message>,
    pub unread_count: i64,
}

fn conversation(me: &mentorhub_store::UserRecord, c: ConversationSummary) -> Conversation {
    Conversation {
        id: c.id,
        participants: vec![
            PersonRef {
                id: me.id,
                name: me.name.clone(),
                headline: None,
            },
            PersonRef {
                id: c.other_id,
                name: c.other_name,
                headline: c.other_headline,
            },
        ],
        last_message: c.last_message.map(Message::from),
        unread_count: c.unread,
    }
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct PageParams {
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// The caller's conversations, most recent first.
#[utoipa::path(get, path = "/api/chat", tag = "chat", params(PageParams),
    responses((status = 200, body = Page<Conversation>), (status = 401, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiQuery(p): ApiQuery<PageParams>,
) -> Result<Json<Page<Conversation>>> {
    let page = PageRequest::parse(p.limit, p.cursor.as_deref())?;
    let rows = state
        .store
        .conversations_of(current.user.id, page.limit, page.offset)
        .await?;
    Ok(Json(page.page(rows, |c| conversation(&current.user, c))))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct SendBody {
    /// Start or continue the conversation with this person...
    pub recipient_id: Option<String>,
    /// ...or write into this conversation.
    pub conversation_id: Option<String>,
    /// 1..4000 characters.
    pub body: Option<String>,
}

/// Send a message.
#[utoipa::path(post, path = "/api/chat", tag = "chat", request_body = SendBody,
    responses((status = 201, body = Message), (status = 403, description = "not allowed to write to this person", body = ErrorResponse),
              (status = 404, body = ErrorResponse), (status = 422, body = ErrorResponse), (status = 429, body = ErrorResponse)),
    security(("bearer" = [])))]
pub async fn send(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiJson(b): ApiJson<SendBody>,
) -> Result<(StatusCode, Json<Message>)> {
    let parse = |text: &str| Uuid::parse_str(text.trim()).map_err(|_| Error::NotFound);
    let target = match (b.conversation_id.as_deref(), b.recipient_id.as_deref()) {
        (Some(c), _) => Target::Conversation(parse(c)?),
        (None, Some(r)) => Target::Recipient(parse(r)?),
        (None, None) => return Err(Error::field("recipientId", "Give recipientId or conversationId.")),
    };
    let message = rules::send(&state, &current.user, target, b.body.as_deref()).await?;
    Ok((StatusCode::CREATED, Json(message.into())))
}

fn encode_cursor(m: &Message) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}|{}", m.created_at.to_rfc3339(), m.id))
}

fn decode_cursor(cursor: &str) -> Option<(DateTime<Utc>, Uuid)> {
    let text = String::from_utf8(URL_SAFE_NO_PAD.decode(cursor).ok()?).ok()?;
    let (at, id) = text.split_once('|')?;
    Some((
        DateTime::parse_from_rfc3339(at).ok()?.with_timezone(&Utc),
        Uuid::parse_str(id).ok()?,
    ))
}

/// A conversation's messages, newest first.
#[utoipa::path(get, path = "/api/chat/{id}/messages", tag = "chat", params(("id" = Uuid, Path), PageParams),
    responses((status = 200, body = Page<Message>), (status = 404, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn messages(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    ApiQuery(p): ApiQuery<PageParams>,
) -> Result<Json<Page<Message>>> {
    let id = Uuid::parse_str(&id).map_err(|_| Error::NotFound)?;
    rules::visible(&state, &current.user, id).await?;
    let limit = PageRequest::parse(p.limit, None)?.limit;
    let before = match p.cursor.as_deref().filter(|c| !c.is_empty()) {
        None => None,
        Some(c) => Some(decode_cursor(c).ok_or_else(|| Error::field("cursor", "The cursor is not one we gave out."))?),
    };
    let mut rows = state.store.messages(id, before, limit).await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let items: Vec<Message> = rows.into_iter().map(Message::from).collect();
    let next_cursor = if more { items.last().map(encode_cursor) } else { None };
    Ok(Json(Page { items, next_cursor }))
}

/// Mark the conversation read up to now.
#[utoipa::path(post, path = "/api/chat/{id}/read", tag = "chat", params(("id" = Uuid, Path)),
    responses((status = 204, description = "read"), (status = 404, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn read(State(state): State<AppState>, current: CurrentUser, Path(id): Path<String>) -> Result<StatusCode> {
    let id = Uuid::parse_str(&id).map_err(|_| Error::NotFound)?;
    rules::mark_read(&state, &current.user, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Stop someone from writing to you (`POST`), or allow them again (`DELETE`).
#[utoipa::path(post, path = "/api/users/{id}/block", tag = "chat", params(("id" = Uuid, Path)),
    responses((status = 204, description = "blocked"), (status = 404, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn block(State(state): State<AppState>, current: CurrentUser, Path(id): Path<String>) -> Result<StatusCode> {
    let id = Uuid::parse_str(&id).map_err(|_| Error::NotFound)?;
    state.store.user_by_id(id).await?;
    state.store.block(current.user.id, id, state.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn unblock(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> Result<StatusCode> {
    let id = Uuid::parse_str(&id).map_err(|_| Error::NotFound)?;
    state.store.unblock(current.user.id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
