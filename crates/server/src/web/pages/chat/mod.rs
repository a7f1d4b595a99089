//! `/chat`: a messenger. Conversations beside the thread on wide screens,
//! one pane on phones; plain forms that `static/app.js` makes live (Enter
//! sends, the list reorders itself, messages arrive over the WebSocket).

pub mod rows;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use mentorhub_store::UserRecord;
use serde::Deserialize;
use uuid::Uuid;

use self::rows::{conversation_rows, thread, ConversationRow, ThreadItem};
use super::form::CsrfForm;
use super::linkify::Part;
use super::shell::{redirect_with_flash, to_sign_in, Shell};
use crate::services::chat::{self as rules, Target};
use crate::state::AppState;
use crate::web::error::{Error, Result};
use crate::web::extract::ApiQuery;
use crate::web::extract::Id;

/// The thread pane: an existing conversation or a first message to someone.
pub struct Thread {
    conversation_id: Option<Uuid>,
    other_id: Uuid,
    other_name: String,
    items: Vec<ThreadItem>,
    older_link: Option<String>,
    seen: bool,
    send_action: String,
    draft: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "chat.html")]
struct ChatPage {
    shell: Shell,
    me_id: Uuid,
    zone: String,
    conversations: Vec<ConversationRow>,
    thread: Option<Thread>,
}

async fn render(
    state: &AppState,
    shell: Shell,
    me: &UserRecord,
    thread: Option<Thread>,
    status: StatusCode,
) -> Result<Response> {
    let tz: Tz = me.timezone.parse().unwrap_or(chrono_tz::UTC);
    let current = thread.as_ref().and_then(|t| t.conversation_id);
    let rows = state.store.conversations_of(me.id, 100, 0).await?;
    let page = ChatPage {
        me_id: me.id,
        zone: me.timezone.clone(),
        conversations: conversation_rows(rows, tz, state.clock.now(), current),
        thread,
        shell,
    };
    let mut response = page.shell.render(&page);
    *response.status_mut() = status;
    Ok(response)
}

pub async fn list(State(state): State<AppState>, shell: Shell) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in("/chat"));
    };
    render(&state, shell, &me, None, StatusCode::OK).await
}

#[derive(Deserialize)]
pub struct ViewQuery {
    before: Option<String>,
}

fn decode(cursor: &str) -> Option<(DateTime<Utc>, Uuid)> {
    let text = String::from_utf8(URL_SAFE_NO_PAD.decode(cursor).ok()?).ok()?;
    let (at, id) = text.split_once('|')?;
    Some((
        DateTime::parse_from_rfc3339(at).ok()?.with_timezone(&Utc),
        Uuid::parse_str(id).ok()?,
    ))
}

async fn conversation_thread(
    state: &AppState,
    me: &UserRecord,
    id: Uuid,
    before: Option<&str>,
    (draft, error): (String, Option<String>),
) -> Result<Thread> {
    let conversation = rules::visible(state, me, id).await?;
    let other = state.store.user_by_id(conversation.other(me.id)).await?;
    let mut rows = state.store.messages(id, before.and_then(decode), 50).await?;
    let more = rows.len() > 50;
    rows.truncate(50);
    let older_link = more.then(|| rows.last()).flatten().map(|m| {
        format!(
            "/chat/{id}?before={}",
            URL_SAFE_NO_PAD.encode(format!("{}|{}", m.created_at.to_rfc3339(), m.id))
        )
    });
    rows.reverse();
    let last_mine = rows.iter().rev().find(|m| m.sender_id == me.id).map(|m| m.created_at);
    let seen = matches!((last_mine, conversation.read_by_other(me.id)), (Some(sent), Some(read)) if read >= sent);
    if before.is_none() {
        rules::mark_read(state, me, id).await?;
    }
    let tz: Tz = me.timezone.parse().unwrap_or(chrono_tz::UTC);
    Ok(Thread {
        conversation_id: Some(id),
        other_id: other.id,
        other_name: other.name,
        items: thread(rows, me.id, tz),
        older_link,
        seen,
        send_action: format!("/chat/{id}/messages"),
        draft,
        error,
    })
}

pub async fn view(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    ApiQuery(q): ApiQuery<ViewQuery>,
) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in(&format!("/chat/{id}")));
    };
    let thread = conversation_thread(&state, &me, id, q.before.as_deref(), (String::new(), None)).await?;
    render(&state, shell, &me, Some(thread), StatusCode::OK).await
}

async fn first_message_thread(
    state: &AppState,
    me: &UserRecord,
    other_id: Uuid,
    draft: String,
    error: Option<String>,
) -> Result<Thread> {
    let other = state.store.user_by_id(other_id).await?;
    if other.id == me.id {
        return Err(Error::NotFound);
    }
    Ok(Thread {
        conversation_id: None,
        other_id: other.id,
        other_name: other.name,
        items: Vec::new(),
        older_link: None,
        seen: false,
        send_action: format!("/chat/with/{other_id}"),
        draft,
        error,
    })
}

/// Opens the conversation with a person, or a blank one to write the first message.
pub async fn with(State(state): State<AppState>, shell: Shell, Id(other_id): Id) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in(&format!("/chat/with/{other_id}")));
    };
    if let Some(c) = state.store.conversation_between(me.id, other_id).await? {
        return Ok(Redirect::to(&format!("/chat/{}", c.id)).into_response());
    }
    let thread = first_message_thread(&state, &me, other_id, String::new(), None).await?;
    render(&state, shell, &me, Some(thread), StatusCode::OK).await
}

#[derive(Deserialize)]
pub struct SendFields {
    #[serde(default)]
    body: String,
}

/// Sends, or shows the thread again with the draft kept and the reason.
async fn send(state: &AppState, shell: Shell, me: UserRecord, target: Target, body: String) -> Result<Response> {
    let (reason, status) = match rules::send(state, &me, target, Some(&body)).await.map_err(Error::from) {
        Ok(m) => return Ok(Redirect::to(&format!("/chat/{}#chat-form", m.conversation_id)).into_response()),
        Err(Error::Validation(errors)) => (
            errors
                .0
                .values()
                .next()
                .cloned()
                .unwrap_or_else(|| "Write a message first.".into()),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(err @ Error::RateLimited(_)) => (err.to_string(), StatusCode::TOO_MANY_REQUESTS),
        Err(Error::Forbidden(why)) => {
            return Ok(redirect_with_flash(
                "/chat",
                "error",
                &why,
                state.config.secure_cookies(),
            ))
        }
        Err(other) => return Err(other),
    };
    let thread = match target {
        Target::Conversation(id) => conversation_thread(state, &me, id, None, (body, Some(reason))).await?,
        Target::Recipient(other) => first_message_thread(state, &me, other, body, Some(reason)).await?,
    };
    render(state, shell, &me, Some(thread), status).await
}

pub async fn send_in(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    CsrfForm(f): CsrfForm<SendFields>,
) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in("/chat"));
    };
    send(&state, shell, me, Target::Conversation(id), f.body).await
}

pub async fn send_first(
    State(state): State<AppState>,
    shell: Shell,
    Id(other_id): Id,
    CsrfForm(f): CsrfForm<SendFields>,
) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in("/chat"));
    };
    send(&state, shell, me, Target::Recipient(other_id), f.body).await
}

#[derive(Deserialize)]
pub struct NoFields {}

pub async fn block(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in("/chat"));
    };
    let conversation = rules::visible(&state, &me, id).await?;
    rules::block(&state, &me, conversation.other(me.id)).await?;
    Ok(redirect_with_flash(
        "/chat",
        "info",
        "Blocked: they can no longer write to you.",
        state.config.secure_cookies(),
    ))
}
