//! `/notifications`: the list behind the bell.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use super::form::CsrfForm;
use super::linkify::{linkify, Part};
use super::shell::{to_sign_in, Shell};
use crate::realtime::events::{self, Event};
use crate::state::AppState;
use crate::web::error::Result;
use crate::web::extract::ApiQuery;
use crate::web::extract::Id;
use crate::web::pagination::PageRequest;
use mentorhub_domain::local_time::local;

pub struct NotificationView {
    id: Uuid,
    title: String,
    body: Vec<Part>,
    link: Option<String>,
    read: bool,
    at_utc: String,
    at_local: String,
}

#[derive(Template)]
#[template(path = "notifications.html")]
struct NotificationsPage {
    shell: Shell,
    items: Vec<NotificationView>,
    next_link: Option<String>,
    any_unread: bool,
}

#[derive(Deserialize)]
pub struct ListQuery {
    cursor: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    shell: Shell,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in("/notifications"));
    };
    let page = PageRequest::parse(Some(30), query.cursor.as_deref())?;
    let rows = state.store.list_notifications(me.id, page.limit, page.offset).await?;
    let result = page.page(rows, |n| NotificationView {
        id: n.id,
        title: n.title,
        body: linkify(&n.body),
        link: n.link,
        read: n.read_at.is_some(),
        at_utc: n.created_at.to_rfc3339(),
        at_local: local(n.created_at, &me.timezone),
    });
    let next_link = result.next_cursor.map(|c| format!("/notifications?cursor={c}"));
    let any_unread = shell.unread > 0 || result.items.iter().any(|n| !n.read);
    let page = NotificationsPage {
        any_unread,
        shell,
        items: result.items,
        next_link,
    };
    Ok(page.shell.render(&page))
}

#[derive(Deserialize)]
pub struct NoFields {}

pub async fn mark_read(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response> {
    let Some(me) = shell.user else {
        return Ok(to_sign_in("/notifications"));
    };
    state.store.mark_notification_read(id, me.id, state.clock.now()).await?;
    Ok(Redirect::to("/notifications").into_response())
}

pub async fn mark_all_read(
    State(state): State<AppState>,
    shell: Shell,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response> {
    let Some(me) = shell.user else {
        return Ok(to_sign_in("/notifications"));
    };
    state
        .store
        .mark_all_notifications_read(me.id, state.clock.now())
        .await?;
    Ok(Redirect::to("/notifications").into_response())
}

/// Follows a notification's link and marks it read on the way.
pub async fn open(State(state): State<AppState>, shell: Shell, Id(id): Id) -> Result<Response> {
    let Some(me) = shell.user else {
        return Ok(to_sign_in("/notifications"));
    };
    let link = state.store.notification_link(id, me.id).await?;
    state.store.mark_notification_read(id, me.id, state.clock.now()).await?;
    events::publish(&state, Event::Notification { to: vec![me.id] }).await;
    // Only our own pages: never an open redirect.
    let to = link
        .filter(|l| l.starts_with('/') && !l.starts_with("//") && !l.contains('\\'))
        .unwrap_or_else(|| "/notifications".into());
    Ok(Redirect::to(&to).into_response())
}
