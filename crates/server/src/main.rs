use clap::Parser;
use mentorhub_server::cli::{self, Cli};

#[tokio::main]
async fn main() {
    let cli = Cli::parse();
    if let Err(err) = cli::run(cli).await {
        eprintln!("mentorhub: {err:#}");
        std::process::exit(1);
    }
}
