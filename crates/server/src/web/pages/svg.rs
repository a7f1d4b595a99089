//! What the server-drawn SVG charts share: the canvas, escaping, and an
//! opening tag with a title and description for screen readers.

use std::fmt::Write;

pub const WIDTH: f64 = 640.0;
pub const HEIGHT: f64 = 220.0;
pub const LEFT: f64 = 40.0;
pub const BOTTOM: f64 = 30.0;
pub const TOP: f64 = 16.0;

pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

pub fn open(out: &mut String, id: &str, title: &str, desc: &str) {
    let _ = write!(
        out,
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
         xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(title),
        escape(desc)
    );
}
