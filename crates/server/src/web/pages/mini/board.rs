//! `/mini`, the one place for mini mentorship: a mentee's own requests,
//! and for mentors the board of open requests and what they claimed.

use super::rows::{row, types, MiniRow};
use crate::services::mini::{self};
use crate::state::AppState;
use crate::web::dto::mini::{board_page, encode_board_cursor};
use crate::web::error::Result;
use crate::web::extract::ApiQuery;
use crate::web::pages::shell::{to_sign_in, Shell};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "mini_board.html")]
struct BoardPage {
    shell: Shell,
    is_mentor: bool,
    is_mentee: bool,
    /// The viewer's own requests (mentees).
    mine: Vec<MiniRow>,
    types: Vec<(&'static str, &'static str)>,
    filter_type: String,
    filter_urgency: String,
    filter_max: Option<i64>,
    open: Vec<MiniRow>,
    claimed: Vec<MiniRow>,
    /// The link to the next requests, when there are more.
    next_page: Option<String>,
    /// Whether this is a later page (offer the way back to the top).
    later_page: bool,
}

const PAGE_SIZE: i64 = 20;

#[derive(Deserialize)]
pub struct BoardQuery {
    #[serde(rename = "type", default)]
    session_type: String,
    #[serde(default)]
    urgency: String,
    #[serde(default)]
    max: String,
    #[serde(default)]
    cursor: String,
}

pub async fn board(State(state): State<AppState>, shell: Shell, ApiQuery(q): ApiQuery<BoardQuery>) -> Result<Response> {
    let Some(me) = shell.user.clone() else {
        return Ok(to_sign_in("/mini"));
    };
    let mine = if me.is_mentee {
        mini::my_requests(&state, &me).await?
    } else {
        Vec::new()
    };
    let max = q.max.trim().parse::<i64>().ok();
    let filter = mini::parse_filter(Some(&q.session_type), Some(&q.urgency), max).unwrap_or_default();
    // A cursor that does not decode starts from the top again.
    let (after, _) = board_page(None, Some(&q.cursor), PAGE_SIZE).unwrap_or((None, PAGE_SIZE));
    // The board and claims are for mentors; mentees see only their own.
    let ((open, next), claimed) = if me.is_mentor {
        (
            mini::open(&state, &me, &filter, after, PAGE_SIZE).await?,
            mini::claimed(&state, &me).await?,
        )
    } else {
        ((Vec::new(), None), Vec::new())
    };
    let next_page = next.map(|c| {
        serde_urlencoded::to_string([
            ("type", q.session_type.as_str()),
            ("urgency", q.urgency.as_str()),
            ("max", q.max.as_str()),
            ("cursor", encode_board_cursor(&c).as_str()),
        ])
        .map(|query| format!("/mini?{query}"))
        .unwrap_or_default()
    });
    let page = BoardPage {
        is_mentor: me.is_mentor,
        is_mentee: me.is_mentee,
        mine: mine.iter().map(|v| row(v, &me.timezone)).collect(),
        types: types(),
        filter_type: q.session_type,
        filter_urgency: q.urgency,
        filter_max: max,
        open: open.iter().map(|v| row(v, &me.timezone)).collect(),
        claimed: claimed.iter().map(|v| row(v, &me.timezone)).collect(),
        next_page,
        later_page: !q.cursor.is_empty(),
        shell,
    };
    Ok(page.shell.render(&page))
}
