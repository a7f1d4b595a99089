//! Demo data: realistic mentors across companies, expertise and
//! specializations, a few mentees, and mentorships, sessions and mini
//! requests in every state, group sessions with a waitlist, programs with a plan, goals and skills, photos for some mentors, and an admin. The mentorships, sessions and
//! mini requests go through the real rules, so their emails wait in the
//! outbox (no SMTP in the demo). Loading twice changes nothing.

mod groups;
mod mentorships;
mod mini;
mod people;
mod photos;
mod programs;
mod sessions;
mod trust;

use mentorhub_store::Store;

use crate::config::Config;
use people::{mentor_email, ADMIN_EMAIL, DEMO_PASSWORD, MENTEES, MENTOR_COUNT};

/// Creates what is missing; existing demo accounts are left as they are.
pub async fn load(store: &Store) -> anyhow::Result<()> {
    let created = people::load_accounts(store).await?;
    let mentees = people::load_learning(store).await?;
    mentorships::load_mentorships(store, &mentees).await?;
    sessions::load_sessions(store, &mentees).await?;
    mini::load_mini_requests(store, &mentees).await?;
    groups::load_groups(store, &mentees).await?;
    programs::load_programs(store, &mentees).await?;
    photos::load_photos(store, chrono::Utc::now()).await?;
    trust::load_trust(store, &mentees).await?;
    tracing::info!(created, "demo data loaded");
    Ok(())
}

pub fn print_accounts(config: &Config) {
    println!();
    println!("Mentorhub demo is ready at {}", config.public_url());
    println!("Sign in with password \"{DEMO_PASSWORD}\" as:");
    println!("  mentee  {}", MENTEES[0].1);
    println!("  mentee  {}", MENTEES[1].1);
    println!("  mentor  {}", mentor_email(0));
    println!("  mentor  {}", mentor_email(1));
    println!("  admin   {ADMIN_EMAIL} (mail held in the outbox: /admin/outbox)");
    println!("({MENTOR_COUNT} mentors and {} mentees in all)", MENTEES.len());
    println!();
}
