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

/// "In use", with the process the OS names when it does.
fn in_use(target: &Path) -> Refusal {
    match super::locks::opened_by(target) {
        Some(h) => Refusal::InUseBy { path: target.to_path_buf(), pid: h.pid, login: h.login },
        None => Refusal::InUse(target.to_path_buf()),
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
        Store::restore_forced(src, target, false).map(|_| ())
    }

    /// As `restore`; with `force`, a damaged target is first moved aside (to
    /// `TARGET.damaged-YYYYMMDD-HHMMSS`, returned) instead of refused.
    pub fn restore_forced(src: &Path, target: &Path, force: bool) -> Result<Option<std::path::PathBuf>> {
        // The copy is opened with the user's rights (the group could open files the user may
        // not); the target is the group's.
        let source = crate::account::as_real_group(|| open_verified(src))?;
        let mut aside = None;
        if force && target.exists() && open_verified(target).is_err() {
            if let Some(h) = super::locks::opened_by(target) {
                return Err(Refusal::InUseBy { path: target.to_path_buf(), pid: h.pid, login: h.login }.into());
            }
            let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
            let mut moved = target.as_os_str().to_owned();
            moved.push(format!(".damaged-{stamp}"));
            let moved = std::path::PathBuf::from(moved);
            std::fs::rename(target, &moved).with_context(|| target.display().to_string())?;
            for side in [super::locks::wal_path(target), super::locks::shm_path(target)] {
                if side.exists() {
                    let mut to = moved.as_os_str().to_owned();
                    to.push(if side == super::locks::wal_path(target) { "-wal" } else { "-shm" });
                    let _ = std::fs::rename(&side, std::path::PathBuf::from(to));
                }
            }
            aside = Some(moved);
        }
        Store::restore_checked(&source, target)?;
        Ok(aside)
    }

    fn restore_checked(source: &Connection, target: &Path) -> Result<()> {
        if !target.exists() {
            let tmp = crate::export::unique_temp(target)?;
            let copied = (|| -> Result<()> {
                let mut out = Connection::open(&tmp).with_context(|| tmp.display().to_string())?;
                Backup::new(source, &mut out)?.step(-1)?;
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
                Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => in_use(target),
                _ => Refusal::NotMotcua(target.to_path_buf()),
            }
            .into());
        }
        let ours: i64 = dest.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        if ours != schema::APPLICATION_ID {
            return Err(Refusal::NotMotcua(target.to_path_buf()).into());
        }
        let backup = Backup::new(source, &mut dest)?;
        loop {
            match backup.step(-1).map_err(Refusal::from_sqlite)? {
                StepResult::Done => break,
                StepResult::More => continue,
                _ => return Err(in_use(target).into()),
            }
        }
        drop(backup);
        dest.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
        Ok(())
    }
}
