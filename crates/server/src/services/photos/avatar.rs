//! The initials avatar for people without a photo: a small SVG whose
//! colour is fixed by the person's id, so it never changes between pages.

use uuid::Uuid;

/// Background colours with white text at AA contrast or better.
const COLOURS: &[&str] = &[
    "#2848c8", "#1e5b2e", "#8a1c1c", "#5a3d99", "#7a4a00", "#0b5c6b", "#6b2f5c",
];

pub fn initials_svg(name: &str, id: Uuid) -> String {
    let initials: String = name
        .split_whitespace()
        .filter_map(|word| word.chars().find(|c| c.is_alphanumeric()))
        .take(2)
        .flat_map(char::to_uppercase)
        .collect();
    let initials = if initials.is_empty() { "?".to_string() } else { initials };
    let colour = COLOURS[id.as_bytes()[0] as usize % COLOURS.len()];
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 64 64\" role=\"img\" aria-label=\"{label}\">\
         <rect width=\"64\" height=\"64\" fill=\"{colour}\"/>\
         <text x=\"32\" y=\"33\" dominant-baseline=\"middle\" text-anchor=\"middle\" fill=\"#fff\" \
         font-family=\"system-ui, sans-serif\" font-size=\"26\" font-weight=\"700\">{initials}</text></svg>",
        label = escape(name),
        initials = escape(&initials),
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_come_from_the_first_two_words_and_are_escaped() {
        let id = Uuid::nil();
        assert!(initials_svg("amara okafor", id).contains(">AO</text>"));
        assert!(initials_svg("Zoë", id).contains(">Z</text>"));
        assert!(initials_svg("<script> x", id).contains("aria-label=\"&lt;script&gt; x\""));
        assert!(initials_svg("   ", id).contains(">?</text>"));
    }
}
