//! Charts drawn as SVG on the server (no chart library in the browser):
//! each has a title and a description for screen readers, and the page
//! prints the same numbers in a table beside it.

use std::fmt::Write;

use mentorhub_domain::progress::Side;

use crate::services::progress::report::SkillSeries;
use crate::web::pages::svg::{escape, open, BOTTOM, HEIGHT, LEFT, TOP, WIDTH};

/// Hours of completed sessions per month, as bars.
pub fn hours_by_month(months: &[(String, f64)]) -> String {
    let mut out = String::new();
    let total: f64 = months.iter().map(|(_, h)| h).sum();
    let desc = if months.is_empty() {
        "No completed sessions yet.".to_owned()
    } else {
        months
            .iter()
            .map(|(m, h)| format!("{m}: {h:.1} hours"))
            .collect::<Vec<_>>()
            .join("; ")
    };
    open(
        &mut out,
        "hours",
        &format!("Hours of sessions by month ({total:.1} in all)"),
        &desc,
    );
    let max = months.iter().map(|(_, h)| *h).fold(1.0, f64::max);
    let plot_h = HEIGHT - BOTTOM - TOP;
    let slot = (WIDTH - LEFT) / months.len().max(1) as f64;
    let _ = write!(
        out,
        "<line class=\"axis\" x1=\"{LEFT}\" y1=\"{y}\" x2=\"{WIDTH}\" y2=\"{y}\"/>",
        y = HEIGHT - BOTTOM
    );
    for (i, (month, hours)) in months.iter().enumerate() {
        let h = hours / max * plot_h;
        let x = LEFT + i as f64 * slot + slot * 0.15;
        let y = HEIGHT - BOTTOM - h;
        let _ = write!(
            out,
            "<rect class=\"bar\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" data-month=\"{m}\" data-hours=\"{hours:.2}\"><title>{m}: {hours:.1} hours</title></rect>\
             <text class=\"label\" x=\"{cx:.1}\" y=\"{ly:.1}\" text-anchor=\"middle\">{m}</text>\
             <text class=\"value\" x=\"{cx:.1}\" y=\"{vy:.1}\" text-anchor=\"middle\">{hours:.1}</text>",
            w = slot * 0.7,
            m = escape(month),
            cx = x + slot * 0.35,
            ly = HEIGHT - 10.0,
            vy = (y - 4.0).max(TOP),
        );
    }
    out.push_str("</svg>");
    out
}

/// A skill's assessments over time: one line for the mentee's own, one
/// for the mentor's, levels 1 to 5.
pub fn skill_over_time(series: &SkillSeries, index: usize) -> String {
    let mut out = String::new();
    let desc = series
        .assessments
        .iter()
        .map(|(at, level, by, _)| format!("{} by the {}: {level} of 5", at.format("%-d %b %Y"), by.as_str()))
        .collect::<Vec<_>>()
        .join("; ");
    open(
        &mut out,
        &format!("skill-{index}"),
        &format!("{} over time", series.skill),
        &desc,
    );
    let plot_h = HEIGHT - BOTTOM - TOP;
    let y_of = |level: i32| HEIGHT - BOTTOM - (f64::from(level) - 1.0) / 4.0 * plot_h;
    for level in 1..=5 {
        let _ = write!(
            out,
            "<line class=\"grid\" x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{WIDTH}\" y2=\"{y:.1}\"/><text class=\"label\" x=\"{tx}\" y=\"{ty:.1}\">{level}</text>",
            y = y_of(level),
            tx = LEFT - 18.0,
            ty = y_of(level) + 4.0
        );
    }
    let n = series.assessments.len().max(2) - 1;
    let x_of = |i: usize| LEFT + 12.0 + i as f64 * (WIDTH - LEFT - 24.0) / n as f64;
    for side in [Side::Mentee, Side::Mentor] {
        let points: Vec<(f64, f64, i32)> = series
            .assessments
            .iter()
            .enumerate()
            .filter(|(_, (_, _, by, _))| *by == side)
            .map(|(i, (_, level, _, _))| (x_of(i), y_of(*level), *level))
            .collect();
        if points.is_empty() {
            continue;
        }
        let path: Vec<String> = points.iter().map(|(x, y, _)| format!("{x:.1},{y:.1}")).collect();
        let _ = write!(
            out,
            "<polyline class=\"line {s}\" points=\"{}\"/>",
            path.join(" "),
            s = side.as_str()
        );
        for (x, y, level) in points {
            let _ = write!(
                out,
                "<circle class=\"dot {s}\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"5\" data-level=\"{level}\"><title>{s}: {level}</title></circle>",
                s = side.as_str()
            );
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    #[test]
    fn bars_carry_their_numbers_and_names_are_escaped() {
        let svg = hours_by_month(&[("2027-01".into(), 1.5), ("2027-02".into(), 3.0)]);
        assert!(
            svg.contains("role=\"img\"")
                && svg.contains("<title id=\"hours-title\">Hours of sessions by month (4.5 in all)")
        );
        assert_eq!(svg.matches("<rect class=\"bar\"").count(), 2);
        assert!(svg.contains("data-month=\"2027-02\" data-hours=\"3.00\""));
        let skill = SkillSeries {
            skill: "<script>".into(),
            assessments: vec![
                (
                    Utc.with_ymd_and_hms(2027, 1, 1, 9, 0, 0).unwrap(),
                    2,
                    Side::Mentee,
                    None,
                ),
                (
                    Utc.with_ymd_and_hms(2027, 2, 1, 9, 0, 0).unwrap(),
                    3,
                    Side::Mentor,
                    None,
                ),
            ],
        };
        let svg = skill_over_time(&skill, 0);
        assert!(!svg.contains("<script>") && svg.contains("&lt;script&gt; over time"));
        assert_eq!(svg.matches("data-level=").count(), 2);
    }
}
