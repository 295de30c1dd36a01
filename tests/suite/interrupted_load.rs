//! A long load into a new office (the demo, a big logbook import) drops the name, phone and ID
//! indexes and builds them once at its end. Killed in between, it must not leave the office
//! searching without them: the next open builds them again — unless the load still runs.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::foundation::{db_path, office};
use motcua::store::Store;

/// The phone index as the office's schema writes it (src/store/schema.rs), by hand.
const PHONE_INDEX: &str = "CREATE INDEX dossiers_phone ON dossiers(phone) WHERE phone <> ''";

fn index_sql(db: &Path, name: &str) -> Option<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1", [name], |r| r.get(0)).ok()
}

fn left_aside(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT count(*) FROM deferred_indexes", [], |r| r.get(0)).unwrap()
}

/// Leaves the database as a load killed between dropping the phone index and building it would.
fn drop_as_a_load_would(db: &Path, pid: u32) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch("DROP INDEX dossiers_phone").unwrap();
    conn.execute(
        "INSERT INTO deferred_indexes(name, sql, pid) VALUES ('dossiers_phone', ?1, ?2)",
        rusqlite::params![PHONE_INDEX, pid],
    )
    .unwrap();
}

#[test]
fn the_indexes_of_a_load_killed_midway_come_back_at_the_next_open() {
    let (dir, store) = office();
    let db = db_path(&dir);
    drop(store);
    assert_eq!(index_sql(&db, "dossiers_phone").as_deref(), Some(PHONE_INDEX));
    // A process that has ended: its pid names nobody now.
    let mut gone = Command::new("true").spawn().unwrap();
    gone.wait().unwrap();
    drop_as_a_load_would(&db, gone.id());
    assert_eq!(index_sql(&db, "dossiers_phone"), None);

    let _store = Store::open(&db).unwrap();
    assert_eq!(index_sql(&db, "dossiers_phone").as_deref(), Some(PHONE_INDEX), "built again");
    assert_eq!(left_aside(&db), 0);
}

#[test]
fn a_load_still_running_keeps_its_indexes_to_build_itself() {
    let (dir, store) = office();
    let db = db_path(&dir);
    drop(store);
    // The test runner's parent runs as long as this test does.
    drop_as_a_load_would(&db, std::os::unix::process::parent_id());
    let _store = Store::open(&db).unwrap();
    assert_eq!(index_sql(&db, "dossiers_phone"), None, "left to the load that dropped it");
    assert_eq!(left_aside(&db), 1);
}

#[test]
fn a_demo_killed_during_its_load_leaves_an_office_with_every_index() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let run = |args: &[&str]| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_motcua"));
        c.arg("--db")
            .arg(&db)
            .args(args)
            .env("MOTCUA_NOW", "2026-11-20T10:30:00+07:00")
            .env("MOTCUA_USER", "head")
            .env("MOTCUA_LANG", "vi")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        c
    };
    let mut demo = run(&["demo", "--dossiers", "200000", "--seed", "3"]).spawn().unwrap();
    // Killed (SIGKILL: no handler runs) once it has set the indexes aside and loaded a batch.
    let start = Instant::now();
    let mut seen = false;
    while start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(50));
        let aside = rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .and_then(|c| {
                c.query_row(
                    "SELECT (SELECT count(*) FROM deferred_indexes) > 0 AND (SELECT count(*) FROM dossiers) > 0",
                    [],
                    |r| r.get::<_, bool>(0),
                )
            })
            .unwrap_or(false);
        if aside {
            seen = true;
            break;
        }
    }
    demo.kill().unwrap();
    demo.wait().unwrap();
    assert!(seen, "the demo set the indexes aside and loaded dossiers within a minute");
    assert_eq!(index_sql(&db, "dossiers_phone"), None, "killed before building them");

    // The next command (any, here `check`) finds them built again.
    let out = run(&["check"]).stdout(Stdio::piped()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    for name in ["dossiers_phone", "dossiers_applicant_id"] {
        assert!(index_sql(&db, name).is_some(), "{name}");
    }
    assert_eq!(left_aside(&db), 0);
}
