//! What the period report reads instead of scanning, checked against a plain count:
//! - the received times of the paused dossiers (`paused_received`, kept by triggers), which a
//!   past period's report narrows the dossiers it judges again to — against a hand count and a
//!   plain SQL over the pauses, after the clerk's writes and after the demo's bulk load; `motcua
//!   check` names a row missing from it;
//! - the audit anchor printed under the report, the last event's number — against counting the
//!   events.

use crate::foundation;

use foundation::{at, db_path, new_dossier, office, ok};
use motcua::domain::dossier::Channel;
use motcua::domain::status::Status;
use motcua::store::{MoveExtra, Store};
use rusqlite::Connection;

/// Đăng ký thường trú: 7 working days (the embedded catalogue).
const SEVEN_DAYS: &str = "1.004222";

type Row = (i64, String, String);

fn kept(db: &std::path::Path) -> Vec<Row> {
    let c = Connection::open(db).unwrap();
    let mut stmt = c.prepare("SELECT dossier_id, received_at, changed_at FROM paused_received ORDER BY 1").unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(|r| r.unwrap()).collect()
}

/// Every paused dossier once, with its received time and the latest start or end of its
/// pauses: a plain join of pauses and dossiers, the latest time picked in Rust.
fn recount(db: &std::path::Path) -> Vec<Row> {
    let c = Connection::open(db).unwrap();
    let mut stmt = c
        .prepare(
            "SELECT p.dossier_id, d.received_at, p.from_at, p.to_at FROM pauses p JOIN dossiers d ON d.id = p.dossier_id
             ORDER BY 1",
        )
        .unwrap();
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, Option<String>>(3)?))
    });
    let mut out: Vec<Row> = Vec::new();
    for (id, received, from, to) in rows.unwrap().map(|r| r.unwrap()) {
        let latest = to.filter(|t| *t > from).unwrap_or(from);
        match out.last_mut() {
            Some(last) if last.0 == id => last.2 = last.2.clone().max(latest),
            _ => out.push((id, received, latest)),
        }
    }
    out
}

fn mv(store: &mut Store, code: &str, to: Status, when: &str) {
    let extra = MoveExtra { note: "Thiếu giấy tờ".into(), ..MoveExtra::default() };
    store.move_dossier("hung", code, None, to, &extra, at(when)).unwrap();
}

#[test]
fn the_paused_dossiers_are_kept_once_each_with_their_received_time() {
    let (dir, mut store) = office();
    let db = db_path(&dir);
    let add = |store: &mut Store, name: &str, when: &str| {
        let d = store.add_dossier("lan", &new_dossier(SEVEN_DAYS, name, Channel::InPerson), at(when)).unwrap();
        (d.id, d.code)
    };
    // A paused once, B paused twice (resumed between), C never paused.
    let (a, a_code) = add(&mut store, "Nguyễn Văn An", "2026-10-26 09:00");
    let (b, b_code) = add(&mut store, "Trần Thị Bình", "2026-10-27 14:30");
    let (_, c_code) = add(&mut store, "Lê Văn Cường", "2026-10-28 08:15");
    for code in [&a_code, &b_code, &c_code] {
        mv(&mut store, code, Status::InProgress, "2026-10-28 10:00");
    }
    mv(&mut store, &a_code, Status::Supplement, "2026-10-29 10:00");
    mv(&mut store, &b_code, Status::Supplement, "2026-10-29 11:00");
    mv(&mut store, &b_code, Status::InProgress, "2026-11-02 09:00");
    mv(&mut store, &b_code, Status::Supplement, "2026-11-03 09:00");
    drop(store);

    // A's pause is open since 29 Oct; B's last began on 3 Nov.
    let hand = vec![
        (a, "2026-10-26 09:00:00".to_string(), "2026-10-29 10:00:00".to_string()),
        (b, "2026-10-27 14:30:00".to_string(), "2026-11-03 09:00:00".to_string()),
    ];
    assert_eq!(kept(&db), hand);
    assert_eq!(recount(&db), hand);
    assert_eq!(Store::open(&db).unwrap().check().unwrap(), Vec::<String>::new());

    // A's resume moves its last change.
    let mut store = Store::open(&db).unwrap();
    mv(&mut store, &a_code, Status::InProgress, "2026-11-04 08:30");
    drop(store);
    assert_eq!(kept(&db)[0].2, "2026-11-04 08:30:00");
    assert_eq!(kept(&db), recount(&db));

    // A row lost or set back behind motcua's back: a past report might not judge that dossier
    // again; check says so.
    let c = Connection::open(&db).unwrap();
    c.execute("DELETE FROM paused_received WHERE dossier_id = ?1", [b]).unwrap();
    c.execute("UPDATE paused_received SET changed_at = '2026-10-30 00:00:00' WHERE dossier_id = ?1", [a]).unwrap();
    drop(c);
    let problems = Store::open(&db).unwrap().check().unwrap();
    assert_eq!(problems, vec!["2 paused dossiers missing or behind in paused_received".to_string()]);
}

#[test]
fn the_demo_bulk_load_keeps_them_too() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&db, "2026-11-20T10:30:00+07:00", &["demo", "--dossiers", "3000", "--seed", "5"]);
    let all = recount(&db);
    assert!(all.len() > 20, "the demo pauses some dossiers: {}", all.len());
    assert_eq!(kept(&db), all);

    // The anchor under the printed report counts the events written.
    let out = ok(&db, "2026-11-20T10:30:00+07:00", &["report", "--from", "2026-01-01", "--to", "2026-10-31"]);
    let anchor = motcua::store::audit::Anchor::find(&out).expect("an anchor under the report");
    let events: i64 =
        Connection::open(&db).unwrap().query_row("SELECT count(*) FROM events", [], |r| r.get(0)).unwrap();
    assert!(events > 3000, "{events}");
    assert_eq!(anchor.events, events as u64);
}

/// A running period is judged at now from the records up to now: a dossier whose pause was
/// recorded as resumed after now (a clock set back, a copy read later) is stopped at now, as it
/// was, and is judged again from its records like one of a past period.
#[test]
fn a_running_period_ignores_a_resume_recorded_after_now() {
    let (dir, mut store) = office();
    let db = db_path(&dir);
    // Received Mon 2 Nov, 7 working days; paused Tue 3 Nov; resumed Wed 25 Nov.
    let d = store.add_dossier("lan", &new_dossier(SEVEN_DAYS, "Vũ Thị Hoa", Channel::InPerson), at("2026-11-02 09:00"));
    let code = d.unwrap().code;
    mv(&mut store, &code, Status::InProgress, "2026-11-02 10:00");
    mv(&mut store, &code, Status::Supplement, "2026-11-03 10:00");
    mv(&mut store, &code, Status::InProgress, "2026-11-25 09:00");
    drop(store);
    let out = ok(
        &db,
        "2026-11-20T16:30:00+07:00",
        &["report", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // Pending at now: 1, its clock stopped (the resume of 25 Nov has not happened yet).
    assert_eq!(
        (&v["pending"]["total"], &v["pending"]["paused"], &v["pending"]["overdue"]),
        (&1.into(), &1.into(), &0.into())
    );
}
