//! The workbooks read back with calamine: the right values in the right cells, numbers as
//! numbers, dates as dates, Vietnamese headings; and the command line's --format xlsx.

use crate::office;

use std::path::Path;
use std::process::Command;

use calamine::{open_workbook, Data, Range, Reader, Xlsx};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use motcua::domain::report::Period;
use motcua::export::{logbook_xlsx, report_xlsx, LOGBOOK_XLSX_HEADER};
use office::*;

fn sheet(path: &Path, name: &str) -> Range<Data> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    assert!(wb.sheet_names().contains(&name.to_string()), "{:?}", wb.sheet_names());
    wb.worksheet_range(name).unwrap()
}

fn cell(r: &Range<Data>, row: u32, col: u32) -> Data {
    r.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

fn text(r: &Range<Data>, row: u32, col: u32) -> String {
    match cell(r, row, col) {
        Data::String(s) => s,
        other => panic!("({row}, {col}) is not text: {other:?}"),
    }
}

fn number(r: &Range<Data>, row: u32, col: u32) -> f64 {
    match cell(r, row, col) {
        Data::Float(f) => f,
        other => panic!("({row}, {col}) is not a number: {other:?}"),
    }
}

/// A date cell as office time (Excel counts days from 30 Dec 1899).
fn time(r: &Range<Data>, row: u32, col: u32) -> NaiveDateTime {
    match cell(r, row, col) {
        Data::DateTime(t) => {
            let serial = t.as_f64();
            let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap().and_hms_opt(0, 0, 0).unwrap();
            epoch + Duration::milliseconds((serial * 86_400_000.0).round() as i64)
        }
        other => panic!("({row}, {col}) is not a date: {other:?}"),
    }
}

#[test]
fn the_report_workbook() {
    let (o, _) = fixture();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bao-cao.xlsx");
    let report = o.store.report(Period::new(d("2026-08-01"), d("2026-08-31")).unwrap()).unwrap();
    report_xlsx(&report, &settings(), &path).unwrap();
    assert!(!dir.path().join("bao-cao.part").exists());

    let r = sheet(&path, "Báo cáo");
    assert_eq!(text(&r, 0, 0), "UBND xã Thử Nghiệm");
    assert_eq!(text(&r, 4, 0), "Kỳ báo cáo: từ ngày 01/08/2026 đến ngày 31/08/2026");
    assert_eq!(text(&r, 6, 1), "Lĩnh vực");
    assert_eq!(text(&r, 6, 2), "Số hồ sơ nhận giải quyết");
    assert_eq!(text(&r, 7, 3), "Kỳ trước chuyển qua");
    assert_eq!(text(&r, 6, 13), "Rút hồ sơ");
    // One row per field in name order, from row 8, then the total; the counts of
    // tests/dashboard.rs (month of August): received, carried, online, other, resolved,
    // before, on time, late, pending, within, overdue, withdrawn.
    let rows = [
        (CHUNG_THUC, [5.0, 0.0, 0.0, 5.0, 2.0, 0.0, 1.0, 1.0, 3.0, 2.0, 1.0, 0.0]),
        (CU_TRU, [2.0, 0.0, 0.0, 2.0, 0.0, 0.0, 0.0, 0.0, 2.0, 2.0, 0.0, 0.0]),
        (HO_TICH, [7.0, 0.0, 1.0, 6.0, 2.0, 1.0, 1.0, 0.0, 4.0, 1.0, 3.0, 1.0]),
        ("Tổng cộng", [14.0, 0.0, 1.0, 13.0, 4.0, 1.0, 2.0, 1.0, 9.0, 5.0, 4.0, 1.0]),
    ];
    for (i, (field, values)) in rows.iter().enumerate() {
        let row = 8 + i as u32;
        assert_eq!(text(&r, row, 1), *field);
        let got: Vec<f64> = (2..14).map(|c| number(&r, row, c)).collect();
        assert_eq!(got, values.to_vec(), "{field}");
    }
    assert_eq!(number(&r, 8, 0), 1.0);
    // The indicators two rows below the total: a fraction (shown as a percentage), its
    // numerator and denominator.
    assert_eq!(text(&r, 13, 1), "Chỉ số");
    assert!(text(&r, 14, 1).starts_with("Tỷ lệ giải quyết đúng hạn"));
    assert_eq!((number(&r, 14, 2), number(&r, 14, 3), number(&r, 14, 4)), (0.75, 3.0, 4.0));
    assert_eq!(number(&r, 15, 2), 1.0 / 14.0);
    assert_eq!(number(&r, 16, 2), 0.2);
    assert_eq!(number(&r, 17, 2), 0.25);
    assert_eq!(number(&r, 18, 2), 1.0);
}

#[test]
fn an_empty_period_has_dashes_for_rates() {
    let (o, _) = fixture();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.xlsx");
    let report = o.store.report(Period::new(d("2025-01-01"), d("2025-01-31")).unwrap()).unwrap();
    report_xlsx(&report, &settings(), &path).unwrap();
    let r = sheet(&path, "Báo cáo");
    // No field row: the total follows the header, zeros as numbers; rates with nothing to rate.
    assert_eq!(text(&r, 8, 1), "Tổng cộng");
    assert_eq!(number(&r, 8, 2), 0.0);
    assert_eq!(text(&r, 11, 2), "—");
    assert_eq!(number(&r, 11, 4), 0.0);
}

#[test]
fn the_logbook_workbook() {
    let (o, c) = fixture();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("so.xlsx");
    logbook_xlsx(&o.store, d("2026-08-01"), d("2026-08-27"), &settings(), &path).unwrap();
    let wb: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(wb.sheet_names(), vec!["Sổ theo dõi hồ sơ".to_string(), "Dữ liệu".to_string()]);
    let r = sheet(&path, "Sổ theo dõi hồ sơ");
    assert_eq!(text(&r, 0, 0), "UBND XÃ THỬ NGHIỆM");
    assert_eq!(text(&r, 2, 0), "SỔ THEO DÕI HỒ SƠ");
    assert_eq!(text(&r, 3, 0), "Quyển số: 2026 — từ ngày 01/08/2026 đến ngày 27/08/2026");
    // The columns of Mẫu 06 (Circular 01/2018/TT-VPCP), numbered (1) to (14) below.
    let header: Vec<String> = (0..14).map(|col| text(&r, 5, col)).collect();
    assert_eq!(header, LOGBOOK_XLSX_HEADER.to_vec());
    assert_eq!(
        header,
        [
            "STT",
            "Mã hồ sơ",
            "Tên thủ tục hành chính",
            "Số lượng hồ sơ (bộ)",
            "Tên cá nhân, tổ chức",
            "Địa chỉ, số điện thoại",
            "Cơ quan chủ trì giải quyết",
            "Nhận hồ sơ (giờ, ngày)",
            "Hẹn trả kết quả (giờ, ngày)",
            "Chuyển hồ sơ đến cơ quan giải quyết",
            "Nhận kết quả từ cơ quan giải quyết",
            "Trả kết quả cho cá nhân, tổ chức",
            "Phương thức nhận kết quả",
            "Ghi chú",
        ]
    );
    let numbers: Vec<String> = (0..14).map(|col| text(&r, 6, col)).collect();
    assert_eq!(numbers, (1..=14).map(|n| format!("({n})")).collect::<Vec<_>>());
    // Received up to 27 Aug, in received order: I (3 Aug), G, A, B, H, J, K, M, C, L — ten;
    // the four of 28 Aug are outside.
    let order = [&c.i, &c.g, &c.a, &c.b, &c.h, &c.j, &c.k, &c.m, &c.c, &c.l];
    for (n, code) in order.iter().enumerate() {
        let row = 7 + n as u32;
        assert_eq!(number(&r, row, 0), (n + 1) as f64);
        assert_eq!(text(&r, row, 1), **code);
        assert_eq!(number(&r, row, 3), 1.0, "one set");
    }
    assert_eq!(cell(&r, 17, 1), Data::Empty);
    // I: received Mon 3 Aug 09:00, appointment on its due date Thu 6 Aug at the same time,
    // returned Fri 7 Aug 08:00.
    assert_eq!(text(&r, 7, 2), "Cấp giấy xác nhận tình trạng hôn nhân");
    assert_eq!(text(&r, 7, 4), "Ngô Văn Ích");
    assert!(text(&r, 7, 5).ends_with("ĐT: 0912345678"), "{}", text(&r, 7, 5));
    assert_eq!(text(&r, 7, 6), "UBND xã Thử Nghiệm");
    assert_eq!(time(&r, 7, 7), at("2026-08-03 09:00"));
    assert_eq!(time(&r, 7, 8), at("2026-08-06 09:00"));
    assert_eq!(time(&r, 7, 11), at("2026-08-07 08:00"));
    assert_eq!(text(&r, 7, 12), "Trực tiếp");
    assert_eq!(text(&r, 7, 13), "Đã trả kết quả");
    // B (due Fri 21 Aug): the apology moved its appointment to 3 Sep; the book keeps the one given at intake
    // and says the new one in its notes; not returned.
    assert_eq!(time(&r, 10, 8), at("2026-08-21 09:00"));
    assert_eq!(cell(&r, 10, 11), Data::Empty);
    assert!(text(&r, 10, 13).starts_with("Đang xử lý; Xin lỗi, hẹn lại 09:00 03/09/2026"), "{}", text(&r, 10, 13));
    // The data sheet: every logbook column, IDs and phones as text.
    let data = sheet(&path, "Dữ liệu");
    assert_eq!(text(&data, 0, 0), "code");
    assert_eq!(text(&data, 1, 0), *c.i);
    assert_eq!(text(&data, 1, 4), "0912345678");
}

fn motcua(db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_motcua"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("MOTCUA_NOW", "2026-08-28T10:00:00+07:00")
        .env("MOTCUA_USER", "head")
        .env("MOTCUA_LANG", "vi")
        .output()
        .unwrap()
}

#[test]
fn the_command_line_writes_workbooks() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    assert!(motcua(&db, &["init", "--agency-name", "UBND xã Hải Hà"]).status.success());
    let added = motcua(&db, &["dossier", "add", "--procedure", "1.004873", "--name", "Nguyễn Thị Hà"]);
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));

    // A workbook is not printed: --out is required, with one clear line, and nothing written.
    for args in [
        &["report", "--from", "2026-08-01", "--to", "2026-08-31", "--format", "xlsx"][..],
        &["export", "dossiers", "--from", "2026-08-01", "--to", "2026-08-31", "--format", "xlsx"][..],
    ] {
        let out = motcua(&db, args);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("--out"), "{err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(out.stdout.is_empty());
    }

    let report = dir.path().join("bao-cao.xlsx");
    let out = motcua(
        &db,
        &[
            "report",
            "--from",
            "2026-08-01",
            "--to",
            "2026-08-31",
            "--format",
            "xlsx",
            "--out",
            report.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let r = sheet(&report, "Báo cáo");
    assert_eq!(text(&r, 0, 0), "UBND xã Hải Hà");
    assert_eq!((text(&r, 8, 1), number(&r, 8, 2)), ("Hộ tịch".to_string(), 1.0));
    assert_eq!((text(&r, 9, 1), number(&r, 9, 2)), ("Tổng cộng".to_string(), 1.0));

    let book = dir.path().join("so.xlsx");
    let out = motcua(
        &db,
        &[
            "export",
            "dossiers",
            "--from",
            "2026-08-28",
            "--to",
            "2026-08-28",
            "--format",
            "xlsx",
            "--out",
            book.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let r = sheet(&book, "Sổ theo dõi hồ sơ");
    assert_eq!(text(&r, 7, 4), "Nguyễn Thị Hà");
    assert_eq!(time(&r, 7, 7), at("2026-08-28 10:00"));
    assert_eq!(text(&r, 7, 13), "Đã tiếp nhận");
}
