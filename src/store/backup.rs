//! Copies of the database: an online backup while clerks keep working, and a restore that
//! refuses to pull the file from under anyone.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::{schema, Refusal, Store};

/// `PRAGMA quick_check` says "ok", or the file is damaged.
fn quick_check(conn: &Connection, path: &Path) -> Result<()> {
    let first: String =
        conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).map_err(|_| Refusal::NotMotcua(path.to_path_buf()))?;
    if first != "ok" {
        return Err(Refusal::NotMotcua(path.to_path_buf()).into());
    }
    Ok(())
}

/// Opens `path` read-only and makes sure it is an undamaged motcua database this build can read.
fn open_verified(path: &Path) -> Result<Connection> {
    if !path.is_file() {
        return Err(Refusal::Missing(path.to_path_buf()).into());
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|_| Refusal::NotMotcua(path.to_path_buf()))?;
    let ids = conn.query_row("SELECT * FROM pragma_application_id, pragma_user_version", [], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
    });
    match ids {
        Ok((id, _)) if id != schema::APPLICATION_ID => Err(Refusal::NotMotcua(path.to_path_buf()).into()),
        Ok((_, v)) if v > schema::latest() => Err(Refusal::Newer { found: v, known: schema::latest() }.into()),
        Ok(_) => {
            quick_check(&conn, path)?;
            Ok(conn)
        }
        Err(_) => Err(Refusal::NotMotcua(path.to_path_buf()).into()),
    }
}

fn sqlite_code(e: &anyhow::Error) -> Option<ErrorCode> {
    e.downcast_ref::<rusqlite::Error>().and_then(|e| e.sqlite_error_code())
}

impl Store {
    /// A consistent copy of the database into the new file `dest`, while others keep working
    /// (SQLite online backup), checked and made a single self-contained file.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        let mut out = Connection::open(dest).with_context(|| format!("{}", dest.display()))?;
        {
            let backup = Backup::new(self.conn(), &mut out)?;
            backup.run_to_completion(1024, Duration::from_millis(5), None).map_err(Refusal::from_sqlite)?;
        }
        // The copy carries the source's WAL flag; a backup is better as one file with no -wal beside it.
        out.pragma_update_and_check(None, "journal_mode", "DELETE", |_| Ok(()))?;
        quick_check(&out, dest)?;
        Ok(())
    }

    /// Replaces the database at `target` with the copy at `src`, after checking `src` is a sound
    /// motcua database. Refuses while anyone has `target` open. All or nothing: SQLite copies the
    /// pages in one transaction under an exclusive lock.
    pub fn restore(src: &Path, target: &Path) -> Result<()> {
        let source = open_verified(src)?;
        if !target.exists() {
            let tmp = crate::export::unique_temp(target)?;
            let copied = (|| -> Result<()> {
                let mut out = Connection::open(&tmp).with_context(|| tmp.display().to_string())?;
                Backup::new(&source, &mut out)?.step(-1)?;
                out.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
                drop(out);
                std::fs::rename(&tmp, target).with_context(|| target.display().to_string())?;
                Ok(())
            })();
            if copied.is_err() {
                let _ = std::fs::remove_file(&tmp);
            }
            return copied;
        }
        let mut dest = Connection::open_with_flags(target, OpenFlags::SQLITE_OPEN_READ_WRITE)
            .map_err(|_| Refusal::NotMotcua(target.to_path_buf()))?;
        // No waiting: any other connection means someone is using the file.
        dest.busy_timeout(Duration::ZERO)?;
        dest.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
        // Leaving WAL mode needs every other connection closed, even idle ones; in exclusive locking
        // mode the lock taken for it is then kept until this connection closes.
        let taken = dest
            .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get::<_, String>(0))
            .map_err(anyhow::Error::from)
            .and_then(|_| Ok(dest.execute_batch("BEGIN EXCLUSIVE; COMMIT;")?));
        if let Err(e) = taken {
            return Err(match sqlite_code(&e) {
                Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => Refusal::InUse(target.to_path_buf()),
                _ => Refusal::NotMotcua(target.to_path_buf()),
            }
            .into());
        }
        let ours: i64 = dest.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        if ours != schema::APPLICATION_ID {
            return Err(Refusal::NotMotcua(target.to_path_buf()).into());
        }
        let backup = Backup::new(&source, &mut dest)?;
        loop {
            match backup.step(-1).map_err(Refusal::from_sqlite)? {
                StepResult::Done => break,
                StepResult::More => continue,
                _ => return Err(Refusal::InUse(target.to_path_buf()).into()),
            }
        }
        drop(backup);
        dest.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
        Ok(())
    }
}
