//! Finding mentors: search parameters, mentor details and recommendations.

use mentorhub_domain::recommend::{self, Candidate, Mentee};
use mentorhub_domain::search::terms;
use mentorhub_store::{MentorCardRecord, MentorQuery, MentorSort, UserRecord};

use crate::services::error::Error;
use crate::state::AppState;

/// Search parameters as they arrive (API query string or page form).
#[derive(Debug, Default, Clone)]
pub struct SearchInput {
    pub q: Option<String>,
    pub specialization: Option<String>,
    pub company: Option<String>,
    pub expertise: Option<String>,
    pub accepting_only: Option<bool>,
    pub sort: Option<String>,
}

fn non_empty(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|v| v.chars().take(100).collect())
}

pub fn parse_sort(value: Option<&str>) -> Result<MentorSort, Error> {
    match value.map(str::trim).unwrap_or("") {
        "" | "relevance" => Ok(MentorSort::Relevance),
        "rating" => Ok(MentorSort::Rating),
        "experience" => Ok(MentorSort::Experience),
        "responsive" => Ok(MentorSort::Responsive),
        _ => Err(Error::field(
            "sort",
            "sort must be relevance, rating, experience or responsive.",
        )),
    }
}

/// One page of mentors: `limit + 1` rows from `offset`, so the caller can
/// tell whether another page follows. Counts the search's demand.
pub async fn search(
    state: &AppState,
    input: &SearchInput,
    limit: i64,
    offset: i64,
) -> Result<Vec<MentorCardRecord>, Error> {
    let found = find(state, input, limit, offset).await?;
    count_demand(state, input, offset).await;
    Ok(found)
}

/// The page of `search`, without counting demand (for a caller that counts
/// it whether or not it read the page itself).
pub async fn find(
    state: &AppState,
    input: &SearchInput,
    limit: i64,
    offset: i64,
) -> Result<Vec<MentorCardRecord>, Error> {
    let query = MentorQuery {
        terms: input.q.as_deref().map(terms).unwrap_or_default(),
        match_any: false,
        specialization: non_empty(&input.specialization),
        company: non_empty(&input.company),
        expertise: non_empty(&input.expertise),
        accepting_only: input.accepting_only.unwrap_or(true),
        for_mentee: None,
        sort: parse_sort(input.sort.as_deref())?,
        // Pages: window by window.
        every_match: false,
        limit,
        offset,
    };
    Ok(state.store.search_mentors(&query).await?)
}

/// Demand is counted once per search, not per page of it: on its first
/// page, for a search by specialization.
pub async fn count_demand(state: &AppState, input: &SearchInput, offset: i64) {
    if let (Some(tag), 0) = (non_empty(&input.specialization), offset) {
        crate::services::trust::demand::count(state, std::slice::from_ref(&tag), false).await;
    }
}

pub struct Recommended {
    pub card: MentorCardRecord,
    pub score: f64,
    pub reasons: Vec<String>,
}

/// Mentors for this person: never themselves, their current mentors (or
/// ones they already asked), nor mentors without room.
pub async fn recommend(state: &AppState, me: &UserRecord, limit: usize) -> Result<Vec<Recommended>, Error> {
    let mut wanted = me.interests.join(" ");
    wanted.push(' ');
    wanted.push_str(&me.goals);
    let wanted_terms = terms(&wanted);
    let base = MentorQuery {
        accepting_only: true,
        for_mentee: Some(me.id),
        limit: 100,
        ..MentorQuery::default()
    };
    // Candidates: those sharing any interest, plus the best rated overall.
    let mut candidates = Vec::new();
    if !wanted_terms.is_empty() {
        let matching = MentorQuery {
            terms: wanted_terms,
            match_any: true,
            every_match: true,
            limit: 300,
            ..base.clone()
        };
        candidates.extend(state.store.search_mentors(&matching).await?);
    }
    for card in state
        .store
        .search_mentors(&MentorQuery {
            sort: MentorSort::Rating,
            ..base
        })
        .await?
    {
        if !candidates.iter().any(|c: &MentorCardRecord| c.user_id == card.user_id) {
            candidates.push(card);
        }
    }
    let now = state.clock.now();
    let mentee = Mentee {
        interests: &me.interests,
        goals: &me.goals,
        timezone: &me.timezone,
    };
    let mut scored: Vec<Recommended> = candidates
        .into_iter()
        .filter(|c| c.user_id != me.id && c.has_room())
        .map(|card| {
            let candidate = Candidate {
                expertise: &card.expertise,
                specializations: &card.specializations,
                remaining_capacity: i64::from(card.max_mentees - card.active_mentees),
                rating_average: card.rating_average(),
                rating_count: card.rating_count,
                timezone: &card.timezone,
            };
            let result = recommend::score(&mentee, &candidate, now);
            Recommended {
                card,
                score: result.score,
                reasons: result.reasons,
            }
        })
        .collect();
    scored.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.card.name.cmp(&b.card.name)));
    scored.truncate(limit);
    Ok(scored)
}
