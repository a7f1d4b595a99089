//! The `mentorhub` command line: serve (default), migrate, demo, user.

mod backup;
mod demo;
mod user;

use std::io::IsTerminal;

use clap::{Parser, Subcommand};
use mentorhub_store::Store;
use tracing_subscriber::EnvFilter;

use crate::app::Application;
use crate::config::{Config, LogFormat};

#[derive(Debug, Parser)]
#[command(name = "mentorhub", version, about = "Mentorhub: find mentors, book sessions, chat.")]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web app and API (the default).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Load demo data (idempotent), print the demo accounts, then serve.
    Demo {
        /// Load the data and exit without serving.
        #[arg(long)]
        no_serve: bool,
    },
    /// Write an online, consistent copy of the SQLite database to FILE
    /// (PostgreSQL: use pg_dump).
    Backup { file: std::path::PathBuf },
    /// Replace the SQLite database with the backup in FILE, checked first,
    /// then migrated. Stop the server before (PostgreSQL: use pg_restore).
    Restore { file: std::path::PathBuf },
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: user::UserCommand,
    },
}

pub fn init_logging(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    // Colour codes only for a person at a terminal, never in files or journals.
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stdout().is_terminal());
    let _ = match format {
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let Cli { config, command } = cli;
    config
        .validate()
        .map_err(|message| anyhow::anyhow!("invalid configuration: {message}"))?;
    crate::services::mail::smtp::Mailer::from_config(&config)
        .map_err(|message| anyhow::anyhow!("invalid configuration: {message}"))?;
    init_logging(config.log_format);
    match command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config).await,
        Command::Migrate => {
            let store = open(&config).await?;
            tracing::info!("migrations applied");
            store.close().await;
            Ok(())
        }
        Command::Demo { no_serve } => {
            let store = open(&config).await?;
            demo::load(&store).await?;
            demo::print_accounts(&config);
            store.close().await;
            if no_serve {
                Ok(())
            } else {
                serve(config).await
            }
        }
        Command::Backup { file } => backup::backup(&config, &file).await,
        Command::Restore { file } => backup::restore(&config, &file).await,
        Command::User { command } => {
            let store = open(&config).await?;
            let result = user::run(&store, command).await;
            store.close().await;
            result
        }
    }
}

async fn open(config: &Config) -> anyhow::Result<Store> {
    let store = Store::connect(&config.database_url).await?;
    store.migrate().await?;
    Ok(store)
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let app = Application::build(config).await?;
    tracing::info!(address = %app.local_addr(), "Mentorhub is listening on http://{}", app.local_addr());
    app.run_until_stopped().await
}
