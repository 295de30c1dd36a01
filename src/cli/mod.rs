//! The command line: the same binary that opens the screens also serves scripts and cron.

mod catalog_csv;
mod catalog_links;
mod dossier;
mod handover;
mod holidays;
mod init;
mod logbook;
mod logbook_handover;
mod maintenance;
mod print;
mod report;
mod settings;
mod setup;
mod staff;

pub use catalog_csv::parse_procedures_csv;
pub use init::{create_database, create_office, default_db_path, demo_db_path};
pub use logbook::{
    csv_table, logbook_fields, parse_logbook, read_logbook, write_logbook, LogbookTable, ParsedLogbook, LOGBOOK_HEADER,
};
pub use report::{render_table, report_headers};

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Result};
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
        /// Full name of the head of the agency, signed on the forms (asked when omitted at a terminal)
        #[arg(long)]
        head_name: Option<String>,
    },
    /// The office settings: show them, or `set KEY VALUE` (office head only)
    Settings {
        #[command(subcommand)]
        what: Option<SettingsCmd>,
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
    Backup {
        /// The copy; with --keep, a directory that receives motcua-YYYY-MM-DD.db
        dest: PathBuf,
        /// Keep only the newest N daily copies in DEST
        #[arg(long)]
        keep: Option<usize>,
    },
    /// Replace the database with a backup (refused while anyone has it open)
    Restore {
        src: PathBuf,
        /// Replace a damaged database (it is kept beside, as DB.damaged-TIME)
        #[arg(long)]
        force: bool,
    },
    /// The audit chain of the control sheets
    Audit {
        #[command(subcommand)]
        what: AuditCmd,
    },
    /// Saves the user's intake draft (for the crash tests; the screens do this as you type)
    #[command(hide = true)]
    Draft { body: String },
    /// Integrity check plus motcua's own invariants
    Check,
    /// One dossier, for scripts
    Dossier {
        #[command(subcommand)]
        what: DossierCmd,
    },
    /// Print a form of a dossier: 01 receipt, 02 supplement request, 03 refusal,
    /// 04 apology and new date, 05 control sheet
    Print {
        /// The dossier code, or YC-N for a supplement request given at intake
        code: String,
        #[arg(long, default_value = "01")]
        form: String,
        /// passthrough, lp, lp:PRINTER or file:DIR (default: MOTCUA_PRINTER, else file: in the data directory)
        #[arg(long)]
        to: Option<String>,
        /// Form 02: the reason of a new supplement request (saved; given once per dossier)
        #[arg(long, default_value = "")]
        reason: String,
        /// Form 02: a paper to add or correct; repeat for several (without: reprint the request)
        #[arg(long = "paper")]
        papers: Vec<String>,
    },
    /// The other agencies that handle dossiers received here
    Agency {
        #[command(subcommand)]
        what: AgencyCmd,
    },
    /// The certification book of a period (Sổ chứng thực)
    Book {
        #[command(flatten)]
        period: PeriodArgs,
        /// chung_thuc (copies), chung_thuc_chu_ky (signatures), chung_thuc_hop_dong (contracts)
        #[arg(long, default_value = "chung_thuc")]
        book: String,
    },
    /// The logbook of dossiers received for other offices (sổ theo dõi hồ sơ phi địa giới)
    Elsewhere {
        #[command(flatten)]
        period: PeriodArgs,
    },
    /// Lay out a shared server (as root): group, folder, database, key, setgid binary
    Setup {
        /// The database folder (made root:GROUP 2770)
        #[arg(long)]
        dir: PathBuf,
        /// The group only motcua holds (created if missing); clerks are NOT members
        #[arg(long)]
        group: String,
        /// The office head's login (an account on this machine)
        #[arg(long)]
        head: String,
        /// Where to install motcua (root:GROUP 2755), e.g. /usr/local/bin/motcua
        #[arg(long)]
        bin: PathBuf,
        #[arg(long)]
        agency_code: Option<String>,
        #[arg(long)]
        agency_name: Option<String>,
    },
    /// Read or change a setting of the report form (office head): report.withdrawn
    /// on_time|separate, report.recipient TEXT, report.place TEXT
    Setting { key: String, value: Option<String> },
    /// The holiday table; `update` offers the official rows shipped with this motcua
    Holidays {
        #[command(subcommand)]
        what: HolidaysCmd,
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
        /// The applicant's email (printed on the receipt)
        #[arg(long, default_value = "")]
        email: String,
        #[arg(long, default_value = "")]
        address: String,
        #[arg(long, default_value = "in_person")]
        channel: String,
        #[arg(long, default_value = "")]
        note: String,
        /// Number of sets (bộ) handed in
        #[arg(long, default_value_t = 1)]
        sets: u32,
        /// Received for another competent office of the province ("phi địa giới"), e.g. "UBND xã Quảng Phú"
        #[arg(long = "for", default_value = "")]
        received_for: String,
        /// How the citizen wants the result: counter, post or online (default: as it came in)
        #[arg(long)]
        delivery: Option<String>,
        /// The papers were digitized at intake
        #[arg(long)]
        digitized: bool,
        /// The dossier was synchronised to the national portal
        #[arg(long)]
        synced: bool,
        /// Certified copies (or signatures) to number in the certification book
        #[arg(long, default_value_t = 1)]
        copies: u32,
    },
    /// Send an in-progress dossier (or a bundle's steps) to another handling agency; a dossier
    /// received for another office (--for) goes to that office without --to
    Send {
        code: String,
        #[arg(long, default_value = "")]
        to: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Record that the papers were digitized or the dossier synced to the national portal
    Flags {
        code: String,
        #[arg(long)]
        digitized: Option<bool>,
        #[arg(long)]
        synced: Option<bool>,
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
        /// At `returned`: how the result was handed over (counter, post, online)
        #[arg(long)]
        delivery: Option<String>,
        /// At `ready` for a bundle: the step whose result came
        #[arg(long)]
        step: Option<u32>,
        /// At `ready`: the agency the result came back from
        #[arg(long = "from", default_value = "")]
        from_agency: String,
        /// Refuse unless the dossier is still at this version (`dossier show --format json`
        /// gives it): a script that read, then acts, overwrites nobody's change
        #[arg(long)]
        version: Option<i64>,
    },
    /// The apology letter (Mẫu 04) with a new appointment: once per dossier, after the due date
    Apologize {
        code: String,
        /// The new appointment, YYYY-MM-DD (at the counter's opening time)
        #[arg(long)]
        new_date: String,
        /// Why the result is late (printed on the letter)
        #[arg(long)]
        reason: String,
    },
    /// Refuses to accept a dossier at the counter (Mẫu 03): logged, no dossier registered,
    /// counted nowhere in the report; prints the form
    Refuse {
        #[arg(long)]
        procedure: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        reason: String,
        #[arg(long, default_value = "")]
        id: String,
        #[arg(long, default_value = "")]
        phone: String,
        #[arg(long, default_value = "")]
        address: String,
        #[arg(long, default_value = "in_person")]
        channel: String,
        /// passthrough, lp, lp:PRINTER or file:DIR (default: MOTCUA_PRINTER, else file: in the data directory)
        #[arg(long)]
        to: Option<String>,
    },
    /// The refusals at intake of a period (default: today)
    Refusals {
        /// First day, YYYY-MM-DD
        #[arg(long)]
        from: Option<String>,
        /// Last day, YYYY-MM-DD (included)
        #[arg(long)]
        to: Option<String>,
    },
    /// Prints Mẫu 03 of a logged refusal again (its number from `dossier refusals`)
    RefusalPrint {
        id: i64,
        #[arg(long)]
        to: Option<String>,
    },
    /// Dossiers whose name, code, phone or ID number starts with TEXT (diacritics optional)
    Find {
        text: String,
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
}

#[derive(Subcommand, Debug)]
pub enum SettingsCmd {
    /// Set one key (see `motcua settings` for the keys)
    Set { key: String, value: String },
}

#[derive(Subcommand, Debug)]
pub enum HolidaysCmd {
    /// The table as this office uses it
    List {
        #[arg(long)]
        year: Option<i32>,
    },
    /// Shows what the official table shipped with motcua would change; applies it with --yes
    /// (or a yes at the prompt)
    Update {
        #[arg(long)]
        yes: bool,
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
    SetRole {
        login: String,
        role: String,
    },
    Disable {
        login: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum AgencyCmd {
    List,
    /// Pending dossiers waiting at other agencies, and how many of them are overdue
    Waiting,
    /// Add an agency or rename one (office head only)
    Add {
        code: String,
        #[arg(long)]
        name: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum AuditCmd {
    /// Check that no event or dossier was changed, added or deleted outside motcua
    Verify {
        /// A file holding an anchor printed earlier (`motcua audit anchor`, a report, a backup)
        #[arg(long)]
        anchor: Option<PathBuf>,
    },
    /// Print the chain's head (count and hash), to keep outside the server
    Anchor,
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

/// The acting login (see account.rs): never USER or LOGNAME.
pub fn current_user() -> String {
    crate::account::current_user()
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
        Some(path) => crate::export::write_file_atomically(path, body),
    }
}

/// `--out FILE`, which a workbook needs (it is not text for a terminal).
pub fn xlsx_out(out: Option<&Path>) -> Result<&Path> {
    out.ok_or_else(|| {
        anyhow!(
            "--format xlsx: {}",
            tr(
                "cần --out TỆP.xlsx (bảng tính không in ra màn hình)",
                "needs --out FILE.xlsx (a workbook is not printed)"
            )
        )
    })
}

/// Runs a command-line command (everything but the screens).
pub fn run(db: Option<PathBuf>, cmd: Command) -> Result<()> {
    let ctx = Context::from_env(db)?;
    // A SQLite failure that got this far still deserves words a clerk understands.
    dispatch(&ctx, cmd).map_err(crate::store::Refusal::from_any)
}

fn dispatch(ctx: &Context, cmd: Command) -> Result<()> {
    match cmd {
        Command::Init { agency_code, agency_name, head_name } => init::run(ctx, agency_code, agency_name, head_name),
        Command::Settings { what } => settings::run(ctx, what),
        Command::Demo { dossiers, seed } => init::demo(ctx, dossiers, seed),
        Command::Import { what: ImportWhat::Dossiers { file, skip_bad } } => logbook::import(ctx, &file, skip_bad),
        Command::Import { what: ImportWhat::Procedures { file } } => catalog_csv::import(ctx, &file),
        Command::Export { what: ExportWhat::Dossiers { period, format, out } } => {
            logbook::export(ctx, &period, &format, out.as_deref())
        }
        Command::Report { period, format, out } => report::run(ctx, &period, &format, out.as_deref()),
        Command::Backup { dest, keep } => maintenance::backup(ctx, &dest, keep),
        Command::Restore { src, force } => maintenance::restore(ctx, &src, force),
        Command::Audit { what: AuditCmd::Verify { anchor } } => maintenance::audit_verify(ctx, anchor.as_deref()),
        Command::Audit { what: AuditCmd::Anchor } => maintenance::audit_anchor(ctx),
        Command::Draft { body } => {
            ctx.open()?.put_draft(&ctx.user, &body, ctx.now)?;
            println!("{}", tr("đã lưu nháp", "draft saved"));
            Ok(())
        }
        Command::Check => maintenance::check(ctx),
        Command::Dossier { what } => dossier::run(ctx, what),
        Command::Staff { what } => staff::run(ctx, what),
        Command::Agency { what } => handover::agency(ctx, what),
        Command::Book { period, book } => handover::book(ctx, &period, &book),
        Command::Elsewhere { period } => handover::elsewhere(ctx, &period),
        Command::Setup { dir, group, head, bin, agency_code, agency_name } => {
            setup::run(setup::SetupArgs { dir, group, head, bin, agency_code, agency_name })
        }
        Command::Setting { key, value } => report::setting(ctx, &key, value.as_deref()),
        Command::Holidays { what } => holidays::run(ctx, what),
        Command::Print { code, form, to, reason, papers } => {
            print::run(ctx, print::PrintArgs { code, form, to, reason, papers })
        }
    }
}
