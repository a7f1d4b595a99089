use std::io::BufRead;

use anyhow::{bail, Context};
use clap::Subcommand;
use mentorhub_domain::{Clock, Email, Password, PersonName, SystemClock, TimeZone};
use mentorhub_store::{NewUser, Store, StoreError};
use uuid::Uuid;

use crate::services::accounts::password;
use crate::services::conflict::Conflict;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account. The password is read from MENTORHUB_USER_PASSWORD
    /// or, when unset, from the first line of standard input.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// Give the account the admin flag.
        #[arg(long)]
        admin: bool,
        /// Make the account a mentor (it is always a mentee too).
        #[arg(long)]
        mentor: bool,
        #[arg(long, default_value = "UTC")]
        timezone: String,
    },
}

pub async fn run(store: &Store, command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Create {
            email,
            name,
            admin,
            mentor,
            timezone,
        } => {
            let email = Email::parse(&email).map_err(anyhow::Error::msg)?;
            let name = PersonName::parse(&name).map_err(anyhow::Error::msg)?;
            let timezone = TimeZone::parse(&timezone).map_err(anyhow::Error::msg)?;
            let secret = match std::env::var("MENTORHUB_USER_PASSWORD") {
                Ok(value) => value,
                Err(_) => {
                    eprintln!("Password (at least {} characters):", Password::MIN_CHARS);
                    let mut line = String::new();
                    std::io::stdin()
                        .lock()
                        .read_line(&mut line)
                        .context("could not read the password")?;
                    line.trim_end_matches(['\r', '\n']).to_owned()
                }
            };
            let password = Password::parse(&secret, &[email.as_str(), name.as_str()]).map_err(anyhow::Error::msg)?;
            let hash = password::Hasher::new(1)
                .hash(password.expose().to_owned())
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let new_user = NewUser {
                id: Uuid::new_v4(),
                email: email.as_str().to_owned(),
                email_normalized: email.normalized(),
                password_hash: hash,
                name: name.as_str().to_owned(),
                is_mentee: true,
                is_mentor: mentor,
                is_admin: admin,
                timezone: timezone.name().to_owned(),
                now: SystemClock.now(),
            };
            match store.create_user(&new_user).await {
                Ok(user) => {
                    let mut roles = vec!["mentee"];
                    if user.is_mentor {
                        roles.push("mentor");
                    }
                    if user.is_admin {
                        roles.push("admin");
                    }
                    println!(
                        "Created {} <{}> ({}), id {}",
                        user.name,
                        user.email,
                        roles.join(", "),
                        user.id
                    );
                    Ok(())
                }
                Err(StoreError::Conflict(kind)) => bail!("{}", Conflict::from(kind).message()),
                Err(other) => Err(other.into()),
            }
        }
    }
}
