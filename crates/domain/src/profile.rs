use crate::validation::{bounded_text, FieldErrors};

/// What a mentor tells mentees about themselves; every field already checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentorProfile {
    pub headline: String,
    pub bio: String,
    pub company: String,
    pub job_title: String,
    pub expertise: Vec<String>,
    pub specializations: Vec<String>,
    pub years_experience: i32,
    pub languages: Vec<String>,
    pub accepting_mentees: bool,
    pub max_mentees: i32,
}

/// The mentor profile as it arrives, before any rule is checked.
#[derive(Debug, Clone, Default)]
pub struct MentorProfileInput {
    pub headline: String,
    pub bio: String,
    pub company: String,
    pub job_title: String,
    pub expertise: Vec<String>,
    pub specializations: Vec<String>,
    pub years_experience: i64,
    pub languages: Vec<String>,
    pub accepting_mentees: bool,
    pub max_mentees: i64,
}

pub const MAX_TAGS: usize = 20;
pub const MAX_MENTEES_LIMIT: i64 = 50;

impl MentorProfile {
    pub fn parse(input: MentorProfileInput) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let headline = errors.take("headline", bounded_text(&input.headline, "Headline", 1, 120));
        let bio = errors.take("bio", bounded_text(&input.bio, "Bio", 0, 4000));
        let company = errors.take("company", bounded_text(&input.company, "Company", 0, 120));
        let job_title = errors.take("jobTitle", bounded_text(&input.job_title, "Job title", 0, 120));
        let expertise = errors.take("expertise", tags(&input.expertise, "Expertise", 1));
        let specializations = errors.take("specializations", tags(&input.specializations, "Specializations", 0));
        let languages = errors.take("languages", tags(&input.languages, "Languages", 0));
        if !(0..=70).contains(&input.years_experience) {
            errors.add("yearsExperience", "Years of experience must be between 0 and 70.");
        }
        if !(1..=MAX_MENTEES_LIMIT).contains(&input.max_mentees) {
            errors.add(
                "maxMentees",
                format!("Maximum mentees must be between 1 and {MAX_MENTEES_LIMIT}."),
            );
        }
        match (headline, bio, company, job_title, expertise, specializations, languages) {
            (
                Some(headline),
                Some(bio),
                Some(company),
                Some(job_title),
                Some(expertise),
                Some(specializations),
                Some(languages),
            ) if errors.is_empty() => Ok(Self {
                headline,
                bio,
                company,
                job_title,
                expertise,
                specializations,
                years_experience: input.years_experience as i32,
                languages,
                accepting_mentees: input.accepting_mentees,
                max_mentees: input.max_mentees as i32,
            }),
            _ => Err(errors),
        }
    }
}

/// Trims each tag, drops empty ones and case-insensitive duplicates (the
/// first spelling wins), and checks count and length.
pub fn tags(values: &[String], what: &str, min: usize) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for value in values {
        let tag = value.trim();
        if tag.is_empty() {
            continue;
        }
        if tag.chars().count() > 40 {
            return Err(format!("{what}: each entry must be at most 40 characters."));
        }
        if tag.chars().any(char::is_control) || tag.contains(',') {
            return Err(format!(
                "{what}: entries must not contain commas or control characters."
            ));
        }
        if !out.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            out.push(tag.to_owned());
        }
    }
    if out.len() < min {
        return Err(format!("{what}: add at least {min}."));
    }
    if out.len() > MAX_TAGS {
        return Err(format!("{what}: at most {MAX_TAGS} entries."));
    }
    Ok(out)
}

/// Splits a comma-separated form field into tags.
pub fn split_tags(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> MentorProfileInput {
        MentorProfileInput {
            headline: "Staff engineer".into(),
            bio: "I help people grow.".into(),
            company: "Acme".into(),
            job_title: "Staff Engineer".into(),
            expertise: vec!["Rust".into(), " rust ".into(), "Distributed systems".into()],
            specializations: vec![],
            years_experience: 12,
            languages: vec!["English".into()],
            accepting_mentees: true,
            max_mentees: 3,
        }
    }

    #[test]
    fn a_valid_profile_is_normalised() {
        let profile = MentorProfile::parse(input()).unwrap();
        assert_eq!(profile.expertise, vec!["Rust", "Distributed systems"]);
        assert_eq!(profile.max_mentees, 3);
    }

    #[test]
    fn every_broken_field_is_reported() {
        let mut bad = input();
        bad.headline = " ".into();
        bad.expertise = vec![];
        bad.years_experience = -1;
        bad.max_mentees = 0;
        let errors = MentorProfile::parse(bad).unwrap_err();
        for field in ["headline", "expertise", "yearsExperience", "maxMentees"] {
            assert!(errors.get(field).is_some(), "{field} should be reported");
        }
        assert!(errors.get("bio").is_none());
    }

    #[test]
    fn split_tags_ignores_blanks() {
        assert_eq!(split_tags(" Rust, ,Go ,"), vec!["Rust", "Go"]);
    }
}
