//! The seals over the tables beside the chain (pauses, refusals at intake, procedures,
//! holidays, settings, staff): every write motcua makes keeps them, and an edit made to the
//! file with sqlite3 behind motcua's back — the triggers switched off, as a careful forger
//! would — is found by `motcua audit verify` against an anchor taken before, naming the table.

use crate::common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use common::*;
use motcua::domain::calendar::DayKind;
use motcua::domain::status::{Role, Status};
use motcua::store::{MoveExtra, Staff};
use rusqlite::Connection;

/// An office where every kind of write has happened once: intake, an assignment, a move to
/// supplement (a pause) and back (its end), an apology, a refusal at intake, a catalogue
/// change, a holiday added, a setting set, a staff member added and given another role.
fn every_kind_of_write(dir: &Path) -> PathBuf {
    let (db, mut store) = office(dir);
    let p = procedure(&store);
    let a = store.add_dossier(CLERK, &new_dossier(&p, "Lê Văn An"), now()).unwrap();
    let b = store.add_dossier(CLERK, &new_dossier(&p, "Trần Thị Bích"), now()).unwrap();
    store.assign(CLERK, &a.code, None, HANDLER, now()).unwrap();
    let note = MoveExtra { note: "bổ sung giấy khai sinh".into(), ..Default::default() };
    for to in [Status::InProgress, Status::Supplement, Status::InProgress] {
        store.move_dossier(HANDLER, &a.code, None, to, &note, now()).unwrap();
    }
    let d = store.dossier(&b.code).unwrap().unwrap();
    let later = (d.due_date + chrono::Duration::days(5)).and_hms_opt(8, 0, 0).unwrap();
    store.apologize(HEAD, &b.code, None, later, "chờ xác minh", now()).unwrap();
    store.refuse_at_intake(CLERK, &new_dossier(&p, "Phạm Văn Cường"), "thiếu giấy tờ", now()).unwrap();
    let mut procs = store.procedures(false).unwrap();
    procs.truncate(1);
    procs[0].name.push_str(" (sửa)");
    store.upsert_procedures(HEAD, &procs).unwrap();
    let day = NaiveDate::from_ymd_opt(2024, 9, 3).unwrap();
    store.upsert_holidays(HEAD, &[(day, DayKind::Off, "Nghỉ bù".into(), "official".into())]).unwrap();
    store
        .add_staff(
            HEAD,
            &Staff { login: "thu".into(), full_name: "Đỗ Thị Thu".into(), role: Role::Clerk, active: true },
        )
        .unwrap();
    store.set_role(HEAD, "thu", Role::Handler).unwrap();
    drop(store);
    // Through the command line too: a report setting and the shipped holiday table.
    for args in [&["setting", "report.place", "Quảng Phú"][..], &["holidays", "update", "--yes"][..]] {
        let out = run(&db, HEAD, args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    }
    db
}

fn sealed_rows(db: &Path, table: &str) -> i64 {
    Connection::open(db).unwrap().query_row("SELECT rows FROM seals WHERE tbl = ?1", [table], |r| r.get(0)).unwrap()
}

fn verify(db: &Path, anchor: &Path) -> std::process::Output {
    run(db, HEAD, &["audit", "verify", "--anchor", anchor.to_str().unwrap()])
}

#[test]
fn every_kind_of_write_keeps_the_seals() {
    let dir = tempfile::tempdir().unwrap();
    let db = every_kind_of_write(dir.path());
    // Counted by hand from the writes above: one pause, one refusal, four staff and "thu".
    assert_eq!(sealed_rows(&db, "pauses"), 1);
    assert_eq!(sealed_rows(&db, "intake_refusals"), 1);
    assert_eq!(sealed_rows(&db, "staff"), 5);
    let out = run(&db, HEAD, &["audit", "verify"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // Events by hand: 2 intakes, 1 assignment, 3 moves, 1 apology.
    assert_eq!(text(&out.stdout).trim(), "ok: 7 events, chain intact");
    let out = run(&db, HEAD, &["check"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

/// The office above, its anchor in a file, then `sql` run as sqlite3 would with its triggers
/// switched off (`.dbconfig enable_trigger off`), which the seals' triggers need anyway.
fn tampered(sql: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = every_kind_of_write(dir.path());
    let out = run(&db, HEAD, &["audit", "anchor"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let anchor = dir.path().join("anchor.txt");
    std::fs::write(&anchor, text(&out.stdout)).unwrap();
    assert!(verify(&db, &anchor).status.success());
    let c = Connection::open(&db).unwrap();
    c.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false).unwrap();
    assert_eq!(c.execute(sql, []).unwrap(), 1, "{sql}");
    drop(c);
    (dir, db, anchor)
}

#[test]
fn an_edited_pause_end_is_found() {
    let (_d, db, anchor) = tampered("UPDATE pauses SET to_at = '2024-03-01 10:00:00'");
    assert_eq!(
        clear_failure(&verify(&db, &anchor)),
        "motcua: seal broken on table pauses (the dossiers' pauses, 1 rows): a row was changed outside motcua"
    );
    let check = text(&run(&db, HEAD, &["check"]).stderr);
    assert!(check.contains("seal broken on table pauses"), "check says it too: {check}");
}

#[test]
fn an_edited_holiday_is_found() {
    let (_d, db, anchor) = tampered("UPDATE holidays SET kind = 'work' WHERE day = '2024-09-03'");
    let line = clear_failure(&verify(&db, &anchor));
    assert!(line.starts_with("motcua: seal broken on table holidays (the holiday calendar, "), "{line}");
    assert!(line.ends_with("a row was changed outside motcua"), "{line}");
}

#[test]
fn an_edited_procedure_limit_is_found() {
    let (_d, db, anchor) = tampered(
        "UPDATE procedures SET days = days + 10 WHERE code = (SELECT min(code) FROM procedures WHERE days > 0)",
    );
    let line = clear_failure(&verify(&db, &anchor));
    assert!(line.starts_with("motcua: seal broken on table procedures (the procedure catalogue, "), "{line}");
}

#[test]
fn an_edited_staff_role_is_found() {
    let (_d, db, anchor) = tampered("UPDATE staff SET role = 'head' WHERE login = 'lan'");
    assert_eq!(
        clear_failure(&verify(&db, &anchor)),
        "motcua: seal broken on table staff (the staff list, 5 rows): a row was changed outside motcua"
    );
}

#[test]
fn an_edited_setting_is_found() {
    let (_d, db, anchor) = tampered("UPDATE settings SET value = 'Nơi khác' WHERE key = 'report.place'");
    let line = clear_failure(&verify(&db, &anchor));
    assert!(line.starts_with("motcua: seal broken on table settings (the office's settings, "), "{line}");
}

#[test]
fn deleted_and_added_rows_are_counted() {
    let (_d, db, anchor) = tampered("DELETE FROM intake_refusals");
    assert_eq!(
        clear_failure(&verify(&db, &anchor)),
        "motcua: seal broken on table intake_refusals (the refusals at intake, 0 rows): 1 rows deleted outside motcua"
    );
    let (_d, db, anchor) = tampered("DELETE FROM pauses");
    assert_eq!(
        clear_failure(&verify(&db, &anchor)),
        "motcua: seal broken on table pauses (the dossiers' pauses, 0 rows): 1 rows deleted outside motcua"
    );
    let (_d, db, anchor) = tampered("INSERT INTO staff(login, full_name, role) VALUES ('ke_gian', 'Kẻ Gian', 'head')");
    assert_eq!(
        clear_failure(&verify(&db, &anchor)),
        "motcua: seal broken on table staff (the staff list, 6 rows): 1 rows added outside motcua"
    );
}

#[test]
fn a_deleted_seal_or_dropped_seal_trigger_is_found() {
    let (_d, db, anchor) = tampered("DELETE FROM seals WHERE tbl = 'holidays'");
    let line = clear_failure(&verify(&db, &anchor));
    assert!(line.starts_with("motcua: seal broken on table holidays"), "{line}");
    assert!(line.ends_with("the table's seal was deleted"), "{line}");
    let dir = tempfile::tempdir().unwrap();
    let db = every_kind_of_write(dir.path());
    Connection::open(&db).unwrap().execute_batch("DROP TRIGGER seal_staff_update").unwrap();
    let line = clear_failure(&run(&db, HEAD, &["audit", "verify"]));
    assert!(line.contains("seal_staff_update"), "{line}");
}

/// sqlite3 as a clerk would use it, triggers on: the write is refused outright, because the
/// seals' triggers call a function only motcua has.
#[test]
fn sqlite3_with_the_triggers_on_cannot_write_a_sealed_table() {
    if std::process::Command::new("sqlite3").arg("-version").output().is_err() {
        eprintln!("skipped: no sqlite3 on this machine");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = every_kind_of_write(dir.path());
    let out = std::process::Command::new("sqlite3")
        .arg(&db)
        .arg("UPDATE staff SET role = 'head' WHERE login = 'lan';")
        .output()
        .unwrap();
    assert!(text(&out.stderr).contains("no such function: motcua_mac"), "{}", text(&out.stderr));
    let role: String = Connection::open(&db)
        .unwrap()
        .query_row("SELECT role FROM staff WHERE login = 'lan'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(role, "clerk");
    assert!(run(&db, HEAD, &["audit", "verify"]).status.success());
}
