//! The audit chain over the control sheets: intact after everything motcua writes (intake,
//! moves, assignment, apology, import, the demo's bulk load), and broken — at the right row —
//! by any change or deletion made to the file behind motcua's back.

use crate::common;

use std::path::Path;

use chrono::Duration;
use common::*;
use motcua::domain::status::Status;
use motcua::store::audit::BreakKind;
use motcua::store::{MoveExtra, Store};
use rusqlite::Connection;

/// An office with a few dossiers through their whole life; returns the codes.
fn busy_office(dir: &Path) -> (std::path::PathBuf, Vec<String>) {
    let (db, mut store) = office(dir);
    let p = procedure(&store);
    let note = MoveExtra { note: "bổ sung giấy khai sinh".into(), ..Default::default() };
    let mut codes = vec![];
    for name in ["Lê Văn An", "Trần Thị Bích", "Phạm Văn Cường"] {
        let d = store.add_dossier(CLERK, &new_dossier(&p, name), now()).unwrap();
        store.assign(CLERK, &d.code, None, HANDLER, now()).unwrap();
        for to in [Status::InProgress, Status::Supplement, Status::InProgress] {
            store.move_dossier(HANDLER, &d.code, None, to, &note, now()).unwrap();
        }
        codes.push(d.code);
    }
    let d = store.dossier(&codes[0]).unwrap().unwrap();
    let later = (d.due_date + Duration::days(5)).and_hms_opt(8, 0, 0).unwrap();
    store.apologize(HANDLER, &codes[0], None, later, "chờ xác minh", now()).unwrap();
    store.move_dossier(HANDLER, &codes[0], None, Status::Ready, &MoveExtra::default(), now()).unwrap();
    (db, codes)
}

/// Edits the file as someone with the sqlite3 shell would: first dropping the guard triggers.
fn tamper(db: &Path, sql: &str) {
    let c = Connection::open(db).unwrap();
    c.execute_batch(
        "DROP TRIGGER IF EXISTS events_keep_update; DROP TRIGGER IF EXISTS events_keep_delete;
         DROP TRIGGER IF EXISTS dossiers_keep_delete;",
    )
    .unwrap();
    c.execute_batch(sql).unwrap();
}

fn event_row(db: &Path, id: i64) -> (String, String) {
    Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT d.code, datetime(e.at, 'unixepoch') FROM events e JOIN dossiers d ON d.id = e.dossier_id WHERE e.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

#[test]
fn everything_motcua_writes_keeps_the_chain() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = busy_office(dir.path());
    let report = Store::open(&db).unwrap().verify_chain().unwrap();
    let rows: i64 = Connection::open(&db).unwrap().query_row("SELECT count(*) FROM events", [], |r| r.get(0)).unwrap();
    assert_eq!((report.events as i64, report.first_break), (rows, None));
    assert_eq!(rows, 3 * 5 + 2);
    let out = run(&db, HEAD, &["audit", "verify"]);
    assert_eq!(text(&out.stdout).trim(), format!("ok: {rows} events, chain intact"));
}

#[test]
fn the_demo_and_later_writes_continue_one_chain() {
    let dir = tempfile::tempdir().unwrap();
    let (db, store) = office(dir.path());
    let p = procedure(&store);
    drop(store);
    let out = run(&db, HEAD, &["demo", "--dossiers", "300"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = run(&db, CLERK, &["dossier", "add", "--procedure", &p, "--name", "Sau Văn Mẫu"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report = Store::open(&db).unwrap().verify_chain().unwrap();
    assert_eq!(report.first_break, None);
    assert!(report.events > 300);
}

#[test]
fn a_changed_row_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = busy_office(dir.path());
    tamper(&db, "UPDATE events SET note = 'đã sửa' WHERE id = 7");
    let b = Store::open(&db).unwrap().verify_chain().unwrap().first_break.unwrap();
    let (code, at) = event_row(&db, 7);
    assert_eq!((b.event_id, b.kind, &b.code, &b.at), (7, BreakKind::Changed, &code, &at));
    let line = clear_failure(&run(&db, HEAD, &["audit", "verify"]));
    assert_eq!(
        line,
        format!(
            "motcua: audit chain broken at event #7 — dossier {code}, at {at}: this row was changed outside motcua"
        )
    );
    // `motcua check` says so too.
    let out = run(&db, HEAD, &["check"]);
    assert!(text(&out.stderr).contains("audit chain broken at event #7"), "{}", text(&out.stderr));
}

#[test]
fn a_changed_actor_time_or_status_is_found_too() {
    for sql in [
        "UPDATE events SET actor = 'truong' WHERE id = 4",
        "UPDATE events SET at = '2024-02-07 10:00:00' WHERE id = 4",
        "UPDATE events SET to_status = 'ready' WHERE id = 4",
        // Stored NULL: "as the dossier's previous event left it" (store::dossiers::stored_from).
        "UPDATE events SET from_status = 'ready' WHERE id = 4",
        "UPDATE events SET dossier_id = 2 WHERE id = 4",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (db, _) = busy_office(dir.path());
        tamper(&db, sql);
        let b = Store::open(&db).unwrap().verify_chain().unwrap().first_break.unwrap();
        assert_eq!((b.event_id, b.kind), (4, BreakKind::Changed), "{sql}");
    }
}

#[test]
fn a_deleted_row_is_named_by_the_row_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = busy_office(dir.path());
    tamper(&db, "DELETE FROM events WHERE id = 5");
    let b = Store::open(&db).unwrap().verify_chain().unwrap().first_break.unwrap();
    assert_eq!((b.event_id, b.kind), (6, BreakKind::AfterGap));
    let (code, at) = event_row(&db, 6);
    let line = clear_failure(&run(&db, HEAD, &["audit", "verify"]));
    assert_eq!(
        line,
        format!(
            "motcua: audit chain broken at event #6 — dossier {code}, at {at}: \
             the row just before it was deleted or changed outside motcua"
        )
    );
}

#[test]
fn a_row_added_outside_motcua_or_a_renamed_dossier_breaks_the_chain() {
    let dir = tempfile::tempdir().unwrap();
    let (db, codes) = busy_office(dir.path());
    tamper(&db, "INSERT INTO events(dossier_id, at, actor, from_status, to_status) VALUES (1, '2024-02-09 08:00:00', 'x', 'ready', 'returned')");
    let b = Store::open(&db).unwrap().verify_chain().unwrap().first_break.unwrap();
    assert_eq!((b.event_id, b.kind), (18, BreakKind::Unhashed));

    let dir = tempfile::tempdir().unwrap();
    let (db, _) = busy_office(dir.path());
    tamper(&db, &format!("UPDATE dossiers SET code = 'GIA-MAO' WHERE code = '{}'", codes[1]));
    let b = Store::open(&db).unwrap().verify_chain().unwrap().first_break.unwrap();
    assert_eq!((b.code.as_str(), b.kind), ("GIA-MAO", BreakKind::RowChanged));
}

#[test]
fn sql_cannot_change_or_delete_history_by_accident() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = busy_office(dir.path());
    let c = Connection::open(&db).unwrap();
    for sql in [
        "UPDATE events SET note = 'x' WHERE id = 1",
        "DELETE FROM events WHERE id = 1",
        "DELETE FROM dossiers WHERE id = 1",
    ] {
        let e = c.execute_batch(sql).unwrap_err().to_string();
        assert!(e.contains("never"), "{sql}: {e}");
    }
    drop(c);
    assert_eq!(Store::open(&db).unwrap().verify_chain().unwrap().first_break, None);
}

/// The five tamperings of issue 10, each on a fresh copy of one office, against an anchor the
/// head printed (`motcua audit anchor`) before anything was touched.
mod against_an_anchor {
    use super::*;
    use motcua::store::audit::Anchor;

    fn office_and_anchor(dir: &Path) -> (std::path::PathBuf, Vec<String>, std::path::PathBuf) {
        let (db, codes) = busy_office(dir);
        let out = run(&db, HEAD, &["audit", "anchor"]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let line = text(&out.stdout);
        let a = Anchor::find(&line).expect("an anchor line");
        assert_eq!(a.events, 3 * 5 + 2, "the count is the number of events written above");
        let file = dir.join("anchor.txt");
        std::fs::write(&file, &line).unwrap();
        assert_eq!(
            text(&run(&db, HEAD, &["audit", "verify", "--anchor", file.to_str().unwrap()]).stdout).trim(),
            "ok: 17 events, chain intact"
        );
        (db, codes, file)
    }

    fn verdict(db: &Path, anchor: &Path) -> (String, motcua::store::audit::ChainBreak) {
        let a = Anchor::find(&std::fs::read_to_string(anchor).unwrap()).unwrap();
        let b = Store::open(db).unwrap().verify_against(Some(&a)).unwrap().first_break.expect("the tampering is found");
        let line = clear_failure(&run(db, HEAD, &["audit", "verify", "--anchor", anchor.to_str().unwrap()]));
        let check = text(&run(db, HEAD, &["check"]).stderr);
        assert!(check.contains("audit chain"), "check says it too: {check}");
        (line, b)
    }

    #[test]
    fn an_edited_event() {
        let dir = tempfile::tempdir().unwrap();
        let (db, _, anchor) = office_and_anchor(dir.path());
        tamper(&db, "UPDATE events SET actor = 'truong' WHERE id = 9");
        let (line, b) = verdict(&db, &anchor);
        assert_eq!((b.event_id, b.kind), (9, BreakKind::Changed));
        assert!(line.contains("event #9"), "{line}");
    }

    #[test]
    fn an_edited_dossier_row_without_an_event() {
        for sql in [
            "UPDATE dossiers SET due_date = '2024-03-30' WHERE id = 2",
            "UPDATE dossiers SET applicant_name = 'Trần Thị Bính' WHERE id = 2",
            "UPDATE dossiers SET assignee = 'mai' WHERE id = 2",
            "UPDATE dossiers SET applicant_id = '001090000001' WHERE id = 2",
        ] {
            let dir = tempfile::tempdir().unwrap();
            let (db, codes, anchor) = office_and_anchor(dir.path());
            tamper(&db, sql);
            let (line, b) = verdict(&db, &anchor);
            assert_eq!((b.kind, b.code.as_str()), (BreakKind::RowChanged, codes[1].as_str()), "{sql}");
            assert_eq!(
                line,
                format!(
                    "motcua: audit chain broken at dossier {} (last saved {}): the dossier row was changed outside motcua (no event records the change)",
                    codes[1], b.at
                )
            );
        }
    }

    #[test]
    fn a_deleted_tail() {
        let dir = tempfile::tempdir().unwrap();
        let (db, _, anchor) = office_and_anchor(dir.path());
        // The last two events: the apology and "ready" of the first dossier.
        tamper(&db, "DELETE FROM events WHERE id > 15");
        let (line, b) = verdict(&db, &anchor);
        assert_eq!(b.kind, BreakKind::TailMissing, "{line}");
        assert_eq!(
            line,
            "motcua: the audit chain is shorter than the saved anchor (events 17 > 15): its last events were deleted"
        );
    }

    #[test]
    fn a_rewritten_chain() {
        // From event 10 on, every hash recomputed as an unkeyed SHA-256 chain would be (all a
        // clerk could do without the key): the first rewritten row is named.
        let dir = tempfile::tempdir().unwrap();
        let (db, _, anchor) = office_and_anchor(dir.path());
        let c = Connection::open(&db).unwrap();
        c.execute_batch("DROP TRIGGER events_keep_update").unwrap();
        let mut prev: Vec<u8> = c.query_row("SELECT hash FROM events WHERE id = 9", [], |r| r.get(0)).unwrap();
        for id in 10..=17 {
            use sha2::{Digest, Sha256};
            let note: String = c.query_row("SELECT note FROM events WHERE id = ?1", [id], |r| r.get(0)).unwrap();
            let mut h = Sha256::new();
            h.update(&prev);
            h.update(format!("{note} (sửa)").as_bytes());
            let hash = h.finalize().to_vec();
            c.execute(
                "UPDATE events SET note = note || ' (sửa)', hash = ?2 WHERE id = ?3 AND ?1 IS NOT NULL",
                rusqlite::params![prev, hash, id],
            )
            .unwrap();
            prev = hash;
        }
        c.execute_batch(
            "CREATE TRIGGER events_keep_update BEFORE UPDATE ON events
               BEGIN SELECT RAISE(ABORT, 'motcua: events are never changed'); END;",
        )
        .unwrap();
        drop(c);
        let (_, b) = verdict(&db, &anchor);
        assert_eq!((b.event_id, b.kind), (10, BreakKind::Changed));
    }

    #[test]
    fn missing_guard_triggers() {
        for trigger in ["events_keep_update", "events_keep_delete", "dossiers_keep_delete"] {
            let dir = tempfile::tempdir().unwrap();
            let (db, _, anchor) = office_and_anchor(dir.path());
            Connection::open(&db).unwrap().execute_batch(&format!("DROP TRIGGER {trigger}")).unwrap();
            let (line, b) = verdict(&db, &anchor);
            assert_eq!((b.kind, b.code.as_str()), (BreakKind::GuardMissing, trigger));
            assert!(line.contains(trigger), "{line}");
        }
    }

    #[test]
    fn a_dossier_added_outside_motcua() {
        let dir = tempfile::tempdir().unwrap();
        let (db, codes, anchor) = office_and_anchor(dir.path());
        tamper(
            &db,
            &format!(
                "INSERT INTO dossiers(code, procedure_code, field, applicant_name, name_key, channel, received_at, due_date,
                   appointment_at, status, updated_at, updated_by)
                 SELECT 'GIA-MAO', procedure_code, field, 'Giả', 'gia', channel, received_at, due_date, appointment_at,
                   'received', updated_at, updated_by FROM dossiers WHERE code = '{}'",
                codes[0]
            ),
        );
        let (_, b) = verdict(&db, &anchor);
        assert_eq!((b.kind, b.code.as_str()), (BreakKind::RowUnsealed, "GIA-MAO"));
    }
}
