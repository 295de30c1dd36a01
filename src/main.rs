use std::process::ExitCode;

use clap::Parser;
use motcua::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    let result = match args.command {
        Some(cmd) => cli::run(args.db, cmd),
        None => Err(anyhow::anyhow!("TUI not built yet")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("motcua: {e:#}");
            ExitCode::FAILURE
        }
    }
}
