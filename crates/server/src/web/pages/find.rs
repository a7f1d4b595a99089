//! `/mentorship/find`: search and browse mentors; works as a plain GET form.

use askama::Template;
use axum::extract::State;
use axum::http::Uri;
use axum::response::{Redirect, Response};
use serde::Deserialize;

use super::shell::Shell;
use super::views::MentorCardView;
use crate::services::did_you_mean;
use crate::services::discovery::{self, SearchInput};
use crate::state::AppState;
use crate::web::error::{Error, Result};
use crate::web::extract::ApiQuery;
use crate::web::pagination::PageRequest;

#[derive(Deserialize, Default)]
pub struct FindQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    specialization: String,
    #[serde(default)]
    company: String,
    #[serde(default)]
    sort: String,
    accepting: Option<String>,
    searched: Option<String>,
    cursor: Option<String>,
}

pub struct FindForm {
    q: String,
    specialization: String,
    company: String,
    sort: String,
    accepting: bool,
}

#[derive(Template)]
#[template(path = "find.html")]
struct FindPage {
    shell: Shell,
    form: FindForm,
    specializations: Vec<String>,
    cards: Vec<MentorCardView>,
    /// The corrected words whose results are shown, when the typed ones found nobody.
    corrected: Option<String>,
    next_link: Option<String>,
    error: Option<String>,
}

fn encode(value: &str) -> String {
    serde_urlencoded::to_string([("v", value)])
        .unwrap_or_default()
        .trim_start_matches("v=")
        .to_owned()
}

pub async fn find(
    State(state): State<AppState>,
    shell: Shell,
    ApiQuery(query): ApiQuery<FindQuery>,
) -> Result<Response> {
    // A fresh visit shows accepting mentors only; once the form was sent,
    // an unticked box means "show everyone".
    let accepting = query.searched.is_none() || query.accepting.is_some();
    let sort = if query.sort.is_empty() {
        "relevance".to_owned()
    } else {
        query.sort.clone()
    };
    let input = SearchInput {
        q: Some(query.q.clone()),
        specialization: Some(query.specialization.clone()),
        company: Some(query.company.clone()),
        expertise: None,
        accepting_only: Some(accepting),
        sort: Some(sort.clone()),
    };
    let page = PageRequest::parse(Some(12), query.cursor.as_deref()).unwrap_or(PageRequest { limit: 12, offset: 0 });
    let mut input = input;
    let mut found = discovery::search(&state, &input, page.limit, page.offset).await;
    let mut corrected = None;
    if matches!(&found, Ok(rows) if rows.is_empty()) && page.offset == 0 {
        if let Some(better) = did_you_mean::suggest(&state, &query.q).await? {
            input.q = Some(better.clone());
            found = discovery::search(&state, &input, page.limit, page.offset).await;
            corrected = Some(better);
        }
    }
    let (cards, next_link, error) = match found.map_err(Error::from) {
        Ok(rows) => {
            let viewer = shell.user.as_ref().map(|u| u.id);
            let result = page.page(rows, |card| {
                MentorCardView::new(card, Vec::new(), state.clock.now()).seen_by(viewer)
            });
            let next = result.next_cursor.map(|cursor| {
                format!(
                    "/mentorship/find?searched=1&q={}&specialization={}&company={}&sort={}{}&cursor={}",
                    encode(&query.q),
                    encode(&query.specialization),
                    encode(&query.company),
                    encode(&sort),
                    if accepting { "&accepting=on" } else { "" },
                    cursor
                )
            });
            (result.items, next, None)
        }
        Err(Error::Validation(errors)) => (
            Vec::new(),
            None,
            Some(errors.0.values().next().cloned().unwrap_or_default()),
        ),
        Err(other) => return Err(other),
    };
    let form = FindForm {
        q: query.q,
        specialization: query.specialization,
        company: query.company,
        sort,
        accepting,
    };
    let page = FindPage {
        shell,
        form,
        specializations: state.vocabulary.get(&state.store).await?.specializations.clone(),
        corrected,
        cards,
        next_link,
        error,
    };
    Ok(page.shell.render(&page))
}

/// `/mentors`, where people guess the list is (a profile is
/// `/mentors/{id}`), leads to this page with its query.
pub async fn to_find(uri: Uri) -> Redirect {
    match uri.query() {
        Some(query) => Redirect::permanent(&format!("/mentorship/find?{query}")),
        None => Redirect::permanent("/mentorship/find"),
    }
}
