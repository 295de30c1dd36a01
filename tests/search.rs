//! `motcua dossier find`: a name typed with or without diacritics, a code, a phone or an ID.

mod foundation;

use foundation::{motcua, ok};

const NOW: &str = "2024-03-04T09:00:00+07:00";

#[test]
fn find_by_name_with_or_without_diacritics_code_and_phone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    ok(&db, NOW, &["init", "--agency-code", "000.17.22.H56"]);
    let mut codes = vec![];
    for (name, phone) in [
        ("Nguyễn Văn An", "0912000001"),
        ("Nguyen Van Binh", "0912000002"),
        ("Nguyễn Thị Cúc", "0912000003"),
        ("Đặng Văn Dũng", "0987000004"),
    ] {
        let out = ok(&db, NOW, &["dossier", "add", "--procedure", "2.000815", "--name", name, "--phone", phone]);
        codes.push(out.lines().last().unwrap().to_string());
    }
    let find = |args: &[&str]| -> Vec<Vec<String>> {
        let mut all = vec!["dossier", "find"];
        all.extend_from_slice(args);
        ok(&db, NOW, &all).lines().map(|l| l.split('\t').map(str::to_string).collect()).collect()
    };
    let names = |rows: &[Vec<String>]| rows.iter().map(|r| r[1].clone()).collect::<Vec<_>>();

    // Each line: code, name, status, due date.
    let rows = find(&["nguyen van"]);
    assert_eq!(names(&rows), ["Nguyễn Văn An", "Nguyen Van Binh"]);
    assert_eq!(rows[0], [codes[0].as_str(), "Nguyễn Văn An", "received", "2024-03-04"]);
    assert_eq!(names(&find(&["NGUYỄN"])), ["Nguyễn Thị Cúc", "Nguyễn Văn An", "Nguyen Van Binh"]);
    assert_eq!(names(&find(&["dang van"])), ["Đặng Văn Dũng"]);
    assert_eq!(names(&find(&["nguyen", "--limit", "1"])), ["Nguyễn Thị Cúc"]);
    assert_eq!(names(&find(&["0987"])), ["Đặng Văn Dũng"]);
    assert_eq!(names(&find(&[&codes[2]])), ["Nguyễn Thị Cúc"]);
    assert!(find(&["trần"]).is_empty());
    // Pattern characters typed by mistake are dropped, not read as a pattern.
    assert!(motcua(&db, NOW, &["dossier", "find", "*[?"]).status.success());
}
