//! A logbook import goes in through the bulk path (store/dossiers.rs, `ImportRun::batch`): batches of
//! about 100 ms, one chain per batch, the counters, name words and pause seals written once per
//! batch with their triggers dropped inside it, and — into an office without dossiers — the
//! name, phone and ID indexes built once at the end. What comes out must be what intake makes:
//! every index and trigger back, the control sheets their statuses imply (counted by hand), the
//! chain and seals whole, the report's counts as a hand count gives them, names and phones found.

use crate::foundation;

use foundation::{at, db_path, logbook_row, new_dossier, office, AGENCY, HEAD};
use motcua::domain::dossier::Channel;
use motcua::domain::handover::Delivery;
use motcua::domain::report::{Counts, Period};
use motcua::domain::status::Status;
use motcua::store::{ImportHandover, ImportRow, Store};

const PROCEDURE: &str = "2.000815";

/// Events the import writes for a row of each status: intake, then the moves that lead to it
/// (docs/rules.md, import) — counted here by hand.
fn events_for(status: Status) -> usize {
    match status {
        Status::Received => 1,                     // intake
        Status::InProgress => 2,                   // + in progress
        Status::Supplement => 3,                   // + in progress, supplement
        Status::Ready => 3,                        // + in progress, ready
        Status::Returned => 4,                     // + in progress, ready, returned
        Status::Rejected | Status::Withdrawn => 2, // + the one move
    }
}

/// Row `i` of a logbook: statuses in turn, received on working days of February–March 2024
/// (Monday 2024-02-19 on, after Tết; a row a minute from 08:00), resolved two days later,
/// returned the day after that.
fn row(i: usize) -> ImportRow {
    let status = Status::ALL[i % Status::ALL.len()];
    let received = at("2024-02-19 08:00")
        + chrono::Duration::minutes(i as i64 % 480)
        + chrono::Duration::days(7 * (i as i64 / 480 % 4));
    let resolved = matches!(status, Status::Ready | Status::Returned | Status::Rejected | Status::Withdrawn)
        .then(|| received + chrono::Duration::days(2));
    ImportRow {
        applicant_id: if i.is_multiple_of(2) { format!("0381900{i:05}") } else { String::new() },
        phone: if i.is_multiple_of(3) { format!("091{i:07}") } else { String::new() },
        address: "Thôn Đông".into(),
        channel: if i.is_multiple_of(4) { Channel::Online } else { Channel::InPerson },
        due_date: Some(received.date() + chrono::Duration::days(10)),
        resolved_at: resolved,
        returned_at: (status == Status::Returned).then(|| received + chrono::Duration::days(3)),
        status,
        ..logbook_row(i + 2, PROCEDURE, &format!("Nhập Văn {}", word(i)), received)
    }
}

/// A name word of three letters for `i` (names have no digits): 0 → "Aaa", 1 → "Aab", …
fn word(i: usize) -> String {
    let letter = |n: usize| (b'a' + (n % 26) as u8) as char;
    format!("{}{}{}", letter(i / 676).to_ascii_uppercase(), letter(i / 26), letter(i))
}

/// The indexes and triggers of a database, by name with their SQL.
fn schema_of(db: &std::path::Path, kind: &str) -> Vec<(String, Option<String>)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn.prepare("SELECT name, sql FROM sqlite_schema WHERE type = ?1 ORDER BY name").unwrap();
    let rows = stmt.query_map([kind], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    rows.collect::<rusqlite::Result<_>>().unwrap()
}

fn count(db: &std::path::Path, sql: &str) -> i64 {
    rusqlite::Connection::open(db).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_big_import_into_a_new_office_gets_every_index_and_trigger_back_and_is_whole() {
    let (dir, store) = office();
    let db = db_path(&dir);
    let (indexes, triggers) = (schema_of(&db, "index"), schema_of(&db, "trigger"));
    assert!(indexes.iter().any(|(n, _)| n == "dossiers_phone"), "the office has a phone index to rebuild");
    drop(store);
    // More rows than the 5,000 from which an import into an office without dossiers builds the
    // name, phone and ID indexes at its end, and many batches.
    const ROWS: usize = 6_000;
    let rows: Vec<ImportRow> = (0..ROWS).map(row).collect();
    let mut store = Store::open(&db).unwrap();
    let codes = store.import_dossiers(HEAD, &rows, at("2024-04-01 09:00")).unwrap();
    assert_eq!(codes.len(), ROWS);
    assert_eq!(schema_of(&db, "index"), indexes, "every index is back as it was");
    assert_eq!(schema_of(&db, "trigger"), triggers, "every trigger is back as it was");

    let events: usize = rows.iter().map(|r| events_for(r.status)).sum();
    assert_eq!(count(&db, "SELECT count(*) FROM events"), events as i64);
    let chain = store.verify_chain().unwrap();
    assert_eq!(chain.events, events as u64);
    assert!(chain.first_break.is_none(), "{:?}", chain.first_break);
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
    // Each dossier has its own events, and the last one agrees with the status.
    for i in [0, 1, 2, 3, 4, 5, 6, 2_345, ROWS - 1] {
        let d = store.dossier(&codes[i]).unwrap().unwrap();
        assert_eq!(d.status, rows[i].status);
        let sheet = store.events(d.id).unwrap();
        assert_eq!(sheet.len(), events_for(rows[i].status), "row {i}");
        assert_eq!(sheet.last().unwrap().to, rows[i].status);
    }
    // Found by name (the word index), phone and ID (the rebuilt indexes), as intake's would be.
    for (query, i) in [("Nhập Văn Gkf", 4_321), ("0910004320", 4_320), ("038190004322", 4_322)] {
        let found = store.search(query, None, 10).unwrap();
        assert_eq!(found.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(), [codes[i].as_str()], "{query}");
    }
    // The pause of every row waiting for a supplement (one in seven rows), under its seal.
    let waiting = rows.iter().filter(|r| r.status == Status::Supplement).count() as i64;
    assert_eq!(count(&db, "SELECT count(*) FROM pauses"), waiting);
    assert_eq!(count(&db, "SELECT rows FROM seals WHERE tbl = 'pauses'"), waiting);

    // And intake after the import goes through the triggers as ever: counted and found.
    let d = store
        .add_dossier(HEAD, &new_dossier(PROCEDURE, "Sau Nhập Sổ", Channel::InPerson), at("2024-04-01 10:00"))
        .unwrap();
    assert_eq!(store.search("Sau Nhập Sổ", None, 10).unwrap().iter().map(|r| r.id).collect::<Vec<_>>(), [d.id]);
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
}

#[test]
fn an_import_into_a_working_office_counts_as_a_hand_count_says() {
    let (_dir, mut store) = office();
    // The office already works: one dossier of its own, received in the same period.
    store.add_dossier(HEAD, &new_dossier(PROCEDURE, "Đã Có Sẵn", Channel::InPerson), at("2024-02-20 09:00")).unwrap();
    let mut rows: Vec<ImportRow> = (0..7).map(row).collect();
    // Row 3 (ready) handed in three sets, digitized and synchronised, received for another
    // commune, result to be posted.
    rows[3].handover = ImportHandover {
        agency: String::new(),
        sent_at: None,
        delivery: Some(Delivery::Post),
        intake_digitized: true,
        synced: true,
        sets: Some(3),
        received_for: "UBND xã Quảng Hòa".into(),
    };
    rows[4].code = Some(format!("{AGENCY}-240219-0042"));
    // Row 2 waits for a supplement and is not yet due at the import, so its clock stops then
    // (one already past its due date would stay overdue: a late pause erases nothing).
    rows[2].due_date = Some(at("2024-04-26 00:00").date());
    let codes = store.import_dossiers(HEAD, &rows, at("2024-04-01 09:00")).unwrap();
    assert_eq!(codes[4], format!("{AGENCY}-240219-0042"), "a code from the logbook is kept");
    for (i, code) in codes.iter().enumerate() {
        let d = store.dossier(code).unwrap().unwrap();
        assert_eq!(store.events(d.id).unwrap().len(), events_for(rows[i].status), "{:?}", rows[i].status);
    }
    let d = store.dossier(&codes[3]).unwrap().unwrap();
    assert_eq!((d.sets, d.handover.received_for.as_str()), (3, "UBND xã Quảng Hòa"));
    assert_eq!(
        (d.handover.intake_digitized, d.handover.synced, d.handover.delivery),
        (true, true, Some(Delivery::Post))
    );
    assert_eq!(store.check().unwrap(), Vec::<String>::new());

    // The report of the period so far, summed over fields. By hand: 8 dossiers received (rows 0
    // and 4 online), 4 pending (the office's own; received, in progress, supplement — that one
    // paused since the import this morning, docs/rules.md), one with its papers digitized and
    // synchronised.
    let period = Period { from: at("2024-02-01 00:00").date(), to: at("2024-04-30 00:00").date() };
    let report = store.report(period, at("2024-04-01 12:00")).unwrap();
    let mut total = Counts::default();
    for (_, c) in &report.by_field {
        total.new_online += c.new_online;
        total.new_other += c.new_other;
        total.within_due += c.within_due;
        total.overdue += c.overdue;
        total.paused += c.paused;
        total.intake_digitized += c.intake_digitized;
        total.synced += c.synced;
    }
    assert_eq!((total.new_online, total.new_other), (2, 6));
    assert_eq!(total.within_due + total.overdue, 1 + 3, "the office's own and the three pending rows");
    assert_eq!(total.paused, 1);
    assert_eq!((total.intake_digitized, total.synced), (1, 1));
}

#[test]
fn a_batch_that_fails_leaves_nothing_and_the_triggers_in_place() {
    let (dir, mut store) = office();
    let db = db_path(&dir);
    let triggers = schema_of(&db, "trigger");
    // Line 2 gets the day's first number, which line 3 claims as its own: found only when
    // line 3 is written, inside the first batch, which is then rolled back whole.
    let mut rows: Vec<ImportRow> = (0..2).map(row).collect();
    rows[1].received_at = rows[0].received_at;
    rows[1].code = Some(format!("{AGENCY}-240219-0001"));
    let e = store.import_dossiers(HEAD, &rows, at("2024-04-01 09:00")).unwrap_err();
    assert!(format!("{e:#}").contains("line 3"), "{e:#}");
    assert_eq!(count(&db, "SELECT count(*) FROM dossiers"), 0);
    assert_eq!(count(&db, "SELECT count(*) FROM events"), 0);
    assert_eq!(schema_of(&db, "trigger"), triggers, "the dropped triggers came back with the rollback");
    let d = store
        .add_dossier(HEAD, &new_dossier(PROCEDURE, "Sau Lỗi Nhập", Channel::InPerson), at("2024-04-01 10:00"))
        .unwrap();
    assert_eq!(store.search("Sau Lỗi Nhập", None, 10).unwrap().iter().map(|r| r.id).collect::<Vec<_>>(), [d.id]);
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
}
