use std::process::ExitCode;

use anyhow::Result;
use clap::Parser;
use motcua::cli::{self, Cli};
use motcua::tui::theme::Theme;

/// Opens the screens: on the demo database (made once), `--db`, or the default database
/// (created on first run with the catalogue and holidays, the current login as office head).
fn open_screens(args: &Cli) -> Result<()> {
    let user = cli::current_user();
    let db = if args.demo {
        let path = cli::demo_db_path()?;
        if !path.exists() {
            eprintln!(
                "{}",
                motcua::i18n::tr(
                    "Đang tạo dữ liệu mẫu (khoảng 20.000 hồ sơ)…",
                    "Creating demo data (about 20,000 dossiers)…"
                )
            );
            cli::run(Some(path.clone()), cli::Command::Demo { dossiers: 20_000, seed: 1 }).inspect_err(|_| {
                let _ = std::fs::remove_file(&path);
            })?;
        }
        path
    } else {
        match &args.db {
            Some(p) => p.clone(),
            None => {
                let path = cli::default_db_path()?;
                if !path.exists() {
                    cli::create_database(&path, None, None, &user)?;
                }
                path
            }
        }
    };
    motcua::tui::run(&db, &user, Theme::detect(args.mono, args.ascii))
}

fn main() -> ExitCode {
    motcua::account::harden();
    let args = Cli::parse();
    let result = match args.command {
        Some(cmd) => cli::run(args.db, cmd),
        None => open_screens(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // `motcua export … | head` closes the pipe early: not worth a message.
        Err(e) if broken_pipe(&e) => ExitCode::FAILURE,
        Err(e) => {
            // A message may quote a name or a file's line: no control character reaches the terminal.
            eprintln!("motcua: {}", motcua::domain::text::escape(&format!("{e:#}"), true));
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
