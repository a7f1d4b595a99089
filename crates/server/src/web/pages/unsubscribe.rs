//! One-click unsubscribe (RFC 8058). `GET` shows a page with a button and
//! changes nothing (link scanners fetch every link); `POST`, from that
//! button or straight from a mail client, turns that kind's email off and
//! answers 200 with a confirmation. The signed token is the permission, so
//! no sign-in and no CSRF token are needed; a changed token is a 404.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;

use crate::services::mail::unsubscribe;
use crate::services::preferences::KINDS;
use crate::state::AppState;
use crate::web::error::{Error, Result};
use crate::web::pages::shell::Shell;

#[derive(Template)]
#[template(path = "unsubscribe.html")]
struct UnsubscribePage {
    shell: Shell,
    token: String,
    label: &'static str,
    done: bool,
}

async fn checked(state: &AppState, token: &str) -> Result<(uuid::Uuid, &'static str, &'static str)> {
    let (user, kind) = unsubscribe::verify(state, token).await?.ok_or(Error::NotFound)?;
    let (kind, label) = KINDS.iter().find(|(k, _)| *k == kind).copied().ok_or(Error::NotFound)?;
    Ok((user, kind, label))
}

pub async fn page(State(state): State<AppState>, shell: Shell, Path(token): Path<String>) -> Result<Response> {
    let (_, _, label) = checked(&state, &token).await?;
    let page = UnsubscribePage {
        shell,
        token,
        label,
        done: false,
    };
    Ok(page.shell.render(&page))
}

pub async fn confirm(State(state): State<AppState>, shell: Shell, Path(token): Path<String>) -> Result<Response> {
    let (user, kind, label) = checked(&state, &token).await?;
    state.store.unsubscribe(user, kind, state.clock.now()).await?;
    tracing::info!(user.id = %user, preference.kind = kind, "unsubscribed by link");
    let page = UnsubscribePage {
        shell,
        token,
        label,
        done: true,
    };
    Ok(page.shell.render(&page))
}
