//! What the scheduler shows for one mentorship: the month's free days in
//! the viewer's zone, the chosen day's times, and the next free day when
//! the chosen one has none.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use mentorhub_store::{MentorshipRecord, UserRecord};

use super::month::{self, by_local_day, first_of_month, last_of_month, Chip, DayCell};
use crate::services::availability::{self, SlotQuery};
use crate::services::Result;
use crate::state::AppState;

pub struct Picker {
    pub mentor_zone: String,
    pub has_availability: bool,
    pub caption: String,
    pub prev_month: Option<String>,
    pub next_month: Option<String>,
    pub weeks: Vec<Vec<DayCell>>,
    /// The chosen day (viewer's zone) and its label.
    pub day: Option<(NaiveDate, String)>,
    pub chips: Vec<Chip>,
    /// Some of the chips clash with the viewer's own calendar.
    pub clashes: bool,
    /// The next day with free times after an empty chosen day.
    pub next_free: Option<(NaiveDate, String)>,
}

/// How far past the month the "next available" search looks.
const LOOK_AHEAD_DAYS: i64 = 62;

pub async fn build(
    state: &AppState,
    me: &UserRecord,
    m: &MentorshipRecord,
    month: Option<NaiveDate>,
    day: Option<NaiveDate>,
    duration: i64,
) -> Result<Picker> {
    let viewer: Tz = me.timezone.parse().unwrap_or(chrono_tz::UTC);
    let availability = state.store.availability(m.mentor_id).await?;
    let mentor = state.store.user_by_id(m.mentor_id).await?;
    let mentor_zone = availability
        .as_ref()
        .map_or(mentor.timezone.clone(), |a| a.timezone.clone());
    let mentor_tz: Tz = mentor_zone.parse().unwrap_or(chrono_tz::UTC);
    let horizon = state.horizon();
    let today = horizon.now.with_timezone(&viewer).date_naive();
    let last_bookable = horizon.latest.with_timezone(&viewer).date_naive();
    let first =
        first_of_month(month.or(day).unwrap_or(today)).clamp(first_of_month(today), first_of_month(last_bookable));
    let last = last_of_month(first);

    let Some(published) = availability else {
        return Ok(Picker {
            mentor_zone,
            has_availability: false,
            caption: first.format("%B %Y").to_string(),
            prev_month: None,
            next_month: None,
            weeks: Vec::new(),
            day: None,
            chips: Vec::new(),
            clashes: false,
            next_free: None,
        });
    };
    // Viewer days map onto mentor days at most one day either side.
    let slots_between = |from: NaiveDate, to: NaiveDate| {
        let query = SlotQuery {
            from: from - Duration::days(1),
            to: (to + Duration::days(1)).min(last_bookable + Duration::days(1)),
            duration,
        };
        let published = &published;
        async move {
            let found = availability::free_slots(state, m.mentor_id, published, Some(me), &query).await?;
            Ok::<Vec<DateTime<Utc>>, crate::services::Error>(
                found
                    .into_iter()
                    .map(|(start, _)| start)
                    .filter(|s| *s <= horizon.latest)
                    .filter(|s| (from..=to).contains(&s.with_timezone(&viewer).date_naive()))
                    .collect(),
            )
        }
    };
    let free = by_local_day(&slots_between(first.max(today), last).await?, viewer);
    // The chosen day, else the first free one this month.
    let chosen = day
        .filter(|d| (first..=last).contains(d))
        .or_else(|| free.keys().next().copied());
    let todays = chosen.and_then(|d| free.get(&d)).cloned().unwrap_or_default();
    let mut next_free = None;
    if todays.is_empty() {
        let after = chosen.unwrap_or(last).max(today);
        let ahead = slots_between(after + Duration::days(1), after + Duration::days(LOOK_AHEAD_DAYS)).await?;
        next_free = ahead.first().map(|s| {
            let d = s.with_timezone(&viewer).date_naive();
            (d, d.format("%A %-d %B").to_string())
        });
    }
    let mut chips = month::chips(&todays, viewer, mentor_tz);
    let spans: Vec<_> = todays.iter().map(|s| (*s, *s + Duration::minutes(duration))).collect();
    for (chip, clash) in chips
        .iter_mut()
        .zip(availability::conflicts(state, Some(me), &spans).await?)
    {
        chip.conflict = clash;
    }
    let month_link = |d: NaiveDate| d.format("%Y-%m").to_string();
    Ok(Picker {
        mentor_zone,
        has_availability: true,
        caption: first.format("%B %Y").to_string(),
        prev_month: (first > first_of_month(today)).then(|| month_link(first - Duration::days(1))),
        next_month: (last < last_bookable).then(|| month_link(last + Duration::days(1))),
        weeks: month::weeks(first, &free, chosen, today),
        day: chosen.map(|d| (d, d.format("%A %-d %B %Y").to_string())),
        clashes: chips.iter().any(|c| c.conflict),
        chips,
        next_free,
    })
}
