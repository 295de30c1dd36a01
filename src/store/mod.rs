//! The one place that speaks SQL. Everything the screens and the command line keep goes
//! through `Store`: one SQLite file in WAL mode, shared by every clerk of the office.

mod bulk;
mod catalog;
mod dossiers;
pub mod error;
mod queue;
mod report;
mod schema;
pub mod stats;

pub use bulk::BulkWriter;
pub use catalog::{Settings, Staff};
pub use dossiers::{ImportRow, MoveExtra, NewDossier};
pub use error::Refusal;
pub use queue::{QueueFilter, QueueKey, QueueRow, Tab};

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

/// How long a write waits for another clerk's write before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

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
            return Err(Refusal::Missing(path.to_path_buf()).into());
        }
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
            .or_else(|_| Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY))
            .with_context(|| format!("{}", path.display()))?;
        let mut store = Store { conn, path: path.to_path_buf() };
        let foreign = |e: anyhow::Error| match e.downcast_ref::<rusqlite::Error>().and_then(|e| e.sqlite_error_code()) {
            Some(rusqlite::ErrorCode::NotADatabase) => Refusal::NotMotcua(path.to_path_buf()).into(),
            _ => e,
        };
        // Look before touching: configure() switches the file to WAL, which writes to it.
        store.conn.busy_timeout(BUSY_TIMEOUT)?;
        store.check_identity().map_err(foreign)?;
        store.configure().map_err(foreign)?;
        store.migrate()?;
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
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        // Fails harmlessly on a read-only file; WAL lets readers and one writer work at once.
        let _ = self.conn.pragma_update(None, "journal_mode", "WAL");
        self.conn.execute_batch(
            "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768; \
             PRAGMA temp_store = MEMORY;",
        )?;
        Ok(())
    }

    fn check_identity(&self) -> Result<()> {
        let probe = self.conn.query_row("PRAGMA application_id", [], |r| r.get::<_, i64>(0));
        let app_id = match probe {
            Ok(id) => id,
            Err(_) => return Err(Refusal::NotMotcua(self.path.clone()).into()),
        };
        // Only `create` makes a database: an empty or foreign file opened here would otherwise
        // be turned into an empty motcua database with no catalogue and no staff.
        if app_id != schema::APPLICATION_ID {
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
        for (n, sql) in schema::MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.execute_batch(sql).with_context(|| format!("migration {}", n + 1))?;
            if n == 0 {
                stats::create_triggers(&tx)?;
            }
        }
        tx.pragma_update(None, "application_id", schema::APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", schema::latest())?;
        tx.commit()?;
        Ok(())
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction: all of it is saved, or none.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(Refusal::from_sqlite)?;
        let out = f(&tx)?;
        tx.commit().map_err(Refusal::from_sqlite)?;
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
        for m in stats::mismatches(&self.conn)? {
            problems.push(format!("report counters differ from a recount on {m}"));
        }
        Ok(problems)
    }

    /// A consistent copy of the database while others keep working (SQLite online backup).
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        let mut out = Connection::open(dest).with_context(|| format!("{}", dest.display()))?;
        let backup = rusqlite::backup::Backup::new(&self.conn, &mut out)?;
        backup.run_to_completion(1024, Duration::from_millis(5), None)?;
        Ok(())
    }
}
