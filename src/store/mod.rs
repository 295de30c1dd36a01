//! The one place that speaks SQL. Everything the screens and the command line keep goes
//! through `Store`: one SQLite file in WAL mode, shared by every clerk of the office.

pub mod agency_report;
pub mod audit;
mod backup;
pub mod batch;
mod bulk;
mod catalog;
mod dashboard;
mod dossiers;
pub mod error;
mod handover;
mod history;
pub mod locks;
mod name_search;
mod names;
mod paper_names;
mod papers;
mod queue;
mod refusals;
mod report;
mod report_form;
mod schema;
pub mod seals;
mod settings;
pub mod stats;

pub use agency_report::{AtAgencies, FullReport};
pub use bulk::BulkWriter;
pub use catalog::{Settings, Staff};
pub use dashboard::{Comparison, Dashboard, DayIntake, Review, ReviewList, ReviewRow, TodayCounts, INTAKE_DAYS};
pub use dossiers::{ImportRow, MoveExtra, NewDossier};
pub use error::Refusal;
pub use handover::{unknown_agency, ImportHandover, ResultBack};
pub use papers::SupplementRequest;
pub use queue::{Direction, QueueFilter, QueueKey, QueueRow, Tab};
pub use report::judged_on;
pub use report_form::{ReportSettings, REPORT_KEYS};
pub use settings::{check_setting, SettingKey, SETTING_KEYS};

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

/// How long a write waits for another clerk's write before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Waits for another connection's lock, polling every 0.5–2.5 ms until BUSY_TIMEOUT.
/// SQLite's own busy_timeout polls every 100 ms once it has waited a while, so under a stream of
/// short writes a waiting clerk can keep missing the gaps: the stress test (16 writers, 2 cores)
/// saw one wait 10 s and give up. Polling this often catches the next gap.
fn wait_for_lock(attempt: i32) -> bool {
    const MEAN_STEP_US: u128 = 1500;
    if attempt as u128 * MEAN_STEP_US >= BUSY_TIMEOUT.as_micros() {
        return false;
    }
    // Spread the waiters out so they do not all wake at the same instant.
    std::thread::sleep(Duration::from_micros(500 + (attempt as u64).wrapping_mul(7919) % 2000));
    true
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The audit chain's key (see audit.rs); None when the key file is missing (reads work,
    /// writes that append an event are refused).
    key: Option<audit::Key>,
}

/// Stored times are local office time (+07:00) as `YYYY-MM-DD HH:MM:SS`, so that text order
/// is time order and `substr(t, 1, 10)` is the day.
pub fn ts(t: NaiveDateTime) -> String {
    // Digits by hand rather than with a chrono format string (parsed again on every call) or
    // format! (its padding machinery): the demo and an import write millions of these. A year
    // outside 0–9999 (never a plausible date) goes through format!.
    if !(0..=9999).contains(&t.year()) {
        return format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            t.year(),
            t.month(),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        );
    }
    let y = t.year() as u32;
    let mut b = *b"0000-00-00 00:00:00";
    for (at, v) in
        [(0, y / 100), (2, y % 100), (5, t.month()), (8, t.day()), (11, t.hour()), (14, t.minute()), (17, t.second())]
    {
        b[at] = b'0' + (v / 10 % 10) as u8;
        b[at + 1] = b'0' + (v % 10) as u8;
    }
    String::from_utf8_lossy(&b).into_owned()
}

/// An event's time as stored (issue 14: 4 bytes instead of 19 of text): the seconds of the
/// office's naive local time counted as if it were UTC, as SQLite's `unixepoch(text)` gives for
/// the text form; `datetime(at, 'unixepoch')` shows it in SQL.
pub fn event_at(t: NaiveDateTime) -> i64 {
    t.and_utc().timestamp()
}

pub fn from_event_at(secs: i64) -> Option<NaiveDateTime> {
    chrono::DateTime::from_timestamp(secs, 0).map(|d| d.naive_utc())
}

pub fn parse_ts(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").ok()
}

pub fn day(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// What went wrong opening `path`, in the words of the fault: a folder motcua cannot write in
/// (no -wal/-shm can be made), a damaged SQLite file, or a file that is not a database.
fn fault_at_open(path: &Path, e: anyhow::Error) -> anyhow::Error {
    let code = e.downcast_ref::<rusqlite::Error>().and_then(|e| e.sqlite_error_code());
    let refused = e.downcast_ref::<Refusal>().cloned();
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let dir_writable = std::ffi::CString::new(dir.as_os_str().as_encoded_bytes())
        // With the effective ids (AT_EACCESS): the setgid binary writes as the group.
        // SAFETY: a NUL-terminated path; faccessat only reads it.
        .map(|c| unsafe { libc::faccessat(libc::AT_FDCWD, c.as_ptr(), libc::W_OK, libc::AT_EACCESS) } == 0)
        .unwrap_or(true);
    let sqlite_header = std::fs::File::open(path)
        .and_then(|mut f| {
            let mut head = [0u8; 16];
            std::io::Read::read_exact(&mut f, &mut head).map(|_| head)
        })
        .is_ok_and(|h| &h == b"SQLite format 3\0");
    if !dir_writable
        && !locks::wal_path(path).exists()
        && matches!(code, Some(rusqlite::ErrorCode::CannotOpen) | Some(rusqlite::ErrorCode::ReadOnly) | None)
    {
        return Refusal::FolderReadOnly(dir.to_path_buf()).into();
    }
    match (code, refused) {
        (Some(rusqlite::ErrorCode::DatabaseCorrupt), _) if sqlite_header => Refusal::Damaged(path.to_path_buf()).into(),
        (Some(rusqlite::ErrorCode::NotADatabase), _) if sqlite_header => Refusal::Damaged(path.to_path_buf()).into(),
        (Some(rusqlite::ErrorCode::NotADatabase), _) => Refusal::NotMotcua(path.to_path_buf()).into(),
        _ => Refusal::from_any(e),
    }
}

impl Store {
    /// Opens an existing motcua database; refuses a missing, foreign or newer file.
    pub fn open(path: &Path) -> Result<Store> {
        if !path.exists() {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty() && !d.is_dir()) {
                return Err(Refusal::NoDirectory(dir.to_path_buf()).into());
            }
            return Err(Refusal::Missing(path.to_path_buf()).into());
        }
        // The WAL deleted under a database still open elsewhere: opening now would take the
        // -shm as stale and lose what the WAL held, so say what happened instead.
        if locks::shm_path(path).exists() && !locks::wal_path(path).exists() && locks::opened_by(path).is_some() {
            return Err(Refusal::WalMissing(path.to_path_buf()).into());
        }
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
            .or_else(|_| Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY))
            .with_context(|| format!("{}", path.display()))?;
        // A key this process may not read (another user's personal file, opened to look) leaves
        // reads working; a write that appends an event is then refused in words.
        let key = audit::load_key(path).unwrap_or(None);
        let mut store = Store { conn, path: path.to_path_buf(), key };
        let foreign = |e: anyhow::Error| fault_at_open(path, e);
        // Identity first: setting WAL mode would write to a file that is not ours.
        store.conn.busy_handler(Some(wait_for_lock))?;
        store.check_identity().map_err(foreign)?;
        store.configure().map_err(foreign)?;
        if store.key.is_none() && store.needs_migration()? && !audit::key_path(path).exists() {
            // An older database gets its key with the keyed chain, when its owner opens it; the
            // setgid binary must not make one (the clerk running it would own it): setup does.
            if crate::account::privileged() {
                return Err(Refusal::NoKey.into());
            }
            store.key = Some(audit::create_key(path, None)?);
        }
        store.migrate().map_err(Refusal::from_any)?;
        // A rechain cut short goes on now (a read-only look at a file leaves it for its owner;
        // one another process is doing is left to it).
        if !store.conn.is_readonly(rusqlite::MAIN_DB)? && audit::rechain_is_stalled(&store.conn)? {
            store.finish_rechain().map_err(Refusal::from_any)?;
        }
        if !store.conn.is_readonly(rusqlite::MAIN_DB)? {
            store.restore_deferred_indexes().map_err(Refusal::from_any)?;
        }
        Ok(store)
    }

    /// A write that waited too long: named by the process holding the write lock, when the OS
    /// says who it is.
    fn name_the_writer(&self, e: anyhow::Error) -> anyhow::Error {
        match e.downcast_ref::<Refusal>() {
            Some(Refusal::Busy) => match locks::writing(&self.path) {
                Some(h) => Refusal::BusyBy { pid: h.pid, login: h.login }.into(),
                None => e,
            },
            _ => e,
        }
    }

    /// Creates a new database file (refuses to touch an existing one).
    pub fn create(path: &Path) -> Result<Store> {
        if path.exists() {
            return Err(Refusal::Exists(path.to_path_buf()).into());
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if !dir.is_dir() {
                return Err(Refusal::NoDirectory(dir.to_path_buf()).into());
            }
        }
        // A personal database is its owner's alone (SQLite gives the -wal and -shm files the
        // same mode); `motcua setup` opens a shared one to the office's group.
        {
            use std::os::unix::fs::OpenOptionsExt;
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(path)
                .with_context(|| format!("{}", path.display()))?;
        }
        let conn = Connection::open(path).with_context(|| format!("{}", path.display()))?;
        // The key first: a database whose key cannot be made is not made.
        let key = match audit::load_key(path)? {
            Some(k) => k,
            None => audit::create_key(path, None)?,
        };
        let mut store = Store { conn, path: path.to_path_buf(), key: Some(key) };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// A private database for tests.
    pub fn in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store { conn, path: PathBuf::from(":memory:"), key: Some(audit::random_key()) };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// True when the audit key was read (see audit.rs).
    pub fn has_key(&self) -> bool {
        self.key.is_some()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn configure(&self) -> Result<()> {
        self.conn.busy_handler(Some(wait_for_lock))?;
        // The seals' triggers call these (see seals.rs); sqlite3 has neither.
        seals::register(&self.conn)?;
        // Fails harmlessly on a read-only file; WAL lets readers and one writer work at once.
        let _ = self.conn.pragma_update(None, "journal_mode", "WAL");
        // FULL: a commit is on the disk before the code goes on the receipt, so a power cut cannot
        // take back a code the citizen holds (NORMAL could, and hand the number out again). It costs
        // about 2 ms a commit here; a counter makes a few hundred a day.
        self.conn.execute_batch(
            "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA cache_size = -32768; \
             PRAGMA temp_store = MEMORY;",
        )?;
        Ok(())
    }

    /// Bounds SQLite's page cache: the screens read a few pages at a time and run for hours on
    /// small machines, so they keep a small cache (the OS keeps the file's pages anyway).
    pub fn set_cache_kib(&self, kib: u32) -> Result<()> {
        self.conn.pragma_update(None, "cache_size", -(kib as i64))?;
        Ok(())
    }

    fn check_identity(&self) -> Result<()> {
        let probe = self.conn.query_row("PRAGMA application_id", [], |r| r.get::<_, i64>(0));
        let app_id = match probe {
            Ok(id) => id,
            Err(_) => return Err(Refusal::NotMotcua(self.path.clone()).into()),
        };
        let tables: i64 = self.conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        // An empty file is refused too: only `motcua init` makes a database.
        if app_id != schema::APPLICATION_ID || tables == 0 {
            return Err(Refusal::NotMotcua(self.path.clone()).into());
        }
        let version: i64 = self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > schema::latest() {
            return Err(Refusal::Newer { found: version, known: schema::latest() }.into());
        }
        Ok(())
    }

    fn needs_migration(&self) -> Result<bool> {
        let version: i64 = self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        Ok(version < schema::latest())
    }

    fn migrate(&mut self) -> Result<()> {
        if !self.needs_migration()? {
            return Ok(());
        }
        let _key = audit::key_scope(self.key);
        // The seals' migration and triggers need motcua's SQL functions on this connection.
        seals::register(&self.conn)?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the lock.
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        for (n, m) in schema::MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.execute_batch(m.sql).with_context(|| format!("migration {}", n + 1))?;
            (m.then)(&tx).with_context(|| format!("migration {}", n + 1))?;
        }
        // The counter triggers are generated from stats.rs: recreated so they count what this
        // build's daily_stats holds.
        stats::drop_triggers(&tx)?;
        stats::create_triggers(&tx)?;
        // The seals' triggers, over the columns the sealed tables have now.
        seals::after_migrations(&tx)?;
        tx.pragma_update(None, "application_id", schema::APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", schema::latest())?;
        tx.commit()?;
        // A migration that asked for the chain to be recomputed: in short batches, after.
        self.finish_rechain()
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction: all of it is saved, or none.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let _key = audit::key_scope(self.key);
        let done = (|| {
            let tx =
                self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(Refusal::from_sqlite)?;
            // A full disk or a read-only file shows up at the first write inside `f`; the rollback on
            // drop leaves the file as it was.
            let out = f(&tx).map_err(Refusal::from_any)?;
            tx.commit().map_err(Refusal::from_sqlite)?;
            Ok(out)
        })();
        done.map_err(|e| self.name_the_writer(e))
    }

    /// Runs `f` in one read transaction: every SELECT inside sees the same snapshot of the
    /// file, whatever other clerks commit meanwhile (WAL).
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = self.conn.unchecked_transaction().map_err(Refusal::from_sqlite)?;
        let out = f(&tx)?;
        tx.finish().map_err(Refusal::from_sqlite)?;
        Ok(out)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Changes whenever another connection commits: polled by the screens to refresh.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// SQLite's own integrity check plus motcua's invariants; empty when all is well.
    pub fn check(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let row = row?;
            if row != "ok" {
                problems.push(format!("integrity: {row}"));
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let fk = stmt.query_map([], |r| r.get::<_, String>(0))?.count();
        if fk > 0 {
            problems.push(format!("{fk} rows point to missing rows"));
        }
        problems.extend(dossiers::invariant_problems(&self.conn)?);
        problems.extend(handover::invariant_problems(&self.conn)?);
        problems.extend(report::paused_received_problems(&self.conn)?);
        problems.extend(names::form_problems(&self.conn)?);
        for m in stats::mismatches(&self.conn)? {
            problems.push(format!("report counters differ from a recount on {m}"));
        }
        // Without the key (a backup copy checked elsewhere) the chain cannot be checked; the
        // command line says so as a warning.
        if let Some(b) = self.verify_chain()?.first_break.filter(|b| b.kind != audit::BreakKind::NoKey) {
            problems.push(format!("{}: run `motcua audit verify`", audit::describe(&b)));
        }

        Ok(problems)
    }
}

impl Store {
    /// Warnings when the database, its WAL or its key can be read or written by others than
    /// its owner and group (a shared server set up by hand, or a copy left lying around).
    pub fn exposure(&self) -> Vec<String> {
        use std::os::unix::fs::PermissionsExt;
        let mut out = Vec::new();
        let mut files = vec![self.path.clone(), audit::key_path(&self.path)];
        for ext in ["-wal", "-shm"] {
            let mut p = self.path.as_os_str().to_owned();
            p.push(ext);
            files.push(PathBuf::from(p));
        }
        for f in files {
            let Ok(meta) = std::fs::metadata(&f) else { continue };
            if meta.permissions().mode() & 0o006 != 0 {
                out.push(format!(
                    "{} {} ({:o}) — {}",
                    f.display(),
                    crate::i18n::tr("ai cũng đọc hoặc ghi được", "is readable or writable by others"),
                    meta.permissions().mode() & 0o7777,
                    crate::i18n::tr(
                        "chạy `sudo motcua setup …` để sửa quyền",
                        "run `sudo motcua setup …` to repair it"
                    )
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dossier::Channel;

    #[test]
    fn stored_times_are_written_as_chrono_formats_them() {
        let days = [(2024, 2, 8), (2023, 12, 31), (1999, 1, 1), (2100, 10, 9), (5, 6, 7), (9999, 12, 31)];
        for (y, m, d) in days {
            for (h, mi, s) in [(0, 0, 0), (7, 5, 9), (23, 59, 59), (10, 30, 0)] {
                let t = NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, mi, s).unwrap();
                assert_eq!(ts(t), t.format("%Y-%m-%d %H:%M:%S").to_string(), "{t}");
                assert_eq!(parse_ts(&ts(t)), Some(t));
            }
        }
    }

    fn intake(name: &str) -> NewDossier {
        NewDossier {
            procedure_code: "1.000689".into(),
            applicant_name: name.into(),
            applicant_id: String::new(),
            phone: String::new(),
            email: String::new(),
            address: "x".repeat(300),
            channel: Channel::InPerson,
            papers: vec![],
            fee_vnd: None,
            paid_online: false,
            note: "y".repeat(2000),
            sets: 1,
        }
    }

    /// SQLite's page limit stands in for a full disk: the write is refused in words, the
    /// transaction leaves nothing behind, and work resumes once there is room.
    #[test]
    fn a_full_disk_refuses_the_write_and_keeps_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = crate::cli::create_database(&dir.path().join("m.db"), None, None, "truong").unwrap();
        let now = crate::clock::parse_time("2024-02-08T10:00:00+07:00").unwrap();
        let pages: i64 = store.conn.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
        store.conn.pragma_update(None, "max_page_count", pages + 8).unwrap();
        let mut saved = 0;
        let refusal = loop {
            match store.add_dossier("truong", &intake("Lê Văn Đầy"), now) {
                Ok(_) => saved += 1,
                Err(e) => break e.downcast::<Refusal>().expect("a refusal, not a raw SQLite error"),
            }
            assert!(saved < 1000, "the limit never bit");
        };
        assert_eq!(refusal, Refusal::DiskFull);
        assert!(refusal.to_string().contains(crate::i18n::tr("đĩa đầy", "the disk is full")));
        assert!(saved > 0);
        let count: i64 = store.conn.query_row("SELECT count(*) FROM dossiers", [], |r| r.get(0)).unwrap();
        assert_eq!(count, saved);
        assert_eq!(store.check().unwrap(), Vec::<String>::new());
        store.conn.pragma_update(None, "max_page_count", 1_000_000).unwrap();
        let next = store.add_dossier("truong", &intake("Lê Văn Tiếp"), now).unwrap();
        assert!(next.code.ends_with(&format!("-{:04}", saved + 1)), "the refused write took no number: {}", next.code);
    }
}
