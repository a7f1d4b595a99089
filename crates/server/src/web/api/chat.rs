//! Chat (seed: `/api/chat`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use crate::services::chat::{self as rules, Target};
use crate::state::AppState;
use crate::web::auth::CurrentUser;
use crate::web::dto::chat::{conversation, decode_cursor, encode_cursor, Conversation, Message, PageParams, SendBody};
use crate::web::dto::errors::ErrorResponse;
use crate::web::error::{Error, Result};
use crate::web::extract::parse_id;
use crate::web::extract::Id;
use crate::web::extract::{ApiJson, ApiQuery};
use crate::web::pagination::{Page, PageRequest};

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
    let parse = parse_id;
    let target = match (b.conversation_id.as_deref(), b.recipient_id.as_deref()) {
        (Some(c), _) => Target::Conversation(parse(c)?),
        (None, Some(r)) => Target::Recipient(parse(r)?),
        (None, None) => return Err(Error::field("recipientId", "Give recipientId or conversationId.")),
    };
    let message = rules::send(&state, &current.user, target, b.body.as_deref()).await?;
    Ok((StatusCode::CREATED, Json(message.into())))
}

/// A conversation's (or a group session room's) messages, newest first.
#[utoipa::path(get, path = "/api/chat/{id}/messages", tag = "chat", params(("id" = Uuid, Path), PageParams),
    responses((status = 200, body = Page<Message>), (status = 404, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn messages(
    State(state): State<AppState>,
    current: CurrentUser,
    Id(id): Id,
    ApiQuery(p): ApiQuery<PageParams>,
) -> Result<Json<Page<Message>>> {
    let room = rules::room(&state, &current.user, id).await?;
    let limit = PageRequest::parse(p.limit, None)?.limit;
    let before = match p.cursor.as_deref().filter(|c| !c.is_empty()) {
        None => None,
        Some(c) => Some(decode_cursor(c).ok_or_else(|| Error::field("cursor", "The cursor is not one we gave out."))?),
    };
    let mut rows = match room {
        rules::Room::Pair(_) => state.store.messages(id, before, limit).await?,
        rules::Room::Group(_) => state.store.group_messages(id, before, limit).await?,
    };
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let items: Vec<Message> = rows.into_iter().map(Message::from).collect();
    let next_cursor = if more { items.last().map(encode_cursor) } else { None };
    Ok(Json(Page { items, next_cursor }))
}

/// Mark the conversation read up to now.
#[utoipa::path(post, path = "/api/chat/{id}/read", tag = "chat", params(("id" = Uuid, Path)),
    responses((status = 204, description = "read"), (status = 404, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn read(State(state): State<AppState>, current: CurrentUser, Id(id): Id) -> Result<StatusCode> {
    rules::mark_read(&state, &current.user, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Stop someone from writing to you (`POST`), or allow them again (`DELETE`).
#[utoipa::path(post, path = "/api/users/{id}/block", tag = "chat", params(("id" = Uuid, Path)),
    responses((status = 204, description = "blocked"), (status = 404, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn block(State(state): State<AppState>, current: CurrentUser, Id(id): Id) -> Result<StatusCode> {
    rules::block(&state, &current.user, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Allow someone you blocked to write to you again.
#[utoipa::path(delete, path = "/api/users/{id}/block", tag = "chat", params(("id" = Uuid, Path)),
    responses((status = 204, description = "unblocked"), (status = 404, body = ErrorResponse)), security(("bearer" = [])))]
pub async fn unblock(State(state): State<AppState>, current: CurrentUser, Id(id): Id) -> Result<StatusCode> {
    rules::unblock(&state, &current.user, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
