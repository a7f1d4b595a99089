//! The mentors' board: open requests with filters, and what they claimed.

use super::rows::{row, types, MiniRow};
use crate::services::mini::{self};
use crate::state::AppState;
use crate::web::error::Result;
use crate::web::extract::ApiQuery;
use crate::web::pages::shell::{to_sign_in, Shell};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "mini_board.html")]
struct BoardPage {
    shell: Shell,
    is_mentor: bool,
    is_mentee: bool,
    types: Vec<(&'static str, &'static str)>,
    filter_type: String,
    filter_urgency: String,
    filter_max: Option<i64>,
    open: Vec<MiniRow>,
    claimed: Vec<MiniRow>,
}

#[derive(Deserialize)]
pub struct BoardQuery {
    #[serde(rename = "type", default)]
    session_type: String,
    #[serde(default)]
    urgency: String,
    #[serde(default)]
    max: String,
}

pub async fn board(State(state): State<AppState>, shell: Shell, ApiQuery(q): ApiQuery<BoardQuery>) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in("/mini"));
    };
    if !me.is_mentor {
        // Mentees keep their requests on the mentorship dashboard.
        return Ok(Redirect::to("/mentorship/dashboard").into_response());
    }
    let max = q.max.trim().parse::<i64>().ok();
    let (open, claimed) = if me.is_mentor {
        let filter = mini::parse_filter(Some(&q.session_type), Some(&q.urgency), max).unwrap_or_default();
        (
            mini::open(&state, &me, &filter).await?,
            mini::claimed(&state, &me).await?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let page = BoardPage {
        is_mentor: me.is_mentor,
        is_mentee: me.is_mentee,
        types: types(),
        filter_type: q.session_type,
        filter_urgency: q.urgency,
        filter_max: max,
        open: open.iter().map(|v| row(v, &me.timezone)).collect(),
        claimed: claimed.iter().map(|v| row(v, &me.timezone)).collect(),
        shell,
    };
    Ok(page.shell.render(&page))
}
