//! The one place that speaks SQL. Everything the screens and the command line keep goes
//! through `Store`: one SQLite file in WAL mode, shared by every clerk of the office.

pub mod agency_report;
pub mod audit;
mod backup;
mod bulk;
mod catalog;
mod dashboard;
mod dossiers;
pub mod error;
mod handover;
mod history;
mod queue;
mod refusals;
mod report;
mod report_form;
mod schema;
pub mod stats;

pub use agency_report::AtAgencies;
pub use bulk::BulkWriter;
pub use catalog::{Settings, Staff};
pub use dashboard::{Comparison, Dashboard, DayIntake, Review, ReviewList, ReviewRow, TodayCounts, INTAKE_DAYS};
pub use dossiers::{ImportRow, MoveExtra, NewDossier};
pub use error::Refusal;
pub use handover::{unknown_agency, ImportHandover, ResultBack};
pub use queue::{Direction, QueueFilter, QueueKey, QueueRow, Tab};
pub use report::judged_on;
pub use report_form::{ReportSettings, REPORT_KEYS};

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
}

/// Stored times are local office time (+07:00) as `YYYY-MM-DD HH:MM:SS`, so that text order
/// is time order and `substr(t, 1, 10)` is the day.
pub fn ts(t: NaiveDateTime) -> String {
    // By hand rather than with a chrono format string, which is parsed again on every call:
    // the demo writes a few million of these.
    format!("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", t.year(), t.month(), t.day(), t.hour(), t.minute(), t.second())
}

pub fn parse_ts(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").ok()
}

pub fn day(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
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
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
            .or_else(|_| Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY))
            .with_context(|| format!("{}", path.display()))?;
        let mut store = Store { conn, path: path.to_path_buf() };
        let foreign = |e: anyhow::Error| match e.downcast_ref::<rusqlite::Error>().and_then(|e| e.sqlite_error_code()) {
            Some(rusqlite::ErrorCode::NotADatabase) => Refusal::NotMotcua(path.to_path_buf()).into(),
            _ => Refusal::from_any(e),
        };
        // Identity first: setting WAL mode would write to a file that is not ours.
        store.conn.busy_handler(Some(wait_for_lock))?;
        store.check_identity().map_err(foreign)?;
        store.configure().map_err(foreign)?;
        store.migrate().map_err(Refusal::from_any)?;
        Ok(store)
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
        let conn = Connection::open(path).with_context(|| format!("{}", path.display()))?;
        let mut store = Store { conn, path: path.to_path_buf() };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// A private database for tests.
    pub fn in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store { conn, path: PathBuf::from(":memory:") };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn configure(&self) -> Result<()> {
        self.conn.busy_handler(Some(wait_for_lock))?;
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

    fn migrate(&mut self) -> Result<()> {
        let version: i64 = self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version >= schema::latest() {
            return Ok(());
        }
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
        tx.pragma_update(None, "application_id", schema::APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", schema::latest())?;
        tx.commit()?;
        Ok(())
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction: all of it is saved, or none.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(Refusal::from_sqlite)?;
        // A full disk or a read-only file shows up at the first write inside `f`; the rollback on drop
        // leaves the file as it was.
        let out = f(&tx).map_err(Refusal::from_any)?;
        tx.commit().map_err(Refusal::from_sqlite)?;
        Ok(out)
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
        for m in stats::mismatches(&self.conn)? {
            problems.push(format!("report counters differ from a recount on {m}"));
        }
        if let Some(b) = self.verify_chain()?.first_break {
            problems.push(format!(
                "audit chain broken at event #{} ({} {}): run `motcua audit verify`",
                b.event_id, b.code, b.at
            ));
        }
        Ok(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dossier::Channel;

    fn intake(name: &str) -> NewDossier {
        NewDossier {
            procedure_code: "1.000689".into(),
            applicant_name: name.into(),
            applicant_id: String::new(),
            phone: String::new(),
            address: "x".repeat(2000),
            channel: Channel::InPerson,
            papers: vec![],
            fee_vnd: None,
            paid_online: false,
            note: String::new(),
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
