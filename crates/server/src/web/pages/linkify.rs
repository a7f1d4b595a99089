//! Web addresses in text people wrote (notifications, chat) become links;
//! only http(s), and a sentence's punctuation stays outside the link.

/// A run of text: plain, or a web address to link.
pub enum Part {
    Text(String),
    Link(String),
}

/// Splits text so addresses (meeting links) become clickable; only http(s).
pub fn linkify(text: &str) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(start) = ["https://", "http://"].iter().filter_map(|p| rest.find(p)).min() {
        if start > 0 {
            parts.push(Part::Text(rest[..start].to_owned()));
        }
        let tail = &rest[start..];
        let mut end = tail.find(char::is_whitespace).unwrap_or(tail.len());
        // A sentence's full stop or bracket is not part of the address.
        while end > 0 && tail[..end].ends_with(['.', ',', ')', ';', ':', '!', '?']) {
            end -= 1;
        }
        parts.push(Part::Link(tail[..end].to_owned()));
        rest = &tail[end..];
    }
    if !rest.is_empty() {
        parts.push(Part::Text(rest.to_owned()));
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_become_links_without_their_punctuation() {
        let parts = linkify("Join at https://meet.jit.si/mentorhub-1. See you (http://x.example/a)!");
        let links: Vec<&str> = parts
            .iter()
            .filter_map(|p| match p {
                Part::Link(l) => Some(l.as_str()),
                Part::Text(_) => None,
            })
            .collect();
        assert_eq!(links, ["https://meet.jit.si/mentorhub-1", "http://x.example/a"]);
        assert!(matches!(&parts[0], Part::Text(t) if t == "Join at "));
        assert!(matches!(linkify("javascript:alert(1)").as_slice(), [Part::Text(_)]));
    }
}
