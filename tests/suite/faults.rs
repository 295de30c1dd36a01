//! Faults named for what they are: a folder motcua cannot write in, a WAL deleted under an open
//! database, a damaged file — each with its own message saying what to do.

use crate::common::*;

use std::process::Command;

fn is_root() -> bool {
    motcua::account::is_root()
}

#[test]
fn a_folder_motcua_cannot_write_in_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("srv");
    std::fs::create_dir(&sub).unwrap();
    let (db, store) = office(&sub);
    drop(store);
    assert!(!sub.join("motcua.db-wal").exists(), "closed cleanly: no WAL left");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o555)).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    // root writes anywhere: as root, run the binary as `nobody`.
    let out = if is_root() {
        Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", env!("CARGO_BIN_EXE_motcua"), "--db"])
            .arg(&db)
            .args(["staff", "list"])
            .env("MOTCUA_LANG", "en")
            .output()
            .unwrap()
    } else {
        run(&db, HEAD, &["staff", "list"])
    };
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o755)).unwrap();
    let line = clear_failure(&out);
    assert!(line.starts_with(&format!("motcua: cannot write in the folder {}", sub.display())), "{line}");
    assert!(line.contains("-wal and -shm"), "{line}");
}

#[test]
fn a_wal_deleted_under_an_open_database_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut store) = office(dir.path());
    let p = procedure(&store);
    store.add_dossier(CLERK, &new_dossier(&p, "Mất Văn Nhật"), now()).unwrap();
    let wal = std::path::PathBuf::from(format!("{}-wal", db.display()));
    assert!(wal.exists());
    std::fs::remove_file(&wal).unwrap();
    let line = clear_failure(&run(&db, CLERK, &["dossier", "find", "Mat"]));
    assert_eq!(
        line,
        format!(
            "motcua: the write-ahead log (WAL) of {} was deleted while the database was open: \
             ask everyone to quit motcua so nothing more is lost, then run `motcua check`",
            db.display()
        )
    );
    drop(store);
}

#[test]
fn a_damaged_sqlite_file_says_how_to_restore() {
    let dir = tempfile::tempdir().unwrap();
    let (db, store) = office(dir.path());
    drop(store);
    let mut bytes = std::fs::read(&db).unwrap();
    // The header stays, the schema page is scribbled over.
    bytes[100..4096].fill(0xA5);
    std::fs::write(&db, &bytes).unwrap();
    let line = clear_failure(&run(&db, CLERK, &["staff", "list"]));
    assert_eq!(
        line,
        format!(
            "motcua: {} is damaged — restore the latest backup: `motcua restore --force COPY` (the damaged file is kept beside it)",
            db.display()
        )
    );
}

#[test]
fn check_warns_when_others_can_read_the_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let (db, store) = office(dir.path());
    drop(store);
    assert_eq!(std::fs::metadata(&db).unwrap().permissions().mode() & 0o777, 0o600, "a personal database is private");
    let out = run(&db, HEAD, &["check"]);
    assert!(out.status.success() && !text(&out.stderr).contains("warning"), "{}", text(&out.stderr));
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = run(&db, HEAD, &["check"]);
    assert!(out.status.success(), "a warning, not a failure");
    let err = text(&out.stderr);
    let first = err.lines().next().unwrap_or_default();
    assert_eq!(
        first,
        format!(
            "warning: {} is readable or writable by others (644) — run `sudo motcua setup …` to repair it",
            db.display()
        )
    );
    // SQLite gave the WAL the database's mode: it is named too.
    assert!(err.contains(&format!("{}-wal is readable or writable by others", db.display())), "{err}");
}
