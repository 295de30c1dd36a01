//! The logbook's handing-on columns (issue 11, item 7): `handling_agency, sent_at,
//! result_delivery, intake_digitized, synced, sets, received_for` at the end; a 17-column file
//! still imports; export → import → export stays byte-identical; the two intake rates read
//! from a hand-counted logbook.

use crate::foundation;

use foundation::{export_all, logbook_rows, motcua, ok};

const NOW: &str = "2026-04-01T08:00:00+07:00";
const OLD17: &str = "code,procedure_code,applicant_name,applicant_id,phone,address,channel,received_at,due_date,\
                     resolved_at,returned_at,status,fee_vnd,paid_online,result_digitized,assignee,note";
const TAIL: &str = "handling_agency,sent_at,result_delivery,intake_digitized,synced,sets,received_for";

fn at(db: &std::path::Path, user: &str, now: &str, args: &[&str]) -> String {
    let out = motcua(db, now, args);
    let _ = user;
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_extended_logbook_goes_round_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    ok(&db, NOW, &["init", "--agency-code", "000.17.22.H56"]);
    let mon = "2026-03-02T09:00:00+07:00";
    let add = |args: &[&str]| -> String {
        let mut all = vec!["dossier", "add", "--name", "Phạm Văn Đất"];
        all.extend_from_slice(args);
        at(&db, "truong", mon, &all).trim().lines().last().unwrap().to_string()
    };
    let land = add(&["--procedure", "1.013831", "--delivery", "post", "--digitized", "--synced", "--sets", "3"]);
    let other = add(&["--procedure", "1.004194", "--for", "UBND xã Quảng Hòa", "--channel", "online"]);
    add(&["--procedure", "2.000815", "--copies", "2"]);
    at(&db, "truong", "2026-03-02T10:00:00+07:00", &["dossier", "move", &land, "in_progress"]);
    at(&db, "truong", "2026-03-02T10:10:00+07:00", &["dossier", "send", &land, "--to", "VPDK"]);
    at(&db, "truong", "2026-03-06T14:00:00+07:00", &["dossier", "move", &land, "ready", "--from", "VPDK"]);
    at(&db, "truong", "2026-03-09T09:00:00+07:00", &["dossier", "move", &land, "returned", "--delivery", "post"]);
    at(&db, "truong", "2026-03-02T11:00:00+07:00", &["dossier", "move", &other, "in_progress"]);
    at(&db, "truong", "2026-03-02T11:10:00+07:00", &["dossier", "send", &other]);

    let first = export_all(&db, NOW);
    let text = String::from_utf8_lossy(&first).to_string();
    let header = text.trim_start_matches('\u{feff}').lines().next().unwrap().to_string();
    assert_eq!(header, format!("{OLD17},{TAIL}"));
    let rows = logbook_rows(&first);
    let row = rows.iter().find(|r| r["code"] == land).unwrap();
    let got: Vec<&str> = TAIL.split(',').map(|c| row[c].as_str()).collect();
    assert_eq!(got, ["VPDK", "2026-03-02T10:10:00+07:00", "post", "1", "1", "3", ""]);
    let row = rows.iter().find(|r| r["code"] == other).unwrap();
    let got: Vec<&str> = TAIL.split(',').map(|c| row[c].as_str()).collect();
    assert_eq!(got, ["UBND xã Quảng Hòa", "2026-03-02T11:10:00+07:00", "online", "0", "0", "1", "UBND xã Quảng Hòa"]);

    let file = dir.path().join("logbook.csv");
    std::fs::write(&file, &first).unwrap();
    let copy = dir.path().join("copy.db");
    ok(&copy, NOW, &["init", "--agency-code", "000.17.22.H56"]);
    let out = ok(&copy, NOW, &["import", "dossiers", file.to_str().unwrap()]);
    assert!(out.contains("imported 3"), "{out}");
    let second = export_all(&copy, NOW);
    assert_eq!(String::from_utf8_lossy(&first), String::from_utf8_lossy(&second));
    // The report reads the same on both, by agency and for the other office too.
    let report = |db: &std::path::Path| -> serde_json::Value {
        let t = ok(db, NOW, &["report", "--from", "2026-03-01", "--to", "2026-03-31", "--format", "json"]);
        serde_json::from_str(&t).unwrap()
    };
    let (a, b) = (report(&db), report(&copy));
    for k in ["by_agency", "received_for_others", "received", "resolved", "pending"] {
        assert_eq!(a[k], b[k], "{k}");
    }
    assert_eq!(a["rates"]["digitized_intake"], b["rates"]["digitized_intake"]);
}

#[test]
fn a_17_column_logbook_still_imports_as_this_offices_own() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    ok(&db, NOW, &["init", "--agency-code", "000.17.22.H56"]);
    let file = dir.path().join("old.csv");
    std::fs::write(
        &file,
        format!(
            "{OLD17}\r\n000.17.22.H56-260302-0001,1.004194,Lê Văn Cũ,,,thôn Đông,in_person,2026-03-02T09:00:00+07:00,,,,received,,0,0,,\r\n"
        ),
    )
    .unwrap();
    let out = ok(&db, NOW, &["import", "dossiers", file.to_str().unwrap()]);
    assert!(out.contains("imported 1"), "{out}");
    let rows = logbook_rows(&export_all(&db, NOW));
    let got: Vec<&str> = TAIL.split(',').map(|c| rows[0][c].as_str()).collect();
    // Never sent, the wish not recorded, not digitized, not synced, one set, this office's.
    assert_eq!(got, ["", "", "", "0", "0", "1", ""]);
}

/// Five dossiers received in March 2026 and one in February (not new in March), by hand:
/// digitized at intake A, B, C (3 of 5); synced A, D (2 of 5); E received for another office.
const COUNTED: &str = "\
A,2026-03-02T08:00:00+07:00,1,1,
B,2026-03-03T08:00:00+07:00,1,0,
C,2026-03-04T08:00:00+07:00,1,0,
D,2026-03-05T08:00:00+07:00,0,1,
E,2026-03-06T08:00:00+07:00,0,0,UBND xã Quảng Hòa
F,2026-02-26T08:00:00+07:00,1,1,
";

#[test]
fn the_two_intake_rates_of_a_hand_counted_logbook() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    ok(&db, NOW, &["init", "--agency-code", "000.17.22.H56"]);
    let mut csv = format!("{OLD17},{TAIL}\r\n");
    for line in COUNTED.lines() {
        let f: Vec<&str> = line.split(',').collect();
        csv.push_str(&format!(
            ",1.004194,Lê Văn {},,,thôn Đông,in_person,{},,,,received,,0,0,,,,,,{},{},1,{}\r\n",
            f[0], f[1], f[2], f[3], f[4]
        ));
    }
    let file = dir.path().join("counted.csv");
    std::fs::write(&file, csv).unwrap();
    let out = ok(&db, NOW, &["import", "dossiers", file.to_str().unwrap()]);
    assert!(out.contains("imported 6"), "{out}");
    let t = ok(&db, NOW, &["report", "--from", "2026-03-01", "--to", "2026-03-31", "--format", "json"]);
    let r: serde_json::Value = serde_json::from_str(&t).unwrap();
    assert_eq!(r["received"]["online"].as_u64().unwrap() + r["received"]["in_person_postal"].as_u64().unwrap(), 5);
    assert_eq!(r["rates"]["digitized_intake"], 0.6);
    assert_eq!(r["rates"]["synced"], 0.4);
    assert_eq!(r["received_for_others"]["total"], 1);
    // A bad value in one of the new columns is named with its line.
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        format!("{OLD17},{TAIL}\r\n,1.004194,Lê Văn G,,,,in_person,2026-03-02T08:00:00+07:00,,,,received,,0,0,,,,,fax,0,0,1,\r\n"),
    )
    .unwrap();
    let out = motcua(&db, NOW, &["import", "dossiers", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 2: result_delivery «fax»"), "{err}");
}
