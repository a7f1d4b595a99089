//! Turning what someone typed into search terms both databases understand.

/// Lower-case word prefixes: runs of letters and digits, at most 8.
pub fn terms(query: &str) -> Vec<String> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(|t| t.to_lowercase().chars().take(40).collect::<String>())
        .take(8)
        .collect()
}

/// An FTS5 query: every term as a quoted prefix, all required (or, with
/// `any`, at least one).
pub fn fts5_query(terms: &[String], any: bool) -> String {
    let prefixes: Vec<String> = terms.iter().map(|t| format!("\"{t}\"*")).collect();
    prefixes.join(if any { " OR " } else { " AND " })
}

/// A PostgreSQL tsquery: every term as a prefix, all required (or, with
/// `any`, at least one).
pub fn tsquery(terms: &[String], any: bool) -> String {
    let prefixes: Vec<String> = terms.iter().map(|t| format!("{t}:*")).collect();
    prefixes.join(if any { " | " } else { " & " })
}

/// The words of an exact tag filter (a specialization, an expertise or a
/// company) when full-text search can narrow by them: plain ASCII letters,
/// digits and spaces only, where both databases split words as we do. The
/// exact filter still runs afterwards; this only lets the index skip rows
/// that cannot match.
pub fn tag_words(tag: &str) -> Option<Vec<String>> {
    let tag = tag.trim();
    let plain = tag.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ');
    let words: Vec<String> = tag
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    (plain && !words.is_empty() && words.len() <= 8 && words.iter().all(|w| w.len() < 40)).then_some(words)
}

/// An FTS5 condition: these words, in order, in one column.
pub fn fts5_phrase_in(column: &str, words: &[String]) -> String {
    format!("{{{column}}} : \"{}\"", words.join(" "))
}

/// A tsquery condition: these words, in order, with one weight.
pub fn tsquery_phrase_weighted(weight: char, words: &[String]) -> String {
    let lexemes: Vec<String> = words.iter().map(|w| format!("{w}:{weight}")).collect();
    format!("({})", lexemes.join(" <-> "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_word_prefixes_without_operators() {
        assert_eq!(terms("  Dist. SYS  "), vec!["dist", "sys"]);
        assert_eq!(terms("c++ \"OR\" -rust*"), vec!["c", "or", "rust"]);
        assert_eq!(terms("Hernández"), vec!["hernández"]);
        assert!(terms("!!! ***").is_empty());
        assert_eq!(terms("a b c d e f g h i j").len(), 8);
        assert_eq!(fts5_query(&terms("dist sys"), false), "\"dist\"* AND \"sys\"*");
        assert_eq!(fts5_query(&terms("dist sys"), true), "\"dist\"* OR \"sys\"*");
        assert_eq!(tsquery(&terms("dist sys"), false), "dist:* & sys:*");
        assert_eq!(tsquery(&terms("dist sys"), true), "dist:* | sys:*");
    }

    #[test]
    fn only_plain_tags_narrow_the_index() {
        let words = tag_words(" Interview  preparation ").unwrap();
        assert_eq!(words, vec!["interview", "preparation"]);
        assert_eq!(
            fts5_phrase_in("specializations", &words),
            "{specializations} : \"interview preparation\""
        );
        assert_eq!(tsquery_phrase_weighted('C', &words), "(interview:C <-> preparation:C)");
        assert!(tag_words("Front-end").is_none(), "hyphens split differently");
        assert!(tag_words("Café").is_none(), "non-ASCII is left to the exact filter");
        assert!(tag_words("C++").is_none());
        assert!(tag_words("   ").is_none());
        assert!(
            tag_words(&"x".repeat(40)).is_none(),
            "long words are left to the exact filter"
        );
    }
}
