//! The distinct folded names (`name_forms`, each with how many dossiers have it, and its own
//! word index) that a name search asks first: against a hand count after intakes and a name
//! changed, and against a count in Rust of the dossiers' folded names after the demo's bulk load
//! and a logbook import (both write with the row triggers suspended, a batch at once).

use std::collections::BTreeMap;
use std::path::Path;

use crate::foundation::{at, db_path, logbook_row, new_dossier, office, HEAD};
use motcua::domain::dossier::Channel;
use motcua::domain::status::Status;
use motcua::store::{ImportRow, Store};

/// name_forms as it is: folded name → count.
fn forms(db: &Path) -> BTreeMap<String, i64> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut stmt = c.prepare("SELECT name_key, n FROM name_forms").unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    rows.collect::<rusqlite::Result<_>>().unwrap()
}

/// The dossiers' folded names counted here, one by one.
fn counted(db: &Path) -> BTreeMap<String, i64> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut stmt = c.prepare("SELECT applicant_name FROM dossiers").unwrap();
    let mut out = BTreeMap::new();
    for name in stmt.query_map([], |r| r.get::<_, String>(0)).unwrap() {
        *out.entry(motcua::domain::text::fold(&name.unwrap())).or_insert(0) += 1;
    }
    out
}

/// The forms whose words match an FTS5 query, by folded name; and SQLite's own check that the
/// forms' word index agrees with name_forms.
fn forms_matching(db: &Path, query: &str) -> Vec<String> {
    let c = rusqlite::Connection::open(db).unwrap();
    c.execute("INSERT INTO name_form_words(name_form_words, rank) VALUES ('integrity-check', 1)", []).unwrap();
    let mut stmt = c
        .prepare(
            "SELECT f.name_key FROM name_form_words w JOIN name_forms f ON f.id = w.rowid
             WHERE name_form_words MATCH ?1 ORDER BY 1",
        )
        .unwrap();
    let rows = stmt.query_map([query], |r| r.get(0)).unwrap();
    rows.collect::<rusqlite::Result<_>>().unwrap()
}

fn hand(pairs: &[(&str, i64)]) -> BTreeMap<String, i64> {
    pairs.iter().map(|(k, n)| (k.to_string(), *n)).collect()
}

#[test]
fn intakes_and_a_changed_name_keep_the_forms_as_a_hand_count_says() {
    let (dir, mut store) = office();
    let db = db_path(&dir);
    for name in ["Nguyễn Thị Oanh", "Trần Văn Bình", "nguyễn thị  OANH"] {
        store.add_dossier(HEAD, &new_dossier("2.000815", name, Channel::InPerson), at("2024-02-20 09:00")).unwrap();
    }
    assert_eq!(forms(&db), hand(&[("nguyen thi oanh", 2), ("tran van binh", 1)]));
    assert_eq!(forms_matching(&db, "\"thi\" \"oa\"*"), ["nguyen thi oanh"]);
    assert!(store.check().unwrap().is_empty(), "{:?}", store.check().unwrap());

    // A name put right (there is no screen for it yet: by hand, as a fix-up would): the old
    // form loses one, the new one is added; then the last "Oanh" goes too and so does its form.
    let c = rusqlite::Connection::open(&db).unwrap();
    let fix = "UPDATE dossiers SET applicant_name = ?1, name_key = ?2 WHERE id = (SELECT min(id) FROM dossiers WHERE name_key = ?3)";
    c.execute(fix, ["Lê Thị Hoa", "le thi hoa", "nguyen thi oanh"]).unwrap();
    assert_eq!(forms(&db), hand(&[("le thi hoa", 1), ("nguyen thi oanh", 1), ("tran van binh", 1)]));
    c.execute(fix, ["Lê Thị Hoa", "le thi hoa", "nguyen thi oanh"]).unwrap();
    assert_eq!(forms(&db), hand(&[("le thi hoa", 2), ("tran van binh", 1)]));
    assert!(forms_matching(&db, "\"oanh\"").is_empty(), "the gone form's words are gone");
    assert_eq!(forms_matching(&db, "\"thi\""), ["le thi hoa"]);
    // (The chain notices the row changed outside motcua; the forms are in step.)
    let forms_problems = |p: Vec<String>| p.into_iter().filter(|m| m.contains("name_forms")).collect::<Vec<_>>();
    assert!(forms_problems(store.check().unwrap()).is_empty());
    // A search of the gone name finds nothing, one of the new finds both.
    assert_eq!(store.search_counted("nguyen thi o", None, 10, 200).unwrap().1, 0);
    assert_eq!(store.search_counted("le thi h", None, 10, 200).unwrap().1, 2);

    // Counts out of step are reported, in one message.
    c.execute("UPDATE name_forms SET n = n + 1 WHERE name_key = 'tran van binh'", []).unwrap();
    c.execute("DELETE FROM name_forms WHERE name_key = 'le thi hoa'", []).unwrap();
    assert_eq!(forms_problems(store.check().unwrap()), ["2 folded names counted wrong in name_forms"]);
}

#[test]
fn the_demos_bulk_load_writes_the_forms_of_its_names() {
    let (_d, db) = crate::screens::demo_db(3000);
    let want = counted(&db);
    assert!(want.len() > 300 && want.values().any(|n| *n > 5), "{} forms", want.len());
    assert_eq!(forms(&db), want);
    // Every form found by its own words in the forms' index.
    for key in want.keys().step_by(97) {
        let q = key.split(' ').map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(" ");
        assert!(forms_matching(&db, &q).contains(key), "{key}");
    }
    // After more intakes through the row triggers, still in step.
    let mut store = Store::open(&db).unwrap();
    let now = motcua::clock::parse_time("2026-11-20 10:00").unwrap();
    for name in ["Nguyễn Thị Oanh", "Quách Zương Xíu"] {
        store.add_dossier("head", &new_dossier("2.000815", name, Channel::InPerson), now).unwrap();
    }
    assert_eq!(forms(&db)["quach zuong xiu"], 1);
    assert_eq!(forms(&db), counted(&db));
    assert!(store.check().unwrap().is_empty(), "{:?}", store.check().unwrap());
}

/// Row `i` of a logbook: a few names in turn, received on working days after Tết 2024.
fn row(i: usize) -> ImportRow {
    let names = ["Nhập Văn An", "Nhập Thị Bình", "Đỗ Văn An", "nhập văn an"];
    let status = [Status::Received, Status::Returned, Status::Rejected][i % 3];
    let received = at("2024-02-19 08:00") + chrono::Duration::minutes(i as i64 % 480);
    let closed = (status != Status::Received).then(|| received + chrono::Duration::days(2));
    let name = names[i % names.len()];
    ImportRow {
        address: "Thôn Đông".into(),
        due_date: Some(received.date() + chrono::Duration::days(10)),
        resolved_at: closed,
        returned_at: (status == Status::Returned).then(|| received + chrono::Duration::days(3)),
        status,
        ..logbook_row(i + 2, "2.000815", name, received)
    }
}

#[test]
fn a_logbook_import_adds_its_names_to_the_forms() {
    let (dir, mut store) = office();
    let db = db_path(&dir);
    store.add_dossier(HEAD, &new_dossier("2.000815", "Đỗ Văn An", Channel::InPerson), at("2024-02-16 09:00")).unwrap();
    let rows: Vec<ImportRow> = (0..400).map(row).collect();
    store.import_dossiers(HEAD, &rows, at("2024-04-01 09:00")).unwrap();
    // 400 rows, four names in turn, "Nhập Văn An" and "nhập văn an" one form: 200 + 100 + (100 + 1).
    assert_eq!(forms(&db), hand(&[("do van an", 101), ("nhap thi binh", 100), ("nhap van an", 200)]));
    assert_eq!(forms(&db), counted(&db));
    assert_eq!(forms_matching(&db, "\"van\" \"an\""), ["do van an", "nhap van an"]);
    assert!(store.check().unwrap().is_empty(), "{:?}", store.check().unwrap());
    // And an intake after it, through the triggers the import put back.
    store
        .add_dossier(HEAD, &new_dossier("2.000815", "Nhập Thị Bình", Channel::InPerson), at("2024-04-01 10:00"))
        .unwrap();
    assert_eq!(forms(&db)["nhap thi binh"], 101);
}
