//! Demo data: realistic mentors across companies, expertise and
//! specializations, plus a few mentees. Loading twice changes nothing.

use mentorhub_domain::mentorship::Action;
use mentorhub_domain::{Clock, MentorProfile, SystemClock};
use mentorhub_store::{NewUser, Store, StoreError, UserChanges, UserRecord};
use uuid::Uuid;

use mentorhub_domain::availability::{Availability, AvailabilityInput};
use mentorhub_domain::MentorshipStatus;
use mentorhub_store::{MentorshipSide, NewSession, SessionOrigin, SessionScope};

use crate::config::Config;
use crate::services::accounts::password;
use crate::services::mentorships;
use crate::services::mini;
use crate::state::AppState;

pub const DEMO_PASSWORD: &str = "mentorhub-demo";

const FIRST: [&str; 44] = [
    "Amara",
    "Benjamin",
    "Chen",
    "Diego",
    "Elena",
    "Farah",
    "Gabriel",
    "Hana",
    "Ibrahim",
    "Julia",
    "Kwame",
    "Lena",
    "Mateo",
    "Nadia",
    "Oliver",
    "Priya",
    "Quentin",
    "Rosa",
    "Samuel",
    "Tomoko",
    "Usman",
    "Valentina",
    "William",
    "Xin",
    "Yusuf",
    "Zara",
    "Aisha",
    "Bruno",
    "Carmen",
    "Dmitri",
    "Esther",
    "Felix",
    "Grace",
    "Hugo",
    "Ines",
    "Jonas",
    "Keiko",
    "Luca",
    "Mariam",
    "Noah",
    "Olga",
    "Pablo",
    "Ruth",
    "Sven",
];
const LAST: [&str; 44] = [
    "Okafor",
    "Schmidt",
    "Wei",
    "Hernández",
    "Petrova",
    "Haddad",
    "Silva",
    "Kim",
    "Rahman",
    "Novak",
    "Mensah",
    "Fischer",
    "García",
    "Ali",
    "Brown",
    "Sharma",
    "Dubois",
    "Martínez",
    "Cohen",
    "Tanaka",
    "Qureshi",
    "Rossi",
    "Johnson",
    "Liu",
    "Demir",
    "Ahmed",
    "Bello",
    "Costa",
    "López",
    "Ivanov",
    "Levi",
    "Wagner",
    "Achebe",
    "Moreau",
    "Ferreira",
    "Berg",
    "Sato",
    "Romano",
    "Nguyen",
    "Andersen",
    "Kowalski",
    "Ortega",
    "Goldberg",
    "Lindqvist",
];
const COMPANIES: [&str; 20] = [
    "Stripe",
    "Shopify",
    "Spotify",
    "Datadog",
    "GitLab",
    "Cloudflare",
    "Atlassian",
    "Mozilla",
    "Figma",
    "Canva",
    "Zalando",
    "Booking.com",
    "Klarna",
    "Notion",
    "Twilio",
    "Red Hat",
    "Grafana Labs",
    "Wise",
    "Monzo",
    "Independent consultant",
];
const ZONES: [&str; 12] = [
    "America/New_York",
    "Europe/Berlin",
    "Asia/Kolkata",
    "Europe/London",
    "America/Los_Angeles",
    "Asia/Tokyo",
    "Africa/Lagos",
    "America/Sao_Paulo",
    "Australia/Sydney",
    "Asia/Singapore",
    "Europe/Madrid",
    "America/Toronto",
];

struct Track {
    title: &'static str,
    expertise: &'static [&'static str],
    specializations: &'static [&'static str],
}

const TRACKS: [Track; 9] = [
    Track {
        title: "Staff Backend Engineer",
        expertise: &["Rust", "Go", "Distributed systems", "PostgreSQL"],
        specializations: &["Career growth", "System design interviews"],
    },
    Track {
        title: "Senior Frontend Engineer",
        expertise: &["TypeScript", "React", "CSS", "Accessibility"],
        specializations: &["Portfolio review", "Career change"],
    },
    Track {
        title: "Machine Learning Engineer",
        expertise: &["Python", "Machine learning", "SQL", "Statistics"],
        specializations: &["Interview preparation", "Research careers"],
    },
    Track {
        title: "Group Product Manager",
        expertise: &["Product management", "Roadmapping", "User research"],
        specializations: &["Career change", "Leadership"],
    },
    Track {
        title: "Principal Product Designer",
        expertise: &["UX design", "Figma", "Design systems"],
        specializations: &["Portfolio review", "Résumé review"],
    },
    Track {
        title: "Site Reliability Engineer",
        expertise: &["Kubernetes", "Terraform", "Observability", "Linux"],
        specializations: &["Incident response", "Career growth"],
    },
    Track {
        title: "Security Engineer",
        expertise: &["Application security", "Threat modeling", "Cryptography"],
        specializations: &["Interview preparation", "Technical skills"],
    },
    Track {
        title: "Senior Mobile Engineer",
        expertise: &["Swift", "Kotlin", "Mobile architecture"],
        specializations: &["Résumé review", "Career growth"],
    },
    Track {
        title: "Engineering Manager",
        expertise: &["Engineering management", "Hiring", "Mentoring"],
        specializations: &["Leadership", "Promotion to senior"],
    },
];

const MENTEES: [(&str, &str, &str); 4] = [
    ("Maya Patel", "maya.patel@example.com", "Europe/London"),
    ("Lucas Meyer", "lucas.meyer@example.com", "Europe/Berlin"),
    ("Sofia Alvarez", "sofia.alvarez@example.com", "America/Mexico_City"),
    ("Kenji Watanabe", "kenji.watanabe@example.com", "Asia/Tokyo"),
];

/// What each demo mentee wants to learn.
const LEARNING: [(&[&str], &str); 4] = [
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

/// Demo mentorships in every state: (mentee index, mentor index, final state).
const MENTORSHIPS: [(usize, usize, &str); 7] = [
    (0, 0, "accepted"),
    (0, 1, "pending"),
    (1, 0, "pending"),
    (2, 0, "rejected"),
    (3, 0, "ended"),
    (1, 2, "cancelled"),
    (3, 1, "accepted"),
];

pub const MENTOR_COUNT: usize = 44;

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

/// Creates what is missing; existing demo accounts are left as they are.
pub async fn load(store: &Store) -> anyhow::Result<()> {
    let hash = password::hash(DEMO_PASSWORD.to_owned())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let now = SystemClock.now();
    let mut created = 0;
    for i in 0..MENTOR_COUNT {
        let name = format!("{} {}", FIRST[i], LAST[i]);
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
    let mentees = load_learning(store).await?;
    load_mentorships(store, &mentees).await?;
    load_sessions(store, &mentees).await?;
    load_mini_requests(store, &mentees).await?;
    tracing::info!(created, "demo data loaded");
    Ok(())
}

async fn user_by_email(store: &Store, email: &str) -> anyhow::Result<UserRecord> {
    let (user, _) = store
        .user_credentials(email)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo user {email} missing"))?;
    Ok(user)
}

async fn load_learning(store: &Store) -> anyhow::Result<Vec<UserRecord>> {
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

/// Runs through the real rules (and so writes the notifications too).
async fn load_mentorships(store: &Store, mentees: &[UserRecord]) -> anyhow::Result<()> {
    let state = AppState::new(store.clone(), Config::for_database("sqlite::memory:"));
    for (mentee_index, mentor_index, final_state) in MENTORSHIPS {
        let mentee = &mentees[mentee_index];
        let mentor = user_by_email(
            store,
            &email_of(&format!("{} {}", FIRST[mentor_index], LAST[mentor_index])),
        )
        .await?;
        let existing = store
            .list_mentorships(mentee.id, Some(MentorshipSide::AsMentee), None, 100, 0)
            .await?;
        if existing.iter().any(|m| m.mentor_id == mentor.id) {
            continue;
        }
        let message = format!(
            "Hi {}, I am {} and I would love your guidance. {}",
            mentor.name.split(' ').next().unwrap_or_default(),
            mentee.name,
            LEARNING[mentee_index].1
        );
        let record = mentorships::request(&state, mentee, Some(mentor.id), Some(&message))
            .await
            .map_err(|e| anyhow::anyhow!("demo request: {e}"))?;
        let steps: &[(Action, bool)] = match final_state {
            "accepted" => &[(Action::Accept, true)],
            "rejected" => &[(Action::Reject, true)],
            "cancelled" => &[(Action::Cancel, false)],
            "ended" => &[(Action::Accept, true), (Action::End, false)],
            _ => &[],
        };
        for (action, by_mentor) in steps {
            let actor = if *by_mentor { &mentor } else { mentee };
            let reason =
                (*action == Action::Reject).then_some("My calendar is full this quarter; please ask again in spring.");
            mentorships::act(&state, actor, record.id, *action, reason)
                .await
                .map_err(|e| anyhow::anyhow!("demo {}: {e}", action.as_str()))?;
        }
    }
    Ok(())
}

pub fn print_accounts(config: &Config) {
    println!();
    println!("Mentorhub demo is ready at {}", config.public_url());
    println!("Sign in with password \"{DEMO_PASSWORD}\" as:");
    println!("  mentee  {}", MENTEES[0].1);
    println!("  mentee  {}", MENTEES[1].1);
    println!("  mentor  {}", email_of(&format!("{} {}", FIRST[0], LAST[0])));
    println!("  mentor  {}", email_of(&format!("{} {}", FIRST[1], LAST[1])));
    println!("({MENTOR_COUNT} mentors and {} mentees in all)", MENTEES.len());
    println!();
}

/// Weekday hours for the first mentors, and sessions of every kind for the
/// demo's accepted mentorships: upcoming, completed and rated, cancelled.
async fn load_sessions(store: &Store, mentees: &[UserRecord]) -> anyhow::Result<()> {
    let now = SystemClock.now();
    for i in 0..12 {
        let mentor = user_by_email(store, &email_of(&format!("{} {}", FIRST[i], LAST[i]))).await?;
        if store.availability(mentor.id).await?.is_none() {
            let input = AvailabilityInput {
                timezone: mentor.timezone.clone(),
                weekly: (1..=5)
                    .map(|day| (day, "09:00".to_owned(), "17:00".to_owned()))
                    .collect(),
                ..AvailabilityInput::default()
            };
            let availability = Availability::parse(input).map_err(|e| anyhow::anyhow!("demo hours: {e:?}"))?;
            store.save_availability(mentor.id, &availability, None, now).await?;
        }
    }
    let mentorships = store
        .list_mentorships(
            mentees[0].id,
            Some(MentorshipSide::AsMentee),
            Some(MentorshipStatus::Accepted),
            10,
            0,
        )
        .await?;
    let Some(mentorship) = mentorships.first() else {
        return Ok(());
    };
    if !store
        .list_sessions(mentees[0].id, SessionScope::All, None, now, 1, 0)
        .await?
        .is_empty()
    {
        return Ok(());
    }
    let day = |days: i64, hour: u32| {
        let date = (now + chrono::Duration::days(days)).date_naive();
        date.and_hms_opt(hour, 0, 0).map(|t| t.and_utc()).unwrap_or(now)
    };
    let plan = [
        (
            day(-14, 15),
            "Planning my first six months",
            "completed",
            Some((5, "Clear, practical advice.")),
        ),
        (day(-7, 15), "System design practice", "completed", None),
        (day(-3, 15), "Code review habits", "cancelled", None),
        (day(3, 15), "Mock system design interview", "scheduled", None),
        (day(10, 15), "Career plan check-in", "scheduled", None),
    ];
    for (at, topic, outcome, rating) in plan {
        let new = NewSession {
            id: Uuid::new_v4(),
            origin: SessionOrigin::Mentorship(mentorship.id),
            mentor_id: mentorship.mentor_id,
            mentee_id: mentorship.mentee_id,
            scheduled_at: at,
            duration: 60,
            topic: topic.to_owned(),
            notes: None,
            meeting_url: format!(
                "https://meet.jit.si/mentorhub-demo-{}",
                &Uuid::new_v4().simple().to_string()[..12]
            ),
            buffer_minutes: 0,
        };
        let session = store.create_session(&new, now).await?;
        match outcome {
            "completed" => {
                store
                    .complete_session(session.id, Some("We agreed on next steps."), now)
                    .await?;
                if let Some((stars, comment)) = rating {
                    let done = store
                        .session(session.id)
                        .await?
                        .ok_or_else(|| anyhow::anyhow!("demo session missing"))?;
                    store.add_feedback(&done, stars, Some(comment), now).await?;
                }
            }
            "cancelled" => {
                store
                    .cancel_session(session.id, Some("Travelling that week."), now)
                    .await?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// Mini mentorship requests: one open, one claimed, one scheduled.
async fn load_mini_requests(store: &Store, mentees: &[UserRecord]) -> anyhow::Result<()> {
    if !store.mini_requests_of(mentees[1].id).await?.is_empty() {
        return Ok(());
    }
    let state = AppState::new(store.clone(), Config::for_database("sqlite::memory:"));
    let now = SystemClock.now();
    let at = |days: i64, hour: u32| {
        let date = (now + chrono::Duration::days(days)).date_naive();
        date.and_hms_opt(hour, 0, 0)
            .map(|t| t.and_utc().to_rfc3339())
            .unwrap_or_default()
    };
    let plan = [
        (
            1,
            "Interview prep for a backend role",
            "interview_prep",
            "I have a technical interview next week and would like to practise.",
            "high",
            None,
        ),
        (
            2,
            "Résumé review for a product role",
            "resume_review",
            "I am moving from support into product and want feedback on my résumé.",
            "medium",
            Some(false),
        ),
        (
            3,
            "Mock ML interview",
            "mock_interview",
            "Please run a mock machine learning interview with me.",
            "low",
            Some(true),
        ),
    ];
    let mentor = user_by_email(store, &email_of(&format!("{} {}", FIRST[1], LAST[1]))).await?;
    for (mentee, title, kind, description, urgency, claim_and_schedule) in plan {
        let dates = vec![at(4, 15), at(5, 16)];
        let input = mini::NewRequest {
            title: Some(title),
            session_type: Some(kind),
            description: Some(description),
            duration: Some(30),
            urgency: Some(urgency),
            preferred_dates: &dates,
        };
        let view = mini::create(&state, &mentees[mentee], input)
            .await
            .map_err(|e| anyhow::anyhow!("demo mini: {e}"))?;
        if let Some(schedule) = claim_and_schedule {
            mini::claim(&state, &mentor, view.request.id)
                .await
                .map_err(|e| anyhow::anyhow!("demo claim: {e}"))?;
            if schedule {
                mini::schedule(&state, &mentor, view.request.id, Some(&dates[0]))
                    .await
                    .map_err(|e| anyhow::anyhow!("demo schedule: {e}"))?;
            }
        }
    }
    Ok(())
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
