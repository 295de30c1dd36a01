//! Bad days on the server: a read-only file, a missing folder, a damaged or foreign file, a
//! database from a newer motcua, a disk that refuses writes. Each gets one clear line, no panic,
//! and the file is left as it was. (The full disk proper — SQLITE_FULL — is simulated with
//! max_page_count in src/store/mod.rs, where the connection is reachable.)

use crate::common;

use std::path::Path;
use std::process::Command;

use common::*;
use motcua::store::Store;

/// A database with two dossiers, closed (so no -wal beside it).
fn office_with_dossiers(dir: &Path) -> (std::path::PathBuf, Vec<String>) {
    let (db, mut store) = office(dir);
    let p = procedure(&store);
    let codes = ["Lê Văn An", "Trần Thị Bích"]
        .iter()
        .map(|n| store.add_dossier(CLERK, &new_dossier(&p, n), now()).unwrap().code)
        .collect();
    drop(store);
    (db, codes)
}

fn add_args(store_db: &Path) -> Vec<String> {
    let p = procedure(&Store::open(store_db).unwrap());
    ["dossier", "add", "--procedure", &p, "--name", "Phan Văn Mới"].iter().map(|s| s.to_string()).collect()
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| text(&o.stdout).trim() == "0").unwrap_or(false)
}

#[test]
fn a_read_only_file_may_be_read_but_refuses_writes() {
    let dir = tempfile::tempdir().unwrap();
    let (db, codes) = office_with_dossiers(dir.path());
    let add = add_args(&db);
    let before = std::fs::read(&db).unwrap();
    // root writes through any file mode, so as root the binary runs as `nobody`, who may only read.
    let as_reader = |args: &[&str]| {
        let mut c = if is_root() {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
            std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups", env!("CARGO_BIN_EXE_motcua"), "--db"]).arg(&db);
            c.env("MOTCUA_NOW", NOW).env("MOTCUA_USER", CLERK).env("MOTCUA_LANG", "en");
            c
        } else {
            let mut perm = std::fs::metadata(&db).unwrap().permissions();
            perm.set_readonly(true);
            std::fs::set_permissions(&db, perm).unwrap();
            motcua(&db, CLERK)
        };
        c.args(args).output().unwrap()
    };
    let out = as_reader(&["dossier", "show", &codes[0]]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Lê Văn An"));
    let add: Vec<&str> = add.iter().map(String::as_str).collect();
    let line = clear_failure(&as_reader(&add));
    assert_eq!(
        line,
        "motcua: the database is read-only: nothing was saved — check the permissions of the file and its folder"
    );
    assert_eq!(std::fs::read(&db).unwrap(), before, "the file is untouched");
}

#[test]
fn a_missing_folder_or_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let nowhere = dir.path().join("khong-co").join("motcua.db");
    let line = clear_failure(&run(&nowhere, CLERK, &["dossier", "show", "X"]));
    assert_eq!(line, format!("motcua: no such directory {}", dir.path().join("khong-co").display()));
    let missing = dir.path().join("motcua.db");
    let line = clear_failure(&run(&missing, CLERK, &["staff", "list"]));
    assert_eq!(line, format!("motcua: no such file {} — create it with `motcua init`", missing.display()));
    assert!(!missing.exists() && !nowhere.parent().unwrap().exists(), "looking creates nothing");
}

#[test]
fn a_foreign_or_empty_file_is_not_touched() {
    let dir = tempfile::tempdir().unwrap();
    let text_file = dir.path().join("ghi-chu.txt");
    std::fs::write(&text_file, "Danh sách hồ sơ tháng 2\n".repeat(200)).unwrap();
    let empty = dir.path().join("rong.db");
    std::fs::write(&empty, "").unwrap();
    let other_app = dir.path().join("ketoan.db");
    rusqlite::Connection::open(&other_app)
        .unwrap()
        .execute_batch("CREATE TABLE so_cai(id INTEGER, tien INTEGER);")
        .unwrap();
    for file in [&text_file, &empty, &other_app] {
        let before = std::fs::read(file).unwrap();
        for args in
            [&["dossier", "show", "X"][..], &["check"], &["staff", "add", "a", "--name", "An", "--role", "clerk"]]
        {
            let line = clear_failure(&run(file, HEAD, args));
            assert_eq!(line, format!("motcua: {} is not a motcua database (or is damaged)", file.display()));
        }
        assert_eq!(std::fs::read(file).unwrap(), before, "{} untouched", file.display());
        let wal = format!("{}-wal", file.display());
        assert!(!Path::new(&wal).exists());
    }
}

#[test]
fn a_database_from_a_newer_motcua_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (db, codes) = office_with_dossiers(dir.path());
    let conn = rusqlite::Connection::open(&db).unwrap();
    let latest: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let before = std::fs::read(&db).unwrap();
    for args in [&["dossier", "show", &codes[0]][..], &["dossier", "move", &codes[0], "in_progress"], &["check"]] {
        let line = clear_failure(&run(&db, CLERK, args));
        assert_eq!(line, format!("motcua: the database is from a newer motcua (99 > {latest}) — update motcua"));
    }
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn a_damaged_file_gets_words_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let (db, codes) = office_with_dossiers(dir.path());
    let add = add_args(&db);
    let add: Vec<&str> = add.iter().map(String::as_str).collect();
    let mut bytes = std::fs::read(&db).unwrap();
    // Scribble over every page after the first few (the header and schema stay readable).
    for page in bytes.chunks_mut(4096).skip(3) {
        page[100..400].fill(0xA5);
    }
    std::fs::write(&db, &bytes).unwrap();
    for args in [&["dossier", "show", &codes[1]][..], &add, &["check"], &["audit", "verify"]] {
        let out = run(&db, CLERK, args);
        let line = clear_failure(&out);
        let err = text(&out.stderr);
        assert!(!err.contains("malformed") || err.contains("integrity:"), "{args:?}: raw SQLite words: {err}");
        assert!(
            line.contains("damaged") || line.contains("problems") || line.contains("not a motcua database"),
            "{args:?}: {line}"
        );
    }
    // A scribbled header is not a database at all.
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[..100].fill(0x5A);
    std::fs::write(&db, &bytes).unwrap();
    let line = clear_failure(&run(&db, CLERK, &["staff", "list"]));
    assert_eq!(line, format!("motcua: {} is not a motcua database (or is damaged)", db.display()));
}

/// A file size limit (ulimit -f) makes the operating system refuse the write mid-transaction,
/// as a full disk would: the binary says so, and the database keeps exactly what it had.
#[test]
fn a_refused_write_leaves_the_database_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let (db, codes) = office_with_dossiers(dir.path());
    let add = add_args(&db);
    // An open reader keeps the -shm file in place, so the limit bites on the write-ahead log, mid-commit.
    let reader = Store::open(&db).unwrap();
    let kib = "8";
    for _ in 0..3 {
        let out = Command::new("sh")
            .args(["-c", "trap '' XFSZ; ulimit -f \"$1\"; shift; exec \"$@\"", "sh", kib, env!("CARGO_BIN_EXE_motcua")])
            .arg("--db")
            .arg(&db)
            .args(&add)
            .env("MOTCUA_NOW", NOW)
            .env("MOTCUA_USER", CLERK)
            .env("MOTCUA_LANG", "en")
            .output()
            .unwrap();
        let line = clear_failure(&out);
        assert!(line.starts_with("motcua: could not write to the disk (full or failing): nothing was saved"), "{line}");
    }
    drop(reader);
    let store = Store::open(&db).unwrap();
    let kept: Vec<String> = codes.iter().filter(|c| store.dossier(c).unwrap().is_some()).cloned().collect();
    assert_eq!(kept, codes);
    assert_eq!(store.verify_chain().unwrap().events, 2);
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
    // With room again, the next dossier takes the next number: the refused ones took none.
    let p = procedure(&store);
    drop(store);
    let out = run(&db, CLERK, &["dossier", "add", "--procedure", &p, "--name", "Phan Văn Mới"]);
    assert!(text(&out.stdout).trim().ends_with("-0003"), "{}", text(&out.stdout));
}
