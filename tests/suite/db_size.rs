//! The database keeps no copy of what it can recompute (issue 14, bytes per dossier): no
//! previous MAC on any event, an event's own MAC only at a checkpoint (a write's last event),
//! times as integers, `from_status` only where it is not the status the previous event left, no
//! index that no query uses — and every tampering is still found, named as a range where a
//! dossier's history was written at once.

use crate::common;

use std::path::Path;

use common::*;
use motcua::domain::status::Status;
use motcua::store::audit::BreakKind;
use motcua::store::{MoveExtra, Store};
use rusqlite::Connection;

fn one<T: rusqlite::types::FromSql>(db: &Path, sql: &str) -> T {
    Connection::open(db).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// A fresh office filled by the demo's bulk loader: 300 dossiers, 4 events each on average.
fn demo_office(dir: &Path) -> std::path::PathBuf {
    let (db, store) = office(dir);
    drop(store);
    let out = run(&db, HEAD, &["demo", "--dossiers", "300"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    db
}

#[test]
fn the_schema_has_none_of_what_was_removed() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_office(dir.path());
    let columns: Vec<(String, String)> = Connection::open(&db)
        .unwrap()
        .prepare("SELECT name, type FROM pragma_table_info('events')")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(!columns.iter().any(|(n, _)| n == "prev_hash"), "{columns:?}");
    assert!(columns.contains(&("at".to_string(), "INTEGER".to_string())), "{columns:?}");
    let gone: i64 =
        one(&db, "SELECT count(*) FROM sqlite_schema WHERE name IN ('dossiers_name_key', 'dossier_names_docsize')");
    assert_eq!(gone, 0);
    // Every time is stored as an integer, and reads back as the text the app writes.
    let texts: i64 = one(&db, "SELECT count(*) FROM events WHERE typeof(at) <> 'integer'");
    assert_eq!(texts, 0);
    // The bulk loader seals each dossier's last event: the only events that keep a MAC.
    let dossiers: i64 = one(&db, "SELECT count(*) FROM dossiers");
    assert_eq!(dossiers, 300);
    let (hashed, sealed): (i64, i64) = Connection::open(&db)
        .unwrap()
        .query_row("SELECT count(hash), count(row_hash) FROM events", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!((hashed, sealed), (300, 300));
    let events: i64 = one(&db, "SELECT count(*) FROM events");
    assert!(events > 2 * 300, "{events} events: the demo's histories are longer than one event");
    // The head is a checkpoint: the next write chains to it in one lookup, and verifies.
    let p = procedure(&Store::open(&db).unwrap());
    let out = run(&db, CLERK, &["dossier", "add", "--procedure", &p, "--name", "Sau Văn Mẫu"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&run(&db, HEAD, &["audit", "verify"]).stdout).trim(),
        format!("ok: {} events, chain intact", events + 1)
    );
}

/// The first and last event of the dossier whose history is longest.
fn longest_history(db: &Path) -> (i64, i64, String) {
    Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT min(e.id), max(e.id), d.code FROM events e JOIN dossiers d ON d.id = e.dossier_id
             GROUP BY e.dossier_id ORDER BY count(*) DESC, e.dossier_id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
}

fn tamper(db: &Path, sql: &str) {
    let c = Connection::open(db).unwrap();
    c.execute_batch("DROP TRIGGER IF EXISTS events_keep_update; DROP TRIGGER IF EXISTS events_keep_delete;").unwrap();
    c.execute_batch(sql).unwrap();
}

#[test]
fn an_edit_inside_a_history_written_at_once_is_named_by_its_range() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_office(dir.path());
    let (first, last, code) = longest_history(&db);
    assert!(last - first >= 3, "a history of at least four events");
    let middle = first + 1;
    let at: String = one(&db, &format!("SELECT datetime(at, 'unixepoch') FROM events WHERE id = {first}"));
    tamper(&db, &format!("UPDATE events SET actor = 'truong' WHERE id = {middle}"));
    let b = Store::open(&db).unwrap().verify_chain().unwrap().first_break.unwrap();
    assert_eq!((b.event_id, b.kind, b.code.as_str()), (first, BreakKind::ChangedBetween(last), code.as_str()));
    let line = clear_failure(&run(&db, HEAD, &["audit", "verify"]));
    assert_eq!(
        line,
        format!(
            "motcua: audit chain broken at event #{first} — dossier {code}, at {at}: \
             this row or one after it up to event #{last} was changed or added outside motcua"
        )
    );
}

#[test]
fn a_deletion_inside_a_history_written_at_once_is_named_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_office(dir.path());
    let (first, last, _) = longest_history(&db);
    assert!(last - first >= 3, "a history of at least four events");
    tamper(&db, &format!("DELETE FROM events WHERE id = {}", first + 1));
    let b = Store::open(&db).unwrap().verify_chain().unwrap().first_break.unwrap();
    assert_eq!((b.event_id, b.kind), (first + 2, BreakKind::AfterGap));
    // A time or a status changed, or a checkpoint's own MAC cleared, is found as well.
    for sql in [
        format!("UPDATE events SET at = at + 60 WHERE id = {}", first + 1),
        format!("UPDATE events SET to_status = 'ready' WHERE id = {}", first + 1),
        format!("UPDATE events SET from_status = 'received' WHERE id = {last}"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let db = demo_office(dir.path());
        tamper(&db, &sql);
        let b = Store::open(&db).unwrap().verify_chain().unwrap().first_break.unwrap();
        assert_eq!((b.event_id, b.kind), (first, BreakKind::ChangedBetween(last)), "{sql}");
    }
}

/// `from_status` is stored only where it is not what the previous event left, and the control
/// sheet reads back every status before and after, as written by hand below.
#[test]
fn the_control_sheet_reads_back_every_status_before_and_after() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut store) = office(dir.path());
    let p = procedure(&store);
    let d = store.add_dossier(CLERK, &new_dossier(&p, "Lê Văn An"), now()).unwrap();
    store.assign(CLERK, &d.code, None, HANDLER, now()).unwrap();
    let why = MoveExtra { note: "bổ sung giấy khai sinh".into(), ..Default::default() };
    for to in [Status::InProgress, Status::Supplement, Status::InProgress, Status::Ready] {
        store.move_dossier(HANDLER, &d.code, None, to, &why, now()).unwrap();
    }
    use Status::*;
    let expected = [
        (None, Received),
        (Some(Received), Received),
        (Some(Received), InProgress),
        (Some(InProgress), Supplement),
        (Some(Supplement), InProgress),
        (Some(InProgress), Ready),
    ];
    let read: Vec<(Option<Status>, Status)> = store.events(d.id).unwrap().iter().map(|e| (e.from, e.to)).collect();
    assert_eq!(read, expected);
    let stored: i64 = one(&db, "SELECT count(from_status) FROM events");
    assert_eq!(stored, 0, "every status before is the one the previous event left");
    // Each write is its own checkpoint: every event keeps its MAC, and a change is named exactly.
    let hashed: i64 = one(&db, "SELECT count(hash) FROM events");
    assert_eq!(hashed, 6);
    drop(store);
    tamper(&db, "UPDATE events SET from_status = 'ready' WHERE id = 3");
    let b = Store::open(&db).unwrap().verify_chain().unwrap().first_break.unwrap();
    assert_eq!((b.event_id, b.kind), (3, BreakKind::Changed));
}
