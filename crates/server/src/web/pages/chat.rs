//! `/chat`: conversations and messages as plain forms; `static/app.js`
//! adds live delivery over the WebSocket.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use mentorhub_store::UserRecord;
use serde::Deserialize;
use uuid::Uuid;

use super::form::CsrfForm;
use super::shell::{redirect_with_flash, to_sign_in, Shell};
use crate::services::chat::{self as rules, Target};
use crate::state::AppState;
use crate::web::error::{Error, Result};
use crate::web::extract::ApiQuery;
use crate::web::extract::Id;
use mentorhub_domain::local_time::local;

pub struct ConversationRow {
    id: Uuid,
    other_name: String,
    last: Option<String>,
    when: String,
    unread: i64,
}

#[derive(Template)]
#[template(path = "chat_list.html")]
struct ListPage {
    shell: Shell,
    items: Vec<ConversationRow>,
}

pub async fn list(State(state): State<AppState>, shell: Shell) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in("/chat"));
    };
    let rows = state.store.conversations_of(me.id, 100, 0).await?;
    let items = rows
        .into_iter()
        .map(|c| ConversationRow {
            id: c.id,
            other_name: c.other_name,
            when: c
                .last_message
                .as_ref()
                .map(|m| local(m.created_at, &me.timezone))
                .unwrap_or_default(),
            last: c.last_message.map(|m| m.body.chars().take(120).collect()),
            unread: c.unread,
        })
        .collect();
    let page = ListPage { shell, items };
    Ok(page.shell.render(&page))
}

pub struct MessageRow {
    id: Uuid,
    body: String,
    mine: bool,
    at_utc: String,
    at_local: String,
}

#[derive(Template)]
#[template(path = "chat_view.html")]
struct ViewPage {
    shell: Shell,
    conversation_id: Option<Uuid>,
    other_id: Uuid,
    other_name: String,
    me_id: Uuid,
    zone: String,
    messages: Vec<MessageRow>,
    older_link: Option<String>,
    seen: bool,
    send_action: String,
    error: Option<String>,
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

async fn view_page(
    state: &AppState,
    shell: Shell,
    me: &UserRecord,
    id: Uuid,
    before: Option<&str>,
    error: Option<String>,
) -> Result<Response> {
    let conversation = rules::visible(state, me, id).await?;
    let other = state.store.user_by_id(conversation.other(me.id)).await?;
    let mut rows = state.store.messages(id, before.and_then(decode), 50).await?;
    let more = rows.len() > 50;
    rows.truncate(50);
    let older_link = if more {
        rows.last().map(|m| {
            format!(
                "/chat/{id}?before={}",
                URL_SAFE_NO_PAD.encode(format!("{}|{}", m.created_at.to_rfc3339(), m.id))
            )
        })
    } else {
        None
    };
    rows.reverse();
    let last_mine = rows.iter().rev().find(|m| m.sender_id == me.id).map(|m| m.created_at);
    let seen = matches!((last_mine, conversation.read_by_other(me.id)), (Some(sent), Some(read)) if read >= sent);
    if before.is_none() {
        rules::mark_read(state, me, id).await?;
    }
    let page = ViewPage {
        conversation_id: Some(id),
        other_id: other.id,
        other_name: other.name,
        me_id: me.id,
        zone: me.timezone.clone(),
        messages: rows
            .into_iter()
            .map(|m| MessageRow {
                id: m.id,
                mine: m.sender_id == me.id,
                at_utc: m.created_at.to_rfc3339(),
                at_local: local(m.created_at, &me.timezone),
                body: m.body,
            })
            .collect(),
        older_link,
        seen,
        send_action: format!("/chat/{id}/messages"),
        error,
        shell,
    };
    Ok(page.shell.render(&page))
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
    view_page(&state, shell, &me, id, q.before.as_deref(), None).await
}

/// Opens the conversation with a person, or a blank one to write the first message.
pub async fn with(State(state): State<AppState>, shell: Shell, Id(other_id): Id) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in(&format!("/chat/with/{other_id}")));
    };
    if let Some(c) = state.store.conversation_between(me.id, other_id).await? {
        return Ok(Redirect::to(&format!("/chat/{}", c.id)).into_response());
    }
    let other = state.store.user_by_id(other_id).await?;
    if other.id == me.id {
        return Err(Error::NotFound);
    }
    let page = ViewPage {
        conversation_id: None,
        other_id: other.id,
        other_name: other.name,
        me_id: me.id,
        zone: me.timezone.clone(),
        messages: Vec::new(),
        older_link: None,
        seen: false,
        send_action: format!("/chat/with/{other_id}"),
        error: None,
        shell,
    };
    Ok(page.shell.render(&page))
}

#[derive(Deserialize)]
pub struct SendFields {
    #[serde(default)]
    body: String,
}

async fn send(state: &AppState, me: UserRecord, target: Target, body: &str) -> Result<Response> {
    match rules::send(state, &me, target, Some(body)).await.map_err(Error::from) {
        Ok(m) => Ok(Redirect::to(&format!("/chat/{}#message-form", m.conversation_id)).into_response()),
        Err(Error::Validation(errors)) => {
            let message = errors
                .0
                .values()
                .next()
                .cloned()
                .unwrap_or_else(|| "Write a message first.".into());
            Ok(redirect_with_flash(
                "/chat",
                "error",
                &message,
                state.config.secure_cookies(),
            ))
        }
        Err(err @ (Error::Forbidden(_) | Error::RateLimited(_))) => Ok(redirect_with_flash(
            "/chat",
            "error",
            &err.to_string(),
            state.config.secure_cookies(),
        )),
        Err(other) => Err(other),
    }
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
    if f.body.trim().is_empty() {
        return view_page(&state, shell, &me, id, None, Some("Write a message first.".into())).await;
    }
    send(&state, me, Target::Conversation(id), &f.body).await
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
    let other = other_id;
    send(&state, me, Target::Recipient(other), &f.body).await
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
