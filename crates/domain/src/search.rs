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

/// An FTS5 query: every term as a quoted prefix, all required.
pub fn fts5_query(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| format!("\"{t}\"*"))
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// A PostgreSQL tsquery: every term as a prefix, all required.
pub fn tsquery(terms: &[String]) -> String {
    terms.iter().map(|t| format!("{t}:*")).collect::<Vec<_>>().join(" & ")
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
        assert_eq!(fts5_query(&terms("dist sys")), "\"dist\"* AND \"sys\"*");
        assert_eq!(tsquery(&terms("dist sys")), "dist:* & sys:*");
    }
}
