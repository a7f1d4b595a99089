//! The admin dashboard's charts: grouped bars, one group per week (or per
//! specialization), one bar per series, each bar carrying its number
//! (`data-series`, `data-value`) and a tooltip; the page prints the same
//! numbers in a table beside each chart.

use std::fmt::Write;

use crate::web::pages::svg::{escape, open, BOTTOM, HEIGHT, LEFT, TOP, WIDTH};

/// One series: its CSS class (colour) and name.
pub type Series = (&'static str, &'static str);

/// `groups`: a label and one value per series, in the order of `series`.
pub fn grouped(id: &str, title: &str, series: &[Series], groups: &[(String, Vec<f64>)]) -> String {
    let mut out = String::new();
    let desc = if groups.is_empty() {
        "Nothing in this range.".to_owned()
    } else {
        groups
            .iter()
            .map(|(label, values)| {
                let parts: Vec<String> = series
                    .iter()
                    .zip(values)
                    .map(|((_, name), v)| format!("{name} {}", number(*v)))
                    .collect();
                format!("{label}: {}", parts.join(", "))
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    open(&mut out, id, title, &desc);
    let max = groups.iter().flat_map(|(_, v)| v.iter().copied()).fold(1.0, f64::max);
    let plot_h = HEIGHT - BOTTOM - TOP;
    let slot = (WIDTH - LEFT) / groups.len().max(1) as f64;
    let bar = slot * 0.8 / series.len().max(1) as f64;
    let _ = write!(
        out,
        "<line class=\"axis\" x1=\"{LEFT}\" y1=\"{y}\" x2=\"{WIDTH}\" y2=\"{y}\"/><text class=\"label\" x=\"4\" y=\"{ty}\">{m}</text>",
        y = HEIGHT - BOTTOM,
        ty = TOP + 4.0,
        m = number(max)
    );
    // Label every week when they fit, else every other one.
    let every = if groups.len() > 14 { 2 } else { 1 };
    for (g, (label, values)) in groups.iter().enumerate() {
        let x0 = LEFT + g as f64 * slot + slot * 0.1;
        for (s, ((class, name), value)) in series.iter().zip(values).enumerate() {
            let h = value / max * plot_h;
            let _ = write!(
                out,
                "<rect class=\"bar {class}\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" \
                 data-group=\"{l}\" data-series=\"{n}\" data-value=\"{v}\"><title>{l}: {n} {v}</title></rect>",
                x = x0 + s as f64 * bar,
                y = HEIGHT - BOTTOM - h,
                w = (bar - 1.0).max(1.0),
                l = escape(label),
                n = escape(name),
                v = number(*value),
            );
        }
        if g % every == 0 {
            let _ = write!(
                out,
                "<text class=\"label\" x=\"{cx:.1}\" y=\"{ly:.1}\" text-anchor=\"middle\">{l}</text>",
                cx = x0 + slot * 0.4,
                ly = HEIGHT - 10.0,
                l = escape(label)
            );
        }
    }
    out.push_str("</svg>");
    out
}

/// A value as a person reads it: whole numbers without decimals.
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bar_carries_its_number_and_labels_are_escaped() {
        let series = [("accepted", "accepted"), ("expired", "expired")];
        let groups = vec![
            ("<b>".to_owned(), vec![2.0, 1.0]),
            ("30 Nov".to_owned(), vec![0.0, 3.5]),
        ];
        let svg = grouped("requests", "Requests by outcome", &series, &groups);
        assert_eq!(svg.matches("<rect class=\"bar").count(), 4);
        assert!(svg.contains("data-group=\"30 Nov\" data-series=\"expired\" data-value=\"3.5\""));
        assert!(!svg.contains("<b>") && svg.contains("&lt;b&gt;: accepted 2, expired 1"));
        assert!(grouped("x", "Empty", &series, &[]).contains("Nothing in this range."));
    }
}
