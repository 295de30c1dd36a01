//! The command line: the same binary that opens the screens also serves scripts and cron.

mod catalog_csv;
mod dossier;
mod init;
mod logbook;
mod maintenance;
mod report;
mod staff;

pub use catalog_csv::parse_procedures_csv;
pub use init::{create_database, default_db_path, demo_db_path};
pub use logbook::{parse_logbook, write_logbook, LOGBOOK_HEADER};
pub use report::render_table;

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context as _, Result};
use chrono::{NaiveDate, NaiveDateTime};
use clap::{Args, Parser, Subcommand};

use crate::i18n::tr;
use crate::store::Store;

#[derive(Parser, Debug)]
#[command(name = "motcua", version, about = "Bộ phận Một cửa — sổ theo dõi hồ sơ thủ tục hành chính")]
pub struct Cli {
    /// Database file (default: the user's data directory); MOTCUA_DB does the same
    #[arg(long, global = true, env = "MOTCUA_DB")]
    pub db: Option<PathBuf>,
    /// Open a ready demo database (created once, about 20,000 dossiers)
    #[arg(long)]
    pub demo: bool,
    /// Monochrome screen (also when NO_COLOR is set)
    #[arg(long)]
    pub mono: bool,
    /// Draw borders with +-| (automatic when the locale is not UTF-8)
    #[arg(long)]
    pub ascii: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create a database with the procedure catalogue and the holiday table
    Init {
        #[arg(long)]
        agency_code: Option<String>,
        #[arg(long)]
        agency_name: Option<String>,
    },
    /// Fill a database with realistic demo dossiers
    Demo {
        #[arg(long, default_value_t = 20_000)]
        dossiers: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Import the dossier logbook or the procedure catalogue from CSV
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Export the dossier logbook
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// The period report on the handling of dossiers
    Report {
        #[command(flatten)]
        period: PeriodArgs,
        #[arg(long, default_value = "table")]
        format: String,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Copy the database while others keep working
    Backup { dest: PathBuf },
    /// Integrity check plus motcua's own invariants
    Check,
    /// One dossier, for scripts
    Dossier {
        #[command(subcommand)]
        what: DossierCmd,
    },
    /// Who may do what (office head only)
    Staff {
        #[command(subcommand)]
        what: StaffCmd,
    },
}

#[derive(Args, Debug, Clone)]
pub struct PeriodArgs {
    /// First day, YYYY-MM-DD
    #[arg(long)]
    pub from: String,
    /// Last day, YYYY-MM-DD (included)
    #[arg(long)]
    pub to: String,
}

#[derive(Subcommand, Debug)]
pub enum ImportWhat {
    Dossiers {
        file: PathBuf,
        /// Import the good lines and list the bad ones (default: all or nothing)
        #[arg(long)]
        skip_bad: bool,
    },
    Procedures {
        file: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum ExportWhat {
    Dossiers {
        #[command(flatten)]
        period: PeriodArgs,
        #[arg(long, default_value = "csv")]
        format: String,
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
pub enum DossierCmd {
    Add {
        #[arg(long)]
        procedure: String,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        id: String,
        #[arg(long, default_value = "")]
        phone: String,
        #[arg(long, default_value = "")]
        address: String,
        #[arg(long, default_value = "in_person")]
        channel: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    Show {
        code: String,
        #[arg(long, default_value = "text")]
        format: String,
    },
    Move {
        code: String,
        status: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Dossiers whose name, code, phone or ID number starts with TEXT (diacritics optional)
    Find {
        text: String,
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
}

#[derive(Subcommand, Debug)]
pub enum StaffCmd {
    Add {
        login: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        role: String,
    },
    List,
}

/// Who is acting, on which database, at what time.
pub struct Context {
    pub db: PathBuf,
    pub user: String,
    pub now: NaiveDateTime,
}

impl Context {
    pub fn from_env(db: Option<PathBuf>) -> Result<Context> {
        Ok(Context { db: db.map(Ok).unwrap_or_else(default_db_path)?, user: current_user(), now: crate::clock::now()? })
    }

    pub fn open(&self) -> Result<Store> {
        Store::open(&self.db)
    }
}

/// `MOTCUA_USER`, else the OS login.
pub fn current_user() -> String {
    ["MOTCUA_USER", "USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .unwrap_or_else(|| "unknown".to_string())
}

pub fn parse_day(s: &str, what: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        anyhow!("{what} {s}: {}", tr("không phải ngày dạng YYYY-MM-DD", "is not a date of the form YYYY-MM-DD"))
    })
}

/// Writes to `--out FILE` (whole or not at all: a temporary file renamed at the end) or to stdout.
pub fn write_output(out: Option<&Path>, body: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    match out {
        None => {
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::new(stdout.lock());
            body(&mut w)?;
            w.flush()?;
            Ok(())
        }
        Some(path) => {
            let tmp = path.with_extension("part");
            let result = (|| -> Result<()> {
                let file = std::fs::File::create(&tmp).with_context(|| tmp.display().to_string())?;
                let mut w = std::io::BufWriter::new(file);
                body(&mut w)?;
                w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
                std::fs::rename(&tmp, path).with_context(|| path.display().to_string())?;
                Ok(())
            })();
            if result.is_err() {
                let _ = std::fs::remove_file(&tmp);
            }
            result
        }
    }
}

/// Runs a command-line command (everything but the screens).
pub fn run(db: Option<PathBuf>, cmd: Command) -> Result<()> {
    let ctx = Context::from_env(db)?;
    match cmd {
        Command::Init { agency_code, agency_name } => init::run(&ctx, agency_code, agency_name),
        Command::Demo { dossiers, seed } => init::demo(&ctx, dossiers, seed),
        Command::Import { what: ImportWhat::Dossiers { file, skip_bad } } => logbook::import(&ctx, &file, skip_bad),
        Command::Import { what: ImportWhat::Procedures { file } } => catalog_csv::import(&ctx, &file),
        Command::Export { what: ExportWhat::Dossiers { period, format, out } } => {
            logbook::export(&ctx, &period, &format, out.as_deref())
        }
        Command::Report { period, format, out } => report::run(&ctx, &period, &format, out.as_deref()),
        Command::Backup { dest } => maintenance::backup(&ctx, &dest),
        Command::Check => maintenance::check(&ctx),
        Command::Dossier { what } => dossier::run(&ctx, what),
        Command::Staff { what } => staff::run(&ctx, what),
    }
}
