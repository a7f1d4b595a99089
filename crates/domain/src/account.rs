use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::validation::bounded_text;

/// An email address as typed (trimmed), with its case-insensitive key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    display: String,
}

impl Email {
    pub fn parse(value: &str) -> Result<Self, String> {
        let value = value.trim();
        if value.is_empty() {
            return Err("Email must not be empty.".into());
        }
        if value.chars().count() > 254 {
            return Err("Email must be at most 254 characters.".into());
        }
        let Some((local, domain)) = value.rsplit_once('@') else {
            return Err("Email must look like name@example.com.".into());
        };
        let domain_ok =
            domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.') && !domain.contains("..");
        if local.is_empty() || !domain_ok || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err("Email must look like name@example.com.".into());
        }
        Ok(Self {
            display: value.to_owned(),
        })
    }

    pub fn as_str(&self) -> &str {
        &self.display
    }

    /// The key two addresses are compared by: lower case.
    pub fn normalized(&self) -> String {
        self.display.to_lowercase()
    }
}

/// A password that meets the length rule and is not easy to guess. Never printed.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    pub const MIN_CHARS: usize = 10;
    /// Long enough for any passphrase; bounds the work of hashing it.
    pub const MAX_CHARS: usize = 128;

    /// Checks a new password. `user_inputs` (email, name) count as easy to
    /// guess: a password made of them is weak. Strength is zxcvbn's estimate;
    /// scores 0 and 1 (guessed within about a million tries) are refused.
    pub fn parse(value: &str, user_inputs: &[&str]) -> Result<Self, String> {
        let len = value.chars().count();
        if len < Self::MIN_CHARS {
            return Err(format!("Password must be at least {} characters.", Self::MIN_CHARS));
        }
        if len > Self::MAX_CHARS {
            return Err(format!("Password must be at most {} characters.", Self::MAX_CHARS));
        }
        // The whole inputs and their words ("maya", "patel" of maya.patel@...).
        let words: Vec<&str> = user_inputs
            .iter()
            .flat_map(|input| std::iter::once(*input).chain(input.split(|c: char| !c.is_alphanumeric())))
            .filter(|w| w.chars().count() >= 3)
            .collect();
        let estimate = zxcvbn::zxcvbn(value, &words);
        if (estimate.score() as u8) < 2 {
            let hint = estimate
                .feedback()
                .and_then(|f| f.warning().map(|w| format!(" {w}")))
                .unwrap_or_default();
            return Err(format!(
                "This password is too easy to guess.{hint} Try a few unrelated words or a longer phrase."
            ));
        }
        Ok(Self(value.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(..)")
    }
}

/// A person's display name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(value: &str) -> Result<Self, String> {
        bounded_text(value, "Name", 1, 80).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An IANA time zone name such as `Europe/Berlin`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeZone(pub chrono_tz::Tz);

impl TimeZone {
    pub fn parse(value: &str) -> Result<Self, String> {
        let value = value.trim();
        if value.is_empty() {
            return Ok(Self(chrono_tz::UTC));
        }
        chrono_tz::Tz::from_str(value).map(Self).map_err(|_| {
            format!(
                "\"{}\" is not an IANA time zone such as Europe/Berlin.",
                truncate(value, 60)
            )
        })
    }

    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    pub fn tz(&self) -> chrono_tz::Tz {
        self.0
    }
}

impl Default for TimeZone {
    fn default() -> Self {
        Self(chrono_tz::UTC)
    }
}

fn truncate(value: &str, max: usize) -> String {
    value.chars().take(max).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Mentee,
    Mentor,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Mentee => "mentee",
            Role::Mentor => "mentor",
        }
    }

    pub fn parse(value: &str) -> Result<Self, String> {
        match value.trim() {
            "mentee" => Ok(Role::Mentee),
            "mentor" => Ok(Role::Mentor),
            other => Err(format!(
                "\"{}\" is not a role; use mentee or mentor.",
                truncate(other, 40)
            )),
        }
    }
}

/// A non-empty set of roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Roles {
    pub mentee: bool,
    pub mentor: bool,
}

impl Roles {
    pub fn parse<S: AsRef<str>>(values: &[S]) -> Result<Self, String> {
        let mut roles = Roles {
            mentee: false,
            mentor: false,
        };
        for value in values {
            match Role::parse(value.as_ref())? {
                Role::Mentee => roles.mentee = true,
                Role::Mentor => roles.mentor = true,
            }
        }
        if !roles.mentee && !roles.mentor {
            return Err("Choose at least one role: mentee or mentor.".into());
        }
        Ok(roles)
    }

    pub fn has(&self, role: Role) -> bool {
        match role {
            Role::Mentee => self.mentee,
            Role::Mentor => self.mentor,
        }
    }

    pub fn to_vec(self) -> Vec<Role> {
        let mut out = Vec::new();
        if self.mentee {
            out.push(Role::Mentee);
        }
        if self.mentor {
            out.push(Role::Mentor);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_trimmed_and_compared_in_lower_case() {
        let email = Email::parse("  Ada.Lovelace@Example.COM ").unwrap();
        assert_eq!(email.as_str(), "Ada.Lovelace@Example.COM");
        assert_eq!(email.normalized(), "ada.lovelace@example.com");
    }

    #[test]
    fn bad_emails_are_refused() {
        for bad in [
            "",
            "plain",
            "@example.com",
            "a@b",
            "a@.com",
            "a@com.",
            "a b@example.com",
            "a@x..com",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn password_needs_ten_characters_and_strength() {
        assert!(Password::parse("123456789", &[]).is_err());
        assert!(Password::parse("ééééééééé", &[]).is_err());
        for weak in ["1234567890", "aaaaaaaaaa", "password12", "qwertyuiop"] {
            let message = Password::parse(weak, &[]).unwrap_err();
            assert!(message.contains("too easy to guess"), "{weak}: {message}");
        }
        // Made of the person's own name and email: weak for them.
        assert!(Password::parse("maya.patel@example.com", &["maya.patel@example.com", "Maya Patel"]).is_err());
        assert!(Password::parse("maya.patel@example.com", &[]).is_ok());
        assert!(Password::parse("correct horse battery", &[]).is_ok());
        assert!(Password::parse(&"x".repeat(129), &[]).is_err());
        assert_eq!(
            format!("{:?}", Password::parse("violet kettle marathon", &[]).unwrap()),
            "Password(..)"
        );
    }

    #[test]
    fn time_zones_are_iana_names_defaulting_to_utc() {
        assert_eq!(TimeZone::parse("Asia/Kolkata").unwrap().name(), "Asia/Kolkata");
        assert_eq!(TimeZone::parse("").unwrap().name(), "UTC");
        assert!(TimeZone::parse("Mars/Olympus").is_err());
    }

    #[test]
    fn roles_must_be_a_non_empty_subset() {
        let both = Roles::parse(&["mentor", "mentee", "mentor"]).unwrap();
        assert!(both.mentee && both.mentor);
        assert_eq!(both.to_vec(), vec![Role::Mentee, Role::Mentor]);
        assert!(Roles::parse::<&str>(&[]).is_err());
        assert!(Roles::parse(&["admin"]).is_err());
    }
}
