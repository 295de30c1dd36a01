//! Who holds the database: the operating system tells through the POSIX locks SQLite takes
//! (F_GETLK names the process holding a conflicting lock), and /proc tells whose it is.

use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};

/// In WAL mode SQLite locks bytes of the -shm file: the write lock at 120, and every open
/// connection holds a shared lock on the "DMS" byte at 128 (src/os_unix.c, UNIX_SHM_BASE).
const SHM_WRITE_LOCK: i64 = 120;
const SHM_DMS: i64 = 128;

/// The process and its login.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub pid: i32,
    pub login: String,
}

pub fn shm_path(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push("-shm");
    PathBuf::from(p)
}

pub fn wal_path(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push("-wal");
    PathBuf::from(p)
}

/// The first other process with a lock on `len` bytes of `file` from `start` that a write
/// lock would conflict with.
fn lock_holder(file: &Path, start: i64, len: i64) -> Option<i32> {
    let f = std::fs::File::open(file).ok()?;
    // SAFETY: flock is plain data; F_GETLK only writes into it.
    let mut fl: libc::flock = unsafe { std::mem::zeroed() };
    fl.l_type = libc::F_WRLCK as _;
    fl.l_whence = libc::SEEK_SET as _;
    fl.l_start = start as _;
    fl.l_len = len as _;
    let rc = unsafe { libc::fcntl(f.as_raw_fd(), libc::F_GETLK, &mut fl) };
    (rc == 0 && fl.l_type as i32 != libc::F_UNLCK).then_some(fl.l_pid)
}

/// The login of the real uid of `pid`, from /proc (None when /proc hides it).
fn login_of_pid(pid: i32) -> Option<String> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let uid: u32 = status.lines().find_map(|l| l.strip_prefix("Uid:"))?.split_whitespace().next()?.parse().ok()?;
    crate::account::login_of(uid)
}

fn holder(pid: i32) -> Holder {
    Holder { pid, login: login_of_pid(pid).unwrap_or_else(|| "?".into()) }
}

/// Another process with the database open, if the OS says so.
pub fn opened_by(db: &Path) -> Option<Holder> {
    lock_holder(&shm_path(db), SHM_DMS, 1).or_else(|| lock_holder(db, 0, 0)).map(holder)
}

/// Another process holding the write lock, if the OS says so.
pub fn writing(db: &Path) -> Option<Holder> {
    lock_holder(&shm_path(db), SHM_WRITE_LOCK, 1).map(holder)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A child process (sqlite3 would do; here `flock`-free: a second connection from a child
    /// motcua is what the suite tests) — in one process the OS reports no conflict with itself.
    #[test]
    fn a_file_nobody_else_has_open_has_no_holder() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("m.db");
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE t(x); INSERT INTO t VALUES (1);").unwrap();
        assert!(shm_path(&db).exists());
        assert_eq!(opened_by(&db), None, "our own locks are not another's");
        assert_eq!(writing(&db), None);
    }
}
