//! `motcua backup` while clerks work, daily copies with `--keep`, and `motcua restore`, which
//! checks the copy and will not pull the file from under anyone.

use crate::common;

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use common::*;
use motcua::store::Store;

fn backup_on(db: &Path, day: &str, args: &[&str]) -> std::process::Output {
    motcua(db, HEAD).env("MOTCUA_NOW", format!("{day}T23:30:00+07:00")).arg("backup").args(args).output().unwrap()
}

fn count(db: &Path) -> i64 {
    rusqlite::Connection::open(db).unwrap().query_row("SELECT count(*) FROM dossiers", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_backup_taken_while_clerks_write_is_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (db, store) = office(dir.path());
    let p = procedure(&store);
    drop(store);
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (db, p, stop) = (db.clone(), p.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut store = Store::open(&db).unwrap();
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) || n < 20 {
                store.add_dossier(CLERK, &new_dossier(&p, "Đang Văn Ghi"), now()).unwrap();
                n += 1;
            }
            n
        })
    };
    while count(&db) < 10 {
        std::thread::yield_now();
    }
    let copy = dir.path().join("copy.db");
    let out = run(&db, HEAD, &["backup", copy.to_str().unwrap()]);
    stop.store(true, Ordering::Relaxed);
    let written = writer.join().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!dir.path().join("copy.db-wal").exists() && !dir.path().join("copy.part").exists(), "one file");
    // Beside it, the chain's head at the time of the copy: the copy's own last event.
    let anchor =
        motcua::store::audit::Anchor::find(&std::fs::read_to_string(dir.path().join("copy.db.anchor")).unwrap())
            .expect("an anchor beside the backup");
    assert_eq!(
        anchor.events as i64,
        rusqlite::Connection::open(&copy)
            .unwrap()
            .query_row("SELECT count(*) FROM events", [], |r| r.get::<_, i64>(0))
            .unwrap()
    );
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert!(!names.iter().any(|n| n.contains(".tmp") || n.ends_with(".part")), "no temporary file left: {names:?}");
    let saved = Store::open(&copy).unwrap();
    assert_eq!(saved.check().unwrap(), Vec::<String>::new());
    let in_copy = count(&copy);
    assert!(in_copy >= 10 && in_copy <= written, "{in_copy} of {written}");
    // The destination is never overwritten without --keep.
    let line = clear_failure(&run(&db, HEAD, &["backup", copy.to_str().unwrap()]));
    assert!(line.contains("destination exists, not overwritten"), "{line}");
}

#[test]
fn keep_rotates_daily_copies_and_touches_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut store) = office(dir.path());
    let p = procedure(&store);
    let shelf = dir.path().join("backups");
    std::fs::create_dir(&shelf).unwrap();
    for other in ["ghi-chu.txt", "motcua-latest.db", "motcua-2024-13-01.db"] {
        std::fs::write(shelf.join(other), "giữ nguyên").unwrap();
    }
    let dest = shelf.to_str().unwrap();
    for (i, day) in ["2024-02-05", "2024-02-06", "2024-02-07", "2024-02-08", "2024-02-09"].iter().enumerate() {
        let out = backup_on(&db, day, &[dest, "--keep", "3"]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(text(&out.stdout).contains(&format!("motcua-{day}.db")));
        assert_eq!(count(&shelf.join(format!("motcua-{day}.db"))), i as i64);
        store.add_dossier(CLERK, &new_dossier(&p, "Mỗi Ngày Một"), now()).unwrap();
    }
    // A second run on the same day replaces that day's copy.
    let out = backup_on(&db, "2024-02-09", &[dest, "--keep", "3"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(count(&shelf.join("motcua-2024-02-09.db")), 5);
    let mut names: Vec<String> =
        std::fs::read_dir(&shelf).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "ghi-chu.txt",
            "motcua-2024-02-07.db",
            "motcua-2024-02-07.db.anchor",
            "motcua-2024-02-08.db",
            "motcua-2024-02-08.db.anchor",
            "motcua-2024-02-09.db",
            "motcua-2024-02-09.db.anchor",
            "motcua-2024-13-01.db",
            "motcua-latest.db"
        ]
    );
    let line = clear_failure(&backup_on(&db, "2024-02-10", &[dest, "--keep", "0"]));
    assert!(line.contains("keep at least 1 copy"), "{line}");
    let nowhere = dir.path().join("khong-co");
    let line = clear_failure(&backup_on(&db, "2024-02-10", &[nowhere.to_str().unwrap(), "--keep", "3"]));
    assert_eq!(line, format!("motcua: no such directory {}", nowhere.display()));
}

#[test]
fn restore_refuses_while_the_database_is_open_then_replaces_it_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut store) = office(dir.path());
    let p = procedure(&store);
    let kept = store.add_dossier(CLERK, &new_dossier(&p, "Giữ Văn Lại"), now()).unwrap().code;
    let copy = dir.path().join("copy.db");
    assert!(run(&db, HEAD, &["backup", copy.to_str().unwrap()]).status.success());
    let later = store.add_dossier(CLERK, &new_dossier(&p, "Sau Văn Sao"), now()).unwrap().code;
    // A clerk's screen is open (idle, no transaction): restore must refuse, naming the process
    // the OS says holds it (this test's own) and its account.
    let line = clear_failure(&run(&db, HEAD, &["restore", copy.to_str().unwrap()]));
    assert_eq!(
        line,
        format!(
            "motcua: {} is in use by {} (pid {}) — ask everyone to quit motcua and retry; nothing was overwritten",
            db.display(),
            motcua::account::real_login().unwrap(),
            std::process::id()
        )
    );
    assert!(store.dossier(&later).unwrap().is_some());
    drop(store);
    let out = run(&db, HEAD, &["restore", copy.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let store = Store::open(&db).unwrap();
    assert!(store.dossier(&kept).unwrap().is_some());
    assert!(store.dossier(&later).unwrap().is_none(), "the database is now the copy");
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
    let mode: String =
        rusqlite::Connection::open(&db).unwrap().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn restore_checks_the_copy_first() {
    let dir = tempfile::tempdir().unwrap();
    let (db, store) = office(dir.path());
    drop(store);
    let before = std::fs::read(&db).unwrap();
    let foreign = dir.path().join("khac.db");
    rusqlite::Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE t(x);").unwrap();
    let line = clear_failure(&run(&db, HEAD, &["restore", foreign.to_str().unwrap()]));
    assert_eq!(line, format!("motcua: {} is not a motcua database (or is damaged)", foreign.display()));
    let newer = dir.path().join("moi.db");
    std::fs::copy(&db, &newer).unwrap();
    // One schema beyond this build's, whatever number that is (migrations are appended).
    let latest =
        rusqlite::Connection::open(&db).unwrap().query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)).unwrap();
    rusqlite::Connection::open(&newer).unwrap().pragma_update(None, "user_version", latest + 1).unwrap();
    let line = clear_failure(&run(&db, HEAD, &["restore", newer.to_str().unwrap()]));
    assert!(line.contains(&format!("from a newer motcua ({} > {latest})", latest + 1)), "{line}");
    let missing = dir.path().join("khong-co.db");
    let line = clear_failure(&run(&db, HEAD, &["restore", missing.to_str().unwrap()]));
    assert!(line.contains("no such file"), "{line}");
    assert_eq!(std::fs::read(&db).unwrap(), before, "the database is untouched");
}

#[test]
fn restore_into_a_lost_or_damaged_database() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut store) = office(dir.path());
    let p = procedure(&store);
    let code = store.add_dossier(CLERK, &new_dossier(&p, "Cứu Văn Hộ"), now()).unwrap().code;
    drop(store);
    let copy = dir.path().join("copy.db");
    assert!(run(&db, HEAD, &["backup", copy.to_str().unwrap()]).status.success());
    // The disk died: restore to the missing path.
    std::fs::remove_file(&db).unwrap();
    assert!(run(&db, HEAD, &["restore", copy.to_str().unwrap()]).status.success());
    assert!(Store::open(&db).unwrap().dossier(&code).unwrap().is_some());
    // A damaged file is not overwritten blindly: the clerk is told to move it aside.
    std::fs::write(&db, vec![0x5Au8; 8192]).unwrap();
    let line = clear_failure(&run(&db, HEAD, &["restore", copy.to_str().unwrap()]));
    assert!(line.contains("use `motcua restore --force`"), "{line}");
    assert_eq!(std::fs::read(&db).unwrap(), vec![0x5Au8; 8192]);
    // With --force it is replaced, and the damaged file kept beside it.
    let out = run(&db, HEAD, &["restore", "--force", copy.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(Store::open(&db).unwrap().dossier(&code).unwrap().is_some());
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("motcua.db.damaged-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(std::fs::read(&kept[0]).unwrap(), vec![0x5Au8; 8192]);
}
