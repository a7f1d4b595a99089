//! Demo programs (a backend interview plan, a new manager's first 90 days,
//! a switch into product), one applied to Maya's mentorship with a goal,
//! action items (one overdue) and skill assessments, through the real rules.

use mentorhub_domain::progress::ProgramInput;
use mentorhub_domain::MentorshipStatus;
use mentorhub_store::{MentorshipSide, Store, UserRecord};

use super::people::{mentor_email, user_by_email};
use crate::config::Config;
use crate::services::progress::goals::{self, ActionInput};
use crate::services::progress::{self, programs};
use crate::state::AppState;

type Plan<'a> = (&'a str, &'a str, i64, &'a [(i64, &'a str)], &'a [&'a str]);

const PROGRAMS: [Plan<'static>; 3] = [
    (
        "12-week backend interview preparation",
        "From data structures to system design, with a mock interview every few weeks.",
        12,
        &[
            (1, "Study plan and target companies"),
            (3, "Data structures refresher — arrays, maps, trees, graphs"),
            (5, "First mock coding interview"),
            (8, "System design: caches, queues, sharding"),
            (10, "Mock system design interview"),
            (12, "Final full loop"),
        ],
        &["Algorithms", "System design", "Communication"],
    ),
    (
        "First 90 days as a manager",
        "One-on-ones, feedback and delegation for people leading a team for the first time.",
        13,
        &[
            (1, "One-on-ones with everyone"),
            (4, "Team working agreement"),
            (8, "First round of written feedback"),
            (13, "Quarter review with your manager"),
        ],
        &["Feedback", "Delegation", "Prioritisation"],
    ),
    (
        "Career switch into product",
        "Moving from engineering or support into product management.",
        8,
        &[
            (2, "Interview three product managers"),
            (4, "Write a product brief"),
            (8, "Apply to five roles"),
        ],
        &["Product sense", "Stakeholder management"],
    ),
];

pub async fn load_programs(store: &Store, mentees: &[UserRecord]) -> anyhow::Result<()> {
    let state = AppState::new(store.clone(), Config::for_database("sqlite::memory:"));
    let author = user_by_email(store, &mentor_email(0)).await?;
    let existing = store.list_programs(author.id, false, 100).await?;
    if existing.iter().any(|p| p.owner_id == author.id) {
        return Ok(());
    }
    let mut first = None;
    for (title, description, weeks, milestones, skills) in PROGRAMS {
        let input = ProgramInput {
            title: Some(title),
            description: Some(description),
            duration_weeks: Some(weeks),
            milestones: milestones
                .iter()
                .map(|(week, line)| {
                    let (t, d) = line.split_once(" — ").map_or((*line, None), |(t, d)| (t, Some(d)));
                    (Some(*week), Some(t), d)
                })
                .collect(),
            skills: skills.to_vec(),
            visibility: Some("public"),
        };
        let p = programs::create(&state, &author, &input)
            .await
            .map_err(|e| anyhow::anyhow!("demo program: {e}"))?;
        first.get_or_insert(p.id);
    }
    let maya = &mentees[0];
    let mentorship = store
        .list_mentorships(
            maya.id,
            Some(MentorshipSide::AsMentee),
            Some(MentorshipStatus::Accepted),
            10,
            0,
        )
        .await?
        .into_iter()
        .find(|m| m.mentor_id == author.id);
    let (Some(m), Some(program)) = (mentorship, first) else {
        return Ok(());
    };
    let fail = |e: crate::services::Error| anyhow::anyhow!("demo plan: {e}");
    progress::apply_program(&state, &author, m.id, Some(&program.to_string()))
        .await
        .map_err(fail)?;
    let goal = goals::create_goal(&state, maya, m.id, (Some("Land a backend role by summer"), None, None))
        .await
        .map_err(fail)?;
    let yesterday = (progress::local_today(&state, maya) - chrono::Duration::days(1)).to_string();
    for (text, owner, due) in [
        ("List ten target companies", "mentee", Some(yesterday.as_str())),
        ("Share two system design resources", "mentor", None),
    ] {
        let input = ActionInput {
            text: Some(text),
            owner: Some(owner),
            due_date: due,
        };
        goals::add_action(&state, maya, goal.goal.id, input)
            .await
            .map_err(fail)?;
    }
    for (who, skill, level) in [
        (maya, "System design", 2),
        (&author, "System design", 3),
        (maya, "Algorithms", 3),
    ] {
        goals::assess(&state, who, m.id, (Some(skill), Some(level), None))
            .await
            .map_err(fail)?;
    }
    Ok(())
}
