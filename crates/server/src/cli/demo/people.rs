//! The demo's people: mentors across companies, tracks and zones, and a
//! few mentees with what they want to learn.

use mentorhub_domain::{Clock, MentorProfile, SystemClock};
use mentorhub_store::{NewUser, Store, StoreError, UserChanges, UserRecord};
use uuid::Uuid;

use crate::fixtures::{COMPANIES, FIRST_NAMES, LAST_NAMES, TRACKS, ZONES};
use crate::services::accounts::password;

pub const DEMO_PASSWORD: &str = "mentorhub-demo";
pub const MENTOR_COUNT: usize = 44;

pub const MENTEES: [(&str, &str, &str); 4] = [
    ("Maya Patel", "maya.patel@example.com", "Europe/London"),
    ("Lucas Meyer", "lucas.meyer@example.com", "Europe/Berlin"),
    ("Sofia Alvarez", "sofia.alvarez@example.com", "America/Mexico_City"),
    ("Kenji Watanabe", "kenji.watanabe@example.com", "Asia/Tokyo"),
];

/// The demo's administrator (sees `/admin/outbox`).
pub const ADMIN_EMAIL: &str = "admin@example.com";

/// What each demo mentee wants to learn.
pub const LEARNING: [(&[&str], &str); 4] = [
    (
        &["Distributed systems", "Rust", "System design"],
        "Grow from mid-level to senior backend engineer within a year.",
    ),
    (
        &["React", "TypeScript", "Accessibility"],
        "Land my first frontend job after a bootcamp.",
    ),
    (
        &["Product management", "User research"],
        "Move from support into product management.",
    ),
    (
        &["Machine learning", "Python"],
        "Prepare for machine learning interviews.",
    ),
];

/// The i-th demo mentor's sign-in email.
pub fn mentor_email(i: usize) -> String {
    email_of(&format!("{} {}", FIRST_NAMES[i], LAST_NAMES[i]))
}

fn email_of(name: &str) -> String {
    let ascii: String = name
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'á' | 'à' => 'a',
            'é' | 'è' => 'e',
            'í' => 'i',
            'ó' => 'o',
            'ú' => 'u',
            'ñ' => 'n',
            ' ' => '.',
            other => other,
        })
        .collect();
    format!("{ascii}@example.com")
}

fn mentor_profile(i: usize) -> MentorProfile {
    let track = &TRACKS[i % TRACKS.len()];
    let company = COMPANIES[(i * 7) % COMPANIES.len()];
    let years = 3 + (i * 5 % 22) as i32;
    let mut languages = vec!["English".to_owned()];
    if let Some(extra) = ["German", "Spanish", "Hindi", "Japanese", "French", "Portuguese"].get(i % 9) {
        languages.push((*extra).to_owned());
    }
    MentorProfile {
        headline: format!("{} at {company}", track.title),
        bio: format!(
            "I have spent {years} years building software and teams. I enjoy helping people with {} and {}, \
             and I like concrete goals: bring a question, leave with a plan.",
            track.specializations[0].to_lowercase(),
            track.expertise[0]
        ),
        company: company.to_owned(),
        job_title: track.title.to_owned(),
        expertise: track.expertise.iter().map(|s| (*s).to_owned()).collect(),
        specializations: track.specializations.iter().map(|s| (*s).to_owned()).collect(),
        years_experience: years,
        languages,
        accepting_mentees: i % 7 != 3,
        max_mentees: 2 + (i % 4) as i32,
    }
}

/// Creates the accounts that are missing; returns how many were created.
pub async fn load_accounts(store: &Store) -> anyhow::Result<usize> {
    let hash = password::Hasher::new(1)
        .hash(DEMO_PASSWORD.to_owned())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let now = SystemClock.now();
    let mut created = 0;
    for i in 0..MENTOR_COUNT {
        let name = format!("{} {}", FIRST_NAMES[i], LAST_NAMES[i]);
        let user = NewUser {
            id: Uuid::new_v4(),
            email: email_of(&name),
            email_normalized: email_of(&name),
            password_hash: hash.clone(),
            name,
            is_mentee: i % 5 == 0,
            is_mentor: true,
            is_admin: false,
            timezone: ZONES[i % ZONES.len()].to_owned(),
            now,
        };
        match store.create_user(&user).await {
            Ok(record) => {
                store.upsert_mentor_profile(record.id, &mentor_profile(i), now).await?;
                created += 1;
            }
            Err(StoreError::Conflict(_)) => {}
            Err(other) => return Err(other.into()),
        }
    }
    for (name, email, zone) in MENTEES {
        let user = NewUser {
            id: Uuid::new_v4(),
            email: email.to_owned(),
            email_normalized: email.to_owned(),
            password_hash: hash.clone(),
            name: name.to_owned(),
            is_mentee: true,
            is_mentor: false,
            is_admin: false,
            timezone: zone.to_owned(),
            now,
        };
        match store.create_user(&user).await {
            Ok(_) => created += 1,
            Err(StoreError::Conflict(_)) => {}
            Err(other) => return Err(other.into()),
        }
    }
    let admin = NewUser {
        id: Uuid::new_v4(),
        email: ADMIN_EMAIL.to_owned(),
        email_normalized: ADMIN_EMAIL.to_owned(),
        password_hash: hash.clone(),
        name: "Ada Admin".to_owned(),
        is_mentee: true,
        is_mentor: false,
        is_admin: true,
        timezone: "Europe/London".to_owned(),
        now,
    };
    match store.create_user(&admin).await {
        Ok(_) => created += 1,
        Err(StoreError::Conflict(_)) => {}
        Err(other) => return Err(other.into()),
    }
    Ok(created)
}

pub async fn user_by_email(store: &Store, email: &str) -> anyhow::Result<UserRecord> {
    let (user, _) = store
        .user_credentials(email)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo user {email} missing"))?;
    Ok(user)
}

/// The demo mentees, with their learning goals set once.
pub async fn load_learning(store: &Store) -> anyhow::Result<Vec<UserRecord>> {
    let mut mentees = Vec::new();
    for ((_, email, _), (interests, goals)) in MENTEES.iter().zip(LEARNING) {
        let user = user_by_email(store, email).await?;
        if user.interests.is_empty() {
            let interests: Vec<String> = interests.iter().map(|s| (*s).to_owned()).collect();
            let changes = UserChanges {
                interests: Some(&interests),
                goals: Some(goals),
                ..UserChanges::default()
            };
            store.update_user(user.id, &changes, SystemClock.now()).await?;
        }
        mentees.push(user);
    }
    Ok(mentees)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_mentors_are_valid_and_varied() {
        let mut companies = std::collections::BTreeSet::new();
        for i in 0..MENTOR_COUNT {
            let p = mentor_profile(i);
            let input = mentorhub_domain::MentorProfileInput {
                headline: p.headline.clone(),
                bio: p.bio.clone(),
                company: p.company.clone(),
                job_title: p.job_title.clone(),
                expertise: p.expertise.clone(),
                specializations: p.specializations.clone(),
                years_experience: p.years_experience.into(),
                languages: p.languages.clone(),
                accepting_mentees: p.accepting_mentees,
                max_mentees: p.max_mentees.into(),
            };
            assert_eq!(MentorProfile::parse(input).unwrap(), p);
            companies.insert(p.company);
        }
        assert!(companies.len() >= 10);
        assert_eq!(email_of("Diego Hernández"), "diego.hernandez@example.com");
    }
}
