//! Programs, goals, action items and skill assessments: what a valid one
//! is. A program's milestones fall on weeks of the program; a plan's due
//! dates are its start date plus 7 × week days.

use chrono::{Duration, NaiveDate};

use crate::validation::{bounded_text, FieldErrors};

pub const MAX_WEEKS: i64 = 52;
pub const MAX_MILESTONES: usize = 52;
pub const MAX_SKILLS: usize = 10;

string_enum!(Visibility { Public => "public", Private => "private" });
string_enum!(GoalStatus { Open => "open", Done => "done", Dropped => "dropped" });

/// Who of the pair an action item or an assessment belongs to.
pub use crate::mentorship::Side;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneInput {
    pub week: i64,
    pub title: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProgram {
    pub title: String,
    pub description: String,
    pub duration_weeks: i64,
    pub milestones: Vec<MilestoneInput>,
    pub skills: Vec<String>,
    pub visibility: Visibility,
}

/// A program's fields as they arrive; milestones as (week, title, description).
#[derive(Debug, Clone, Default)]
pub struct ProgramInput<'a> {
    pub title: Option<&'a str>,
    pub description: Option<&'a str>,
    pub duration_weeks: Option<i64>,
    pub milestones: Vec<(Option<i64>, Option<&'a str>, Option<&'a str>)>,
    pub skills: Vec<&'a str>,
    pub visibility: Option<&'a str>,
}

impl NewProgram {
    pub fn parse(input: &ProgramInput<'_>) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = errors.take("title", bounded_text(input.title.unwrap_or(""), "Title", 5, 120));
        let description = errors.take("description", optional_text(input.description, "Description", 4000));
        let weeks = match input.duration_weeks {
            Some(w) if (1..=MAX_WEEKS).contains(&w) => Some(w),
            _ => {
                errors.add("durationWeeks", format!("A program lasts 1 to {MAX_WEEKS} weeks."));
                None
            }
        };
        if input.milestones.is_empty() || input.milestones.len() > MAX_MILESTONES {
            errors.add("milestones", format!("Give 1 to {MAX_MILESTONES} milestones."));
        }
        let mut milestones = Vec::new();
        for (i, (week, title, description)) in input.milestones.iter().enumerate() {
            let field = format!("milestones[{i}]");
            let Some(week) = week.filter(|w| *w >= 1 && weeks.is_none_or(|d| *w <= d)) else {
                errors.add(&field, "Each milestone falls on a week of the program.");
                continue;
            };
            match (
                bounded_text(title.unwrap_or(""), "A milestone's title", 1, 200),
                optional_text(*description, "A milestone's description", 2000),
            ) {
                (Ok(title), Ok(description)) => milestones.push(MilestoneInput {
                    week,
                    title,
                    description,
                }),
                (Err(m), _) | (_, Err(m)) => errors.add(&field, m),
            }
        }
        milestones.sort_by_key(|m| m.week);
        let mut skills: Vec<String> = Vec::new();
        for s in input.skills.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
            match bounded_text(s, "A skill", 1, 60) {
                Ok(s) if !skills.iter().any(|k| k.eq_ignore_ascii_case(&s)) => skills.push(s),
                Ok(_) => {}
                Err(m) => errors.add("skills", m),
            }
        }
        if skills.len() > MAX_SKILLS {
            errors.add("skills", format!("At most {MAX_SKILLS} skills."));
        }
        let visibility = match input.visibility.map(str::trim) {
            None | Some("") => Some(Visibility::Public),
            Some(v) => Visibility::parse(v).or_else(|| {
                errors.add("visibility", "Visibility is public or private.");
                None
            }),
        };
        match (title, description, weeks, visibility) {
            (Some(title), Some(description), Some(duration_weeks), Some(visibility)) if errors.is_empty() => Ok(Self {
                title,
                description,
                duration_weeks,
                milestones,
                skills,
                visibility,
            }),
            _ => Err(errors),
        }
    }
}

/// Text that may be left empty (stored as "").
pub fn optional_text(value: Option<&str>, what: &str, max: usize) -> Result<String, String> {
    match value.map(str::trim) {
        None | Some("") => Ok(String::new()),
        Some(text) => bounded_text(text, what, 1, max),
    }
}

/// An optional day (`YYYY-MM-DD`).
pub fn parse_day(value: Option<&str>) -> Result<Option<NaiveDate>, String> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            // Dates are compared as text, so only plain four-digit years.
            .filter(|d| text.len() == 10 && (2000..=2100).contains(&chrono::Datelike::year(d)))
            .map(Some)
            .ok_or_else(|| format!("\"{text}\" is not a day like 2027-01-31 (years 2000 to 2100).")),
    }
}

/// The day a milestone of `week` is due in a plan that started on `start`.
pub fn due_date(start: NaiveDate, week: i64) -> NaiveDate {
    start + Duration::days(7 * week)
}

/// A skill assessment: a skill's name, a level 1..5 and an optional note.
pub fn parse_assessment(
    skill: Option<&str>,
    level: Option<i64>,
    note: Option<&str>,
) -> Result<(String, i32, String), FieldErrors> {
    let mut errors = FieldErrors::new();
    let skill = errors.take("skill", bounded_text(skill.unwrap_or(""), "Skill", 1, 60));
    let level = match level {
        Some(l) if (1..=5).contains(&l) => Some(l as i32),
        _ => {
            errors.add("level", "Rate from 1 to 5.");
            None
        }
    };
    let note = errors.take("note", optional_text(note, "Note", 1000));
    match (skill, level, note) {
        (Some(s), Some(l), Some(n)) => Ok((s, l, n)),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>() -> ProgramInput<'a> {
        ProgramInput {
            title: Some("12-week backend interview preparation"),
            description: Some("From data structures to system design."),
            duration_weeks: Some(12),
            milestones: vec![
                (Some(4), Some("Mock interview"), None),
                (Some(1), Some("Study plan"), Some("Pick topics")),
            ],
            skills: vec!["System design", "system design", " Algorithms "],
            visibility: None,
        }
    }

    #[test]
    fn a_program_parses_sorted_with_unique_skills() {
        let p = NewProgram::parse(&input()).unwrap();
        assert_eq!(p.milestones[0].week, 1);
        assert_eq!(p.skills, vec!["System design", "Algorithms"]);
        assert_eq!(p.visibility, Visibility::Public);
    }

    #[test]
    fn bad_programs_name_their_fields() {
        let bad = ProgramInput {
            title: Some("Hi"),
            duration_weeks: Some(60),
            milestones: vec![(Some(0), Some("Too early"), None)],
            visibility: Some("secret"),
            ..input()
        };
        let errors = NewProgram::parse(&bad).unwrap_err();
        for field in ["title", "durationWeeks", "milestones[0]", "visibility"] {
            assert!(errors.get(field).is_some(), "{field}");
        }
        let late = ProgramInput {
            milestones: vec![(Some(13), Some("After the end"), None)],
            ..input()
        };
        assert!(NewProgram::parse(&late).unwrap_err().get("milestones[0]").is_some());
    }

    #[test]
    fn due_dates_days_and_assessments() {
        let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
        assert_eq!(due_date(start, 2).to_string(), "2027-01-18");
        assert_eq!(
            parse_day(Some("2027-02-01")).unwrap().unwrap().to_string(),
            "2027-02-01"
        );
        assert!(parse_day(Some("tomorrow")).is_err());
        assert!(parse_day(Some("+99999-01-01")).is_err());
        assert!(parse_day(Some("1999-12-31")).is_err());
        assert_eq!(parse_day(Some(" ")), Ok(None));
        assert!(parse_assessment(Some("Rust"), Some(6), None)
            .unwrap_err()
            .get("level")
            .is_some());
        assert_eq!(
            parse_assessment(Some("Rust"), Some(3), Some("ok")).unwrap(),
            ("Rust".into(), 3, "ok".into())
        );
    }
}
