//! The logbook CSV (Mẫu 06): export → import → export is byte for byte the same, and an
//! import with bad lines imports nothing unless told to skip them.

use crate::foundation;

use foundation::{export_all, logbook_rows, motcua, ok, stderr};

const NOW: &str = "2026-11-20T16:30:00+07:00";
const HEADER: &str = "code,procedure_code,applicant_name,applicant_id,phone,address,channel,received_at,due_date,\
                      resolved_at,returned_at,status,fee_vnd,paid_online,result_digitized,assignee,note";

#[test]
fn export_import_export_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.db");
    ok(&demo, NOW, &["demo", "--dossiers", "400", "--seed", "5"]);
    let first = export_all(&demo, NOW);
    let rows = logbook_rows(&first);
    assert_eq!(rows.len(), 400);
    // The demo has every kind of line the format must carry.
    for status in ["in_progress", "ready", "returned", "withdrawn"] {
        assert!(rows.iter().any(|r| r["status"] == status), "no {status} dossier in the demo logbook");
    }
    let file = dir.path().join("logbook.csv");
    std::fs::write(&file, &first).unwrap();

    let copy = dir.path().join("copy.db");
    ok(&copy, NOW, &["init"]);
    let out = ok(&copy, "2026-11-21T08:00:00+07:00", &["import", "dossiers", file.to_str().unwrap()]);
    assert!(out.contains("imported 400"), "{out}");
    let second = export_all(&copy, NOW);
    if first != second {
        let (a, b) = (String::from_utf8_lossy(&first), String::from_utf8_lossy(&second));
        let diff = a.lines().zip(b.lines()).find(|(x, y)| x != y);
        panic!("the logbook changed on the way through: {diff:?}");
    }
    // The imported control sheets agree with the statuses, the counters with the rows.
    let check = motcua(&copy, NOW, &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    // And the report is the same on both databases, but for the satisfaction answers: the
    // logbook (Mẫu 06) has no column for them, so they stay behind.
    let report = |db| -> serde_json::Value {
        let text = ok(db, NOW, &["report", "--from", "2025-01-01", "--to", "2025-12-31", "--format", "json"]);
        let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
        v["rates"]["satisfaction"].take();
        for f in v["by_field"].as_array_mut().unwrap() {
            f["rates"]["satisfaction"].take();
        }
        for a in v["by_agency"].as_array_mut().unwrap() {
            a["rates"]["satisfaction"].take();
        }
        v
    };
    assert_eq!(report(&demo), report(&copy));
}

/// Two good lines (2 and 8) around five bad ones, one fault each.
fn mixed_file(dir: &std::path::Path) -> std::path::PathBuf {
    let lines = [
        HEADER,
        ",2.000815,Nguyễn Văn Tốt,038190012345,0912345678,Thôn Đông,in_person,2024-03-04 08:00,,,,received,,0,0,,",
        ",2.000815,Nguyễn Văn Ngày,,,,in_person,2024-02-30 08:00,,,,received,,0,0,,",
        ",9.999999,Nguyễn Văn Thủ Tục,,,,in_person,2024-03-04 08:00,,,,received,,0,0,,",
        ",2.000815,Nguyễn Văn Số,0381900123456,,,in_person,2024-03-04 08:00,,,,received,,0,0,,",
        ",2.000815,Nguyễn Văn Trạng,,,,in_person,2024-03-04 08:00,,,,done,,0,0,,",
        ",2.000815,Nguyễn Văn Kênh,,,,fax,2024-03-04 08:00,,,,received,,0,0,,",
        ",1.004194,Nguyễn Thị Tốt,,,,online,2024-03-04T09:00:00+07:00,,2024-03-05 10:00,,ready,,1,1,,",
    ];
    let file = dir.join("mixed.csv");
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    file
}

#[test]
fn a_file_with_bad_lines_imports_nothing_and_names_every_bad_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    ok(&db, NOW, &["init"]);
    let file = mixed_file(dir.path());
    let out = motcua(&db, NOW, &["import", "dossiers", file.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = stderr(&out);
    for (line, what) in [(3, "received_at"), (4, "procedure_code"), (5, "applicant_id"), (6, "status"), (7, "channel")]
    {
        let said = err
            .lines()
            .find(|l| l.contains(&format!("line {line}:")))
            .unwrap_or_else(|| panic!("line {line} not named:\n{err}"));
        assert!(said.contains(what), "line {line} should say what is wrong with {what}: {said}");
    }
    for good in [2, 8] {
        assert!(!err.contains(&format!("line {good}:")), "good line {good} named as bad:\n{err}");
    }
    assert!(err.contains("5 bad lines; nothing imported"), "{err}");
    assert_eq!(logbook_rows(&export_all(&db, NOW)).len(), 0, "nothing may be imported");

    let out = ok(&db, NOW, &["import", "dossiers", "--skip-bad", file.to_str().unwrap()]);
    assert!(out.contains("imported 2"), "{out}");
    let rows = logbook_rows(&export_all(&db, NOW));
    let names: Vec<&str> = rows.iter().map(|r| r["applicant_name"].as_str()).collect();
    assert_eq!(names, ["Nguyễn Văn Tốt", "Nguyễn Thị Tốt"]);
    // Empty code → a new code; empty due date → computed (same day, 08:00 < 15:00; 3 days from Mon 4 Mar).
    assert_eq!(rows[0]["code"], "000.00.00.H00-240304-0001");
    assert_eq!(rows[0]["due_date"], "2024-03-04");
    assert_eq!(rows[1]["due_date"], "2024-03-07");
    // Empty fee → the procedure's fee (chứng thực bản sao: 2.000 đ; tạm trú: 15.000 đ).
    assert_eq!((rows[0]["fee_vnd"].as_str(), rows[1]["fee_vnd"].as_str()), ("2000", "15000"));

    // Importing the same good lines again: their codes are now taken → refused, whole.
    let again = dir.path().join("again.csv");
    std::fs::write(&again, export_all(&db, NOW)).unwrap();
    let out = motcua(&db, NOW, &["import", "dossiers", again.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("line 2: code 000.00.00.H00-240304-0001"), "{}", stderr(&out));
    assert_eq!(logbook_rows(&export_all(&db, NOW)).len(), 2);
}

#[test]
fn a_file_that_is_not_a_logbook_is_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    ok(&db, NOW, &["init"]);
    let file = dir.path().join("wrong.csv");
    std::fs::write(&file, "name,phone\nAn,0912345678\n").unwrap();
    let out = motcua(&db, NOW, &["import", "dossiers", file.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("line 1: missing columns code, procedure_code"), "{}", stderr(&out));
    let latin1 = dir.path().join("latin1.csv");
    std::fs::write(&latin1, b"code,applicant_name\n,Nguy\xean\n").unwrap();
    let out = motcua(&db, NOW, &["import", "dossiers", latin1.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("not UTF-8"), "{}", stderr(&out));
    assert_eq!(logbook_rows(&export_all(&db, NOW)).len(), 0);
}
