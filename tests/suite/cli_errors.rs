//! Bad input on the command line: one clear line on stderr, a non-zero exit, nothing written.

use crate::foundation;

use std::path::Path;
use std::process::Output;

use foundation::{export_all, motcua, motcua_in, ok, stderr};

const NOW: &str = "2024-03-04T09:00:00+07:00";

/// Fails with exactly one line on stderr, which contains `says`.
fn refused(out: &Output, says: &str) {
    assert!(!out.status.success(), "should have failed; stdout: {}", String::from_utf8_lossy(&out.stdout));
    let err = stderr(out);
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line on stderr, got:\n{err}");
    assert!(lines[0].contains(says), "stderr should say {says:?}: {err}");
}

fn office(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("office.db");
    ok(&db, NOW, &["init"]);
    db
}

fn add(db: &Path) -> String {
    let out = ok(db, NOW, &["dossier", "add", "--procedure", "2.000815", "--name", "Nguyễn Văn Ổn"]);
    out.lines().last().unwrap().to_string()
}

fn show(db: &Path, code: &str) -> String {
    ok(db, NOW, &["dossier", "show", code, "--format", "json"])
}

#[test]
fn a_wrong_date_is_named_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = office(dir.path());
    let out_file = dir.path().join("report.json");
    let out = motcua(
        &db,
        NOW,
        &["report", "--from", "2024-13-01", "--to", "2024-12-31", "--out", out_file.to_str().unwrap()],
    );
    refused(&out, "--from 2024-13-01: is not a date of the form YYYY-MM-DD");
    assert!(!out_file.exists());
    let out = motcua(&db, NOW, &["export", "dossiers", "--from", "2024-01-01", "--to", "31/12/2024"]);
    refused(&out, "--to 31/12/2024");
    assert!(out.stdout.is_empty(), "no half logbook on stdout");
    let out = motcua(&db, NOW, &["report", "--from", "2024-12-01", "--to", "2024-01-31"]);
    refused(&out, "--from 2024-12-01 > --to 2024-01-31");
    // In Vietnamese by default.
    let out = motcua_in("vi", &db, NOW, &["report", "--from", "hôm qua", "--to", "2024-12-31"]);
    refused(&out, "không phải ngày dạng YYYY-MM-DD");
    // A wrong MOTCUA_NOW is a wrong date too.
    let out = motcua(&db, "yesterday", &["report", "--from", "2024-01-01", "--to", "2024-12-31"]);
    refused(&out, "MOTCUA_NOW=yesterday");
}

#[test]
fn an_unknown_status_moves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = office(dir.path());
    let code = add(&db);
    let before = show(&db, &code);
    let out = motcua(&db, NOW, &["dossier", "move", &code, "done"]);
    refused(&out, "done: no such status (received, in_progress");
    let out = motcua(&db, NOW, &["dossier", "move", &code, "withdrawn"]);
    refused(&out, "a reason is required");
    let out = motcua(&db, NOW, &["dossier", "move", &code, "returned", "--note", "x"]);
    refused(&out, "cannot move");
    assert_eq!(show(&db, &code), before, "the dossier did not change");
    let out = motcua(&db, NOW, &["dossier", "move", "000.00.00.H00-240304-9999", "in_progress"]);
    refused(&out, "no dossier 000.00.00.H00-240304-9999");
}

#[test]
fn bad_intake_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = office(dir.path());
    let base = ["dossier", "add", "--name", "Nguyễn Văn Sai"];
    let cases: [(&[&str], &str); 5] = [
        (&["--procedure", "9.999999"], "no procedure 9.999999"),
        (&["--procedure", "2.000815", "--id", "0381900123456"], "a personal ID has 12 digits (this has 13"),
        (&["--procedure", "2.000815", "--channel", "fax"], "--channel fax"),
        (&["--procedure", "2.000815", "--phone", "091234"], "a phone number has 10 digits"),
        // No time limit in the catalogue yet: inactive until the head sets one.
        (&["--procedure", "1.010028"], "has no time limit yet"),
    ];
    for (extra, says) in cases {
        let args: Vec<&str> = base.iter().chain(extra.iter()).copied().collect();
        refused(&motcua(&db, NOW, &args), says);
    }
    assert_eq!(foundation::logbook_rows(&export_all(&db, NOW)).len(), 0);
    // Someone not on the staff list may not take in dossiers.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_motcua"))
        .args(["--db", db.to_str().unwrap(), "dossier", "add", "--procedure", "2.000815", "--name", "Nguyễn Văn Lạ"])
        .env("MOTCUA_NOW", NOW)
        .env("MOTCUA_USER", "stranger")
        .env("MOTCUA_LANG", "en")
        .output()
        .unwrap();
    refused(&out, "«stranger» is not on the staff list");
}

#[test]
fn a_missing_database_is_not_created_by_accident() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("missing.db");
    for args in [
        &["report", "--from", "2024-01-01", "--to", "2024-12-31"][..],
        &["dossier", "add", "--procedure", "2.000815", "--name", "Nguyễn Văn Lạc"],
        &["check"],
    ] {
        refused(&motcua(&db, NOW, args), "no such file");
        assert!(!db.exists(), "{args:?} created the database");
    }
    let import = dir.path().join("none.csv");
    let db = office(dir.path());
    refused(&motcua(&db, NOW, &["import", "dossiers", import.to_str().unwrap()]), "none.csv");
}

#[test]
fn a_file_that_is_not_a_motcua_database_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "không phải cơ sở dữ liệu\n").unwrap();
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let other = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.execute_batch("CREATE TABLE songs(title TEXT); INSERT INTO songs VALUES ('Quê hương');").unwrap();
    drop(conn);
    for file in [&text, &empty, &other] {
        let bytes = std::fs::read(file).unwrap();
        for args in
            [&["report", "--from", "2024-01-01", "--to", "2024-12-31"][..], &["check"], &["demo", "--dossiers", "10"]]
        {
            refused(&motcua(file, NOW, args), "is not a motcua database");
            assert_eq!(std::fs::read(file).unwrap(), bytes, "{} was changed by {args:?}", file.display());
        }
    }
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with("-wal") || n.ends_with("-shm"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // And `init` does not write over an existing file.
    refused(&motcua(&text, NOW, &["init"]), "file exists, not overwritten");
}

/// A script reads the dossier, then acts: with --version it overwrites nobody's change, and the
/// refusal says who changed it, when, and the version it is at now.
#[test]
fn move_with_a_version_refuses_a_dossier_changed_since() {
    let dir = tempfile::tempdir().unwrap();
    let db = office(dir.path());
    let code = add(&db);
    let shown: serde_json::Value =
        serde_json::from_str(&ok(&db, NOW, &["dossier", "show", &code, "--format", "json"])).unwrap();
    assert_eq!(shown["version"], 1);
    // Someone else moves it at 09:30 (the head who ran init is the only account here).
    let out = ok(&db, "2024-03-04T09:30:00+07:00", &["dossier", "move", &code, "in_progress", "--version", "1"]);
    assert!(out.contains("In progress"), "{out}");
    let before = show(&db, &code);
    let out = motcua(
        &db,
        "2024-03-04T10:00:00+07:00",
        &["dossier", "move", &code, "withdrawn", "--note", "rút", "--version", "1"],
    );
    // Nothing is reloaded on the command line: it says what to run instead.
    refused(
        &out,
        &format!("dossier {code} was changed by truong at 09:30:00 04/03/2024, now at version 2 (--version 1) — nothing changed; run `motcua dossier show {code}` and try again"),
    );
    assert!(!stderr(&out).contains("reloaded"), "{}", stderr(&out));
    assert_eq!(show(&db, &code), before, "nothing written");
    let out = ok(
        &db,
        "2024-03-04T10:00:00+07:00",
        &["dossier", "move", &code, "withdrawn", "--note", "rút", "--version", "2"],
    );
    assert!(out.contains("Withdrawn"), "{out}");
}

/// processing_days=4000000000 in an old catalogue (typed before limits were checked): intake
/// is refused and nothing is written — no dossier, no number taken from the day's sequence.
#[test]
fn an_absurd_time_limit_registers_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = office(dir.path());
    let before = export_all(&db, NOW);
    let conn = rusqlite::Connection::open(&db).unwrap();
    // The seals' triggers call a function only motcua has: off, as an old database never had them.
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false).unwrap();
    conn.execute("UPDATE procedures SET days = 4000000000 WHERE code = '2.000815'", []).unwrap();
    drop(conn);
    let out = motcua(&db, NOW, &["dossier", "add", "--procedure", "2.000815", "--name", "Nguyễn Văn Ổn"]);
    refused(&out, "2.000815");
    assert_eq!(export_all(&db, NOW), before);
    let seq: i64 =
        rusqlite::Connection::open(&db).unwrap().query_row("SELECT count(*) FROM day_seq", [], |r| r.get(0)).unwrap();
    assert_eq!(seq, 0, "no sequence number taken");
    // The edit above was made behind motcua's back: check names it, and nothing else.
    let check = motcua(&db, NOW, &["check"]);
    let err = String::from_utf8_lossy(&check.stderr);
    assert!(!check.status.success() && err.contains("seal broken on table procedures"), "{err}");
    assert_eq!(err.matches("seal broken").count(), 1, "{err}");
}
