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
        // `motcua export … | head` closes the pipe early: not worth a message.
        Err(e) if broken_pipe(&e) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("motcua: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn broken_pipe(e: &anyhow::Error) -> bool {
    let pipe = |io: &std::io::Error| io.kind() == std::io::ErrorKind::BrokenPipe;
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(pipe)
            || c.downcast_ref::<csv::Error>().is_some_and(|e| matches!(e.kind(), csv::ErrorKind::Io(io) if pipe(io)))
    })
}
