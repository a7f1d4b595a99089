use std::collections::BTreeMap;

/// Field name (camelCase, as in the API) to a human sentence saying what is wrong.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FieldErrors(pub BTreeMap<String, String>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.entry(field.to_owned()).or_insert_with(|| message.into());
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.get(field).map(String::as_str)
    }

    /// Records the error of a parse result and returns its value, if any.
    pub fn take<T>(&mut self, field: &str, result: Result<T, String>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(message) => {
                self.add(field, message);
                None
            }
        }
    }

    /// Adds the errors of another check (the first sentence per field wins).
    pub fn extend(&mut self, other: FieldErrors) {
        for (field, message) in other.0 {
            self.add(&field, message);
        }
    }

    /// `Ok(())` when no field failed.
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

/// Trims and checks a text's length in characters (not bytes).
pub fn bounded_text(value: &str, what: &str, min: usize, max: usize) -> Result<String, String> {
    let trimmed = value.trim();
    let len = trimmed.chars().count();
    if len < min {
        if min == 1 {
            return Err(format!("{what} must not be empty."));
        }
        return Err(format!("{what} must be at least {min} characters."));
    }
    if len > max {
        return Err(format!("{what} must be at most {max} characters."));
    }
    if trimmed
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(format!("{what} must not contain control characters."));
    }
    Ok(trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_text_counts_characters_and_trims() {
        assert_eq!(bounded_text("  héllo ", "Name", 1, 5).unwrap(), "héllo");
        assert!(bounded_text("   ", "Name", 1, 5).unwrap_err().contains("empty"));
        assert!(bounded_text("abcdef", "Name", 1, 5).unwrap_err().contains("at most 5"));
        assert!(bounded_text("ab", "Bio", 3, 5).unwrap_err().contains("at least 3"));
        assert!(bounded_text("a\u{0}b", "Name", 1, 5).is_err());
    }

    #[test]
    fn field_errors_keep_the_first_message() {
        let mut errors = FieldErrors::new();
        errors.add("email", "first");
        errors.add("email", "second");
        assert_eq!(errors.get("email"), Some("first"));
        assert!(errors.into_result().is_err());
        assert!(FieldErrors::new().into_result().is_ok());
    }
}
