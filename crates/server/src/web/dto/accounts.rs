//! Accounts: the signed-in user, sign-up and sign-in bodies, mentor profiles.

use chrono::{DateTime, Utc};
use mentorhub_domain::Role;
use mentorhub_store::{MentorProfileRecord, UserRecord};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MentorProfileDto {
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

impl From<&MentorProfileRecord> for MentorProfileDto {
    fn from(record: &MentorProfileRecord) -> Self {
        let p = &record.profile;
        Self {
            headline: p.headline.clone(),
            bio: p.bio.clone(),
            company: p.company.clone(),
            job_title: p.job_title.clone(),
            expertise: p.expertise.clone(),
            specializations: p.specializations.clone(),
            years_experience: p.years_experience,
            languages: p.languages.clone(),
            accepting_mentees: p.accepting_mentees,
            max_mentees: p.max_mentees,
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UserDto {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    #[schema(value_type = Vec<String>, example = json!(["mentee"]))]
    pub roles: Vec<Role>,
    pub timezone: String,
    /// What the person wants to learn (used for recommendations).
    pub interests: Vec<String>,
    pub goals: String,
    pub created_at: DateTime<Utc>,
    pub mentor_profile: Option<MentorProfileDto>,
}

impl UserDto {
    pub fn new(user: &UserRecord, profile: Option<&MentorProfileRecord>) -> Self {
        let mut roles = Vec::new();
        if user.is_mentee {
            roles.push(Role::Mentee);
        }
        if user.is_mentor {
            roles.push(Role::Mentor);
        }
        Self {
            id: user.id,
            email: user.email.clone(),
            name: user.name.clone(),
            roles,
            timezone: user.timezone.clone(),
            interests: user.interests.clone(),
            goals: user.goals.clone(),
            created_at: user.created_at,
            mentor_profile: profile.map(MentorProfileDto::from),
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AuthResponse {
    /// Send as `Authorization: Bearer <token>`.
    pub token: String,
    pub user: UserDto,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct RegisterBody {
    #[schema(example = "ada@example.com")]
    pub email: Option<String>,
    #[schema(example = "correct horse battery")]
    pub password: Option<String>,
    #[schema(example = "Ada Lovelace")]
    pub name: Option<String>,
    #[schema(example = json!(["mentee"]))]
    pub roles: Option<Vec<String>>,
    #[schema(example = "Europe/London")]
    pub timezone: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct LoginBody {
    pub email: Option<String>,
    pub password: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct UpdateMeBody {
    pub name: Option<String>,
    pub timezone: Option<String>,
    /// Topics you want to learn, e.g. ["Rust", "System design"].
    pub interests: Option<Vec<String>>,
    /// Your goals in a sentence or two.
    pub goals: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct MentorProfileBody {
    pub headline: String,
    pub bio: String,
    pub company: String,
    pub job_title: String,
    pub expertise: Vec<String>,
    pub specializations: Vec<String>,
    pub years_experience: i64,
    pub languages: Vec<String>,
    #[serde(default = "yes")]
    pub accepting_mentees: bool,
    #[serde(default = "three")]
    pub max_mentees: i64,
}

fn yes() -> bool {
    true
}

fn three() -> i64 {
    3
}

impl From<MentorProfileBody> for mentorhub_domain::MentorProfileInput {
    fn from(b: MentorProfileBody) -> Self {
        Self {
            headline: b.headline,
            bio: b.bio,
            company: b.company,
            job_title: b.job_title,
            expertise: b.expertise,
            specializations: b.specializations,
            years_experience: b.years_experience,
            languages: b.languages,
            accepting_mentees: b.accepting_mentees,
            max_mentees: b.max_mentees,
        }
    }
}
