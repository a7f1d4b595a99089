//! `/admin`: the community's health week by week, and what mentees look
//! for against mentors with room, as server-drawn charts with their
//! numbers in tables (the same figures as `GET /api/admin/stats`).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

use super::charts::{grouped, number, Series};
use super::{admin, TABS};
use crate::services::trust::stats::{self, Stats};
use crate::services::Error as ServiceError;
use crate::state::AppState;
use crate::web::error::Result;
use crate::web::extract::ApiQuery;
use crate::web::pages::shell::Shell;

#[derive(Deserialize)]
pub struct RangeQuery {
    pub from: Option<String>,
    pub to: Option<String>,
}

struct Chart {
    title: &'static str,
    svg: String,
}

#[derive(Template)]
#[template(path = "admin_dashboard.html")]
struct DashboardPage {
    shell: Shell,
    tabs: [(&'static str, &'static str); 5],
    current_tab: &'static str,
    error: Option<String>,
    stats: Stats,
    charts: Vec<Chart>,
    balance_svg: String,
    open_reports: i64,
}

impl DashboardPage {
    fn n(&self, v: &f64) -> String {
        number(*v)
    }

    fn hours(&self, v: &Option<f64>) -> String {
        v.map_or_else(|| "–".to_owned(), |h| format!("{h:.1}"))
    }
}

pub async fn page(State(state): State<AppState>, shell: Shell, ApiQuery(q): ApiQuery<RangeQuery>) -> Result<Response> {
    let me = admin(&shell)?;
    let (stats, error) = match stats::weekly(&state, &me, q.from.as_deref(), q.to.as_deref()).await {
        Ok(s) => (s, None),
        Err(ServiceError::Invalid(fields)) => {
            let message = fields.0.into_values().collect::<Vec<_>>().join(" ");
            (stats::weekly(&state, &me, None, None).await?, Some(message))
        }
        Err(other) => return Err(other.into()),
    };
    let open_reports = state.store.count_open_reports().await?;
    let charts = charts(&stats);
    let top: Vec<(String, Vec<f64>)> = stats
        .demand
        .iter()
        .take(12)
        .map(|d| {
            (
                d.specialization.clone(),
                vec![(d.searches + d.requests) as f64, d.mentors_with_room as f64],
            )
        })
        .collect();
    let balance_svg = grouped(
        "balance",
        "Demand against supply per specialization",
        &[("demand", "demand"), ("supply", "supply")],
        &top,
    );
    let page = DashboardPage {
        tabs: TABS,
        current_tab: "/admin",
        error,
        stats,
        charts,
        balance_svg,
        open_reports,
        shell,
    };
    Ok(page.shell.render(&page))
}

fn charts(s: &Stats) -> Vec<Chart> {
    let label = |w: &chrono::NaiveDate| w.format("%-d %b").to_string();
    let series = |f: &dyn Fn(&stats::WeekStats) -> Vec<f64>| -> Vec<(String, Vec<f64>)> {
        s.weeks.iter().map(|w| (label(&w.week), f(w))).collect()
    };
    let chart = |id: &str, title: &'static str, names: &[Series], f: &dyn Fn(&stats::WeekStats) -> Vec<f64>| Chart {
        title,
        svg: grouped(id, title, names, &series(f)),
    };
    vec![
        chart("signups", "Sign-ups", &[("total", "sign-ups")], &|w| {
            vec![w.signups as f64]
        }),
        chart(
            "requests",
            "Mentorship requests by outcome",
            &[
                ("accepted", "accepted"),
                ("rejected", "declined"),
                ("expired", "expired"),
                ("cancelled", "withdrawn"),
                ("pending", "waiting"),
            ],
            &|w| {
                [
                    w.requests_accepted,
                    w.requests_rejected,
                    w.requests_expired,
                    w.requests_cancelled,
                    w.requests_pending,
                ]
                .map(|v| v as f64)
                .to_vec()
            },
        ),
        chart("response", "Median hours to an answer", &[("total", "hours")], &|w| {
            vec![w.median_response_hours.unwrap_or(0.0)]
        }),
        chart(
            "sessions",
            "Sessions held and their hours",
            &[("total", "sessions"), ("hours", "hours")],
            &|w| vec![w.sessions as f64, (w.hours * 10.0).round() / 10.0],
        ),
        chart(
            "mini",
            "Mini requests",
            &[("total", "created"), ("accepted", "claimed"), ("expired", "expired")],
            &|w| {
                [w.mini_created, w.mini_claimed, w.mini_expired]
                    .map(|v| v as f64)
                    .to_vec()
            },
        ),
        chart("seats", "Group-session seats filled", &[("total", "seats")], &|w| {
            vec![w.seats_filled as f64]
        }),
    ]
}
