//! A logbook row "supplement" is imported with its clock stopped: the pause starts at the
//! import (the logbook has no column for the day it was asked), with the days left then.

use crate::foundation::{ok, AGENCY};

use motcua::store::Store;

const NOW: &str = "2026-11-20T17:00:00+07:00";

#[test]
fn an_imported_supplement_stops_the_clock_from_the_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    ok(&db, NOW, &["init", "--agency-code", AGENCY]);
    let csv = dir.path().join("so.csv");
    std::fs::write(
        &csv,
        "code,procedure_code,applicant_name,applicant_id,phone,address,channel,received_at,due_date,resolved_at,returned_at,status,fee_vnd,paid_online,result_digitized,assignee,note\n\
         ,1.004873,Lê Văn Chờ,,,,in_person,2026-11-16 09:00,2026-11-25,,,supplement,0,0,0,,\n\
         ,1.004873,Lê Văn Trễ,,,,in_person,2026-11-02 09:00,2026-11-10,,,supplement,0,0,0,,\n",
    )
    .unwrap();
    let out = ok(&db, NOW, &["import", "dossiers", csv.to_str().unwrap()]);
    assert!(out.contains("imported 2"), "{out}");
    let store = Store::open(&db).unwrap();
    let find =
        |name: &str| store.search(name, None, 10).unwrap().into_iter().find(|d| d.applicant_name == name).unwrap();
    // Due Wednesday 25/11, imported Friday 20/11 at 17:00: 23, 24, 25/11 are left = 3 working
    // days, kept while the citizen has the dossier; not overdue.
    let waiting = find("Lê Văn Chờ");
    assert_eq!(waiting.paused_days_left, Some(3));
    let pauses = store.pauses(waiting.id).unwrap();
    assert_eq!(pauses.len(), 1);
    assert_eq!(pauses[0].from.to_string(), "2026-11-20 17:00:00");
    assert_eq!((pauses[0].remaining_days, pauses[0].to), (3, None));
    // Due 10/11, already past at the import: the pause erases nothing, it stays overdue.
    let late = find("Lê Văn Trễ");
    assert_eq!(late.paused_days_left, None);
    assert_eq!(late.due_date.to_string(), "2026-11-10");
    assert_eq!(store.pauses(late.id).unwrap()[0].remaining_days, 0);
    // The report of November judged now: one pending within due (paused), one overdue.
    let json: serde_json::Value = serde_json::from_str(&ok(
        &db,
        NOW,
        &["report", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(json["pending"]["within_due"], 1, "{json}");
    assert_eq!(json["pending"]["paused"], 1, "{json}");
    assert_eq!(json["pending"]["overdue"], 1, "{json}");
    // The audit chain still holds over the imported rows.
    let check = ok(&db, NOW, &["check"]);
    assert!(!check.to_lowercase().contains("broken"), "{check}");
}
