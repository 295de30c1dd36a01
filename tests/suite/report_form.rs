//! The period report (DOMAIN §5, §6) on a small logbook whose counts are worked out by hand
//! below: tests/suite/fixtures/march_2024.csv, imported with `motcua import dossiers`.

use crate::foundation;

use std::path::Path;

use foundation::{at, motcua, ok, HEAD};
use motcua::domain::dossier::Satisfaction;
use motcua::domain::status::Status;
use motcua::store::{MoveExtra, Store};
use serde_json::{json, Value};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/suite/fixtures/march_2024.csv");
const NOW: &str = "2024-04-05T09:00:00+07:00";

/// Compares two JSON values member by member, numbers to 1e-12, naming the first difference.
fn same(path: &str, expected: &Value, got: &Value) {
    match (expected, got) {
        (Value::Object(e), Value::Object(g)) => {
            let mut ek: Vec<&String> = e.keys().collect();
            let mut gk: Vec<&String> = g.keys().collect();
            ek.sort();
            gk.sort();
            assert_eq!(ek, gk, "{path}: members differ");
            for (k, v) in e {
                same(&format!("{path}.{k}"), v, &g[k]);
            }
        }
        (Value::Array(e), Value::Array(g)) => {
            assert_eq!(e.len(), g.len(), "{path}: lengths differ");
            for (i, (e, g)) in e.iter().zip(g).enumerate() {
                same(&format!("{path}[{i}]"), e, g);
            }
        }
        (Value::Number(e), Value::Number(g)) => {
            let (e, g) = (e.as_f64().unwrap(), g.as_f64().unwrap());
            assert!((e - g).abs() < 1e-12, "{path}: expected {e}, got {g}");
        }
        _ => assert_eq!(expected, got, "{path}"),
    }
}

/// A database with the fixture imported and two dossiers handed back with the citizen's answer.
pub(crate) fn march_office(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("report.db");
    ok(&db, NOW, &["init", "--agency-code", "000.17.22.H56"]);
    let out = ok(&db, NOW, &["import", "dossiers", FIXTURE]);
    assert!(out.contains("imported 14"), "{out}");
    let mut store = Store::open(&db).unwrap();
    for (name, answer, t) in [
        ("Trần Văn Ba", Satisfaction::Satisfied, "2024-03-07 10:00"),
        ("Lê Văn Một", Satisfaction::Neutral, "2024-03-15 09:00"),
    ] {
        // A name search finds every name with these words ("Ba" is also the start of "Bảy").
        let found = store.search(name, None, 10).unwrap();
        let d = found.iter().find(|d| d.applicant_name == name).expect(name);
        assert_eq!((d.applicant_name.as_str(), d.status), (name, Status::Ready));
        let extra = MoveExtra { satisfaction: Some(answer), ..Default::default() };
        store.move_dossier(HEAD, &d.code.clone(), None, Status::Returned, &extra, at(t)).unwrap();
    }
    db
}

#[test]
fn march_2024_report_matches_the_hand_count() {
    let dir = tempfile::tempdir().unwrap();
    let db = march_office(dir.path());
    let got: Value = serde_json::from_str(&ok(
        &db,
        NOW,
        &["report", "--from", "2024-03-01", "--to", "2024-03-31", "--format", "json"],
    ))
    .unwrap();

    // Chứng thực (A1–A9 in the fixture's note column):
    //   carried over: A1 (received 27 Feb, resolved 4 Mar); A9 closed in Feb is not.   = 1
    //   new online: A2, A5 = 2; new counter/post: A3, A4 (post), A6, A7 = 4; A8 is April.
    //   received total 1 + 2 + 4 = 7
    //   resolved in March: A3 before due (5 < 6 Mar), A2 on time, A1 late (4 Mar > 28 Feb) = 3
    //   pending on 31 Mar: A6 within due (computed: Fri 29 after 15:00 → Mon 1 Apr);
    //     A5 (due 29 Mar) and A7 (due 20 Mar, resolved only on 2 Apr) overdue        = 3
    //   withdrawn: A4 = 1.   7 = 3 + 3 + 1.
    //   rates: on time 2/3; online 2/6; fee paid online: A2, A5 of A2, A3, A5, A6, A7 = 2/5;
    //     digitized: A1, A2 of 3 resolved = 2/3; satisfaction: A3 returned "satisfied" = 1/1.
    let chung_thuc = json!({
        "field": "Chứng thực",
        "received": {"total": 7, "carried_over": 1, "online": 2, "in_person_postal": 4},
        "resolved": {"total": 3, "before_due": 1, "on_time": 1, "late": 1},
        "pending": {"total": 3, "within_due": 1, "overdue": 2, "paused": 0},
        "withdrawn": 1,
        "rates": {"on_time": 2.0 / 3.0, "online": 2.0 / 6.0, "online_payment": 2.0 / 5.0,
                  "digitized_result": 2.0 / 3.0, "satisfaction": 1.0}
    });
    // Hộ tịch: B4 carried over (received 26 Feb, withdrawn 1 Mar) = 1; new online B1, B2;
    //   counter B3. Resolved: B1 on time (14 = 14 Mar), B2 late (19 > 15 Mar). Pending: B3 in
    //   supplement, due 18 Mar → overdue. Withdrawn: B4.  4 = 2 + 1 + 1.
    //   No fee anywhere → online payment null; digitized B1 = 1/2; B1 returned "neutral" = 0/1.
    let ho_tich = json!({
        "field": "Hộ tịch",
        "received": {"total": 4, "carried_over": 1, "online": 2, "in_person_postal": 1},
        "resolved": {"total": 2, "before_due": 0, "on_time": 1, "late": 1},
        "pending": {"total": 1, "within_due": 0, "overdue": 1, "paused": 0},
        "withdrawn": 1,
        "rates": {"on_time": 0.5, "online": 2.0 / 3.0, "online_payment": null,
                  "digitized_result": 0.5, "satisfaction": 0.0}
    });
    // Đất đai: only C1, received 15 Feb, due 22 Feb, still in progress: carried over and
    //   overdue. Nothing new, resolved, paid or answered: every rate is null.
    let dat_dai = json!({
        "field": "Đất đai",
        "received": {"total": 1, "carried_over": 1, "online": 0, "in_person_postal": 0},
        "resolved": {"total": 0, "before_due": 0, "on_time": 0, "late": 0},
        "pending": {"total": 1, "within_due": 0, "overdue": 1, "paused": 0},
        "withdrawn": 0,
        "rates": {"on_time": null, "online": null, "online_payment": null,
                  "digitized_result": null, "satisfaction": null}
    });
    // Total: received 7 + 4 + 1 = 12 (carried 3, online 4, counter 5); resolved 3 + 2 = 5
    //   (before 1, on time 2, late 2); pending 3 + 1 + 1 = 5 (within 1, overdue 4); withdrawn 2.
    //   Rates: on time 3/5; online 4/9; paid online 2/5; digitized 3/5; satisfied 1/2.
    let expected = json!({
        "from": "2024-03-01", "to": "2024-03-31",
        "received": {"total": 12, "carried_over": 3, "online": 4, "in_person_postal": 5},
        "resolved": {"total": 5, "before_due": 1, "on_time": 2, "late": 2},
        "pending": {"total": 5, "within_due": 1, "overdue": 4, "paused": 0},
        "withdrawn": 2,
        "rates": {"on_time": 0.6, "online": 4.0 / 9.0, "online_payment": 0.4,
                  "digitized_result": 0.6, "satisfaction": 0.5},
        "by_field": [chung_thuc, ho_tich, dat_dai]
    });
    same("report", &expected, &got);

    // The same numbers in the CSV form II.06a: the 13 columns (3) received = (4) online + (5)
    // counter/post + (6) carried over, (7) resolved, with the 2 withdrawn under (9) on time,
    // (11) pending = (12) + (13); 12 = 7 + 5.
    let csv = ok(&db, NOW, &["report", "--from", "2024-03-01", "--to", "2024-03-31", "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "Biểu số II.06a/VPCP/KSTT");
    assert!(lines.contains(&"(1),(2),(3),(4),(5),(6),(7),(8),(9),(10),(11),(12),(13)"), "{csv}");
    assert!(lines.contains(&",Tổng cộng,12,4,5,3,7,1,4,2,5,1,4"), "{csv}");
    assert!(csv.contains("cột (9) gồm cả 2 hồ sơ công dân rút"), "{csv}");
}

#[test]
fn what_is_pending_at_the_end_of_february_is_carried_over_into_march() {
    let dir = tempfile::tempdir().unwrap();
    let db = march_office(dir.path());
    let report = |from: &str, to: &str| -> Value {
        serde_json::from_str(&ok(&db, NOW, &["report", "--from", from, "--to", to, "--format", "json"])).unwrap()
    };
    let feb = report("2024-02-01", "2024-02-29");
    // February: received A9, A1, B4, C1 (all at the counter but B4). A9 resolved on its due
    // date; A1 (due 28 Feb) and C1 (due 22 Feb) overdue at the end, B4 (due 29 Feb) within.
    let expected = json!({
        "from": "2024-02-01", "to": "2024-02-29",
        "received": {"total": 4, "carried_over": 0, "online": 1, "in_person_postal": 3},
        "resolved": {"total": 1, "before_due": 0, "on_time": 1, "late": 0},
        "pending": {"total": 3, "within_due": 1, "overdue": 2, "paused": 0},
        "withdrawn": 0,
        "rates": {"on_time": 1.0, "online": 0.25, "online_payment": 0.0, "digitized_result": 0.0,
                  "satisfaction": null},
    });
    for k in ["from", "to", "received", "resolved", "pending", "withdrawn", "rates"] {
        same(k, &expected[k], &feb[k]);
    }
    let march = report("2024-03-01", "2024-03-31");
    assert_eq!(feb["pending"]["total"], march["received"]["carried_over"]);

    // A period with nothing in it: zeros and null rates, no fields.
    let empty = report("2020-01-01", "2020-01-31");
    assert_eq!(empty["received"]["total"], 0);
    assert_eq!(empty["rates"]["on_time"], Value::Null);
    assert_eq!(empty["by_field"], json!([]));
}

#[test]
fn the_table_is_the_vietnamese_form() {
    let dir = tempfile::tempdir().unwrap();
    let db = march_office(dir.path());
    let table = String::from_utf8(
        foundation::motcua_in("vi", &db, NOW, &["report", "--from", "2024-03-01", "--to", "2024-03-31"]).stdout,
    )
    .unwrap();
    for words in [
        "Biểu số II.06a/VPCP/KSTT",
        "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
        "Kỳ báo cáo: Tháng 03 năm 2024 (Từ ngày 01/03/2024 đến ngày 31/03/2024)",
        "Đơn vị báo cáo:",
        "Đơn vị nhận báo cáo:",
        "Đơn vị tính: Số hồ sơ TTHC",
        "NGƯỜI LẬP BIỂU",
        "THỦ TRƯỞNG ĐƠN VỊ",
    ] {
        assert!(table.contains(words), "{words}:\n{table}");
    }
    let numbers = table.lines().find(|l| l.starts_with("(1)")).expect("the column numbers");
    assert_eq!(numbers.split_whitespace().count(), 13, "{numbers}");
    let total = table.lines().find(|l| l.trim_start().starts_with("Tổng cộng")).expect("a total row");
    let numbers: Vec<&str> = total.split_whitespace().skip(2).collect();
    assert_eq!(numbers, ["12", "4", "5", "3", "7", "1", "4", "2", "5", "1", "4"]);
    assert!(table.contains("Tỷ lệ đúng hạn: 60,0%"), "{table}");
    assert!(motcua(&db, NOW, &["check"]).status.success());
}
