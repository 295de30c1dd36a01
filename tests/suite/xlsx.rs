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

fn sheet_names(path: &Path) -> Vec<String> {
    let wb: Xlsx<_> = open_workbook(path).unwrap();
    wb.sheet_names()
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

/// The cells of a row from column 2 on, numbers as read back.
fn counts_of(r: &Range<Data>, row: u32, cols: u32) -> Vec<f64> {
    (2..2 + cols).map(|c| number(r, row, c)).collect()
}

#[test]
fn the_report_workbook_is_form_ii_06a() {
    let (o, _) = fixture();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bao-cao.xlsx");
    let period = Period::new(d("2026-08-01"), d("2026-08-31")).unwrap();
    let report = o.store.report(period, at(NOW)).unwrap();
    let form = o.store.form_of(&report, at(NOW), "head").unwrap();
    report_xlsx(&form, &report, &path).unwrap();
    assert!(!dir.path().join("bao-cao.part").exists());
    assert_eq!(sheet_names(&path), ["Báo cáo", "Chỉ số"]);

    let r = sheet(&path, "Báo cáo");
    // The header of the form (DOMAIN §5).
    assert_eq!(text(&r, 0, 0), "Đơn vị báo cáo: UBND xã Thử Nghiệm");
    assert!(text(&r, 1, 0).starts_with("Đơn vị nhận báo cáo:"));
    assert_eq!(text(&r, 0, 9), "Biểu số II.06a/VPCP/KSTT");
    assert!(text(&r, 3, 0).starts_with("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"));
    assert_eq!(text(&r, 4, 0), "Kỳ báo cáo: Tháng 08 năm 2026 (Từ ngày 01/08/2026 đến ngày 31/08/2026)");
    // August is still running on 28/08 at 17:00: the form says when its figures were read.
    assert_eq!(text(&r, 5, 0), "(Số liệu tính đến 17:00 ngày 28/08/2026; kỳ báo cáo chưa kết thúc)");
    assert_eq!(text(&r, 6, 9), "Đơn vị tính: Số hồ sơ TTHC");
    assert_eq!((text(&r, 7, 0), text(&r, 7, 1)), ("TT".to_string(), "Lĩnh vực giải quyết".to_string()));
    assert_eq!(text(&r, 7, 2), "Số hồ sơ nhận giải quyết");
    assert_eq!(text(&r, 7, 6), "Kết quả giải quyết: số hồ sơ đã giải quyết");
    assert_eq!(text(&r, 7, 10), "Số hồ sơ đang giải quyết");
    let names: Vec<String> = (2..13).map(|c| text(&r, 8, c)).collect();
    assert_eq!(
        names,
        [
            "Tổng số",
            "Số mới tiếp nhận trực tuyến",
            "Số mới tiếp nhận trực tiếp, qua dịch vụ bưu chính công ích",
            "Số kỳ trước chuyển qua",
            "Tổng số",
            "Trả trước hạn",
            "Trả đúng hạn",
            "Trả quá hạn",
            "Tổng số",
            "Trong hạn",
            "Quá hạn",
        ]
    );
    // Exactly 13 columns, numbered (1) to (13); nothing beside them.
    let numbers: Vec<String> = (0..13).map(|c| text(&r, 9, c)).collect();
    assert_eq!(numbers, (1..=13).map(|n| format!("({n})")).collect::<Vec<_>>());
    assert_eq!(cell(&r, 9, 13), Data::Empty);
    assert_eq!(r.width(), 13);

    // The month of August by hand (tests/suite/dashboard.rs), still running on Fri 28 Aug
    // 17:00: judged that day. Columns (3) received = (4) online + (5) counter/post + (6)
    // carried; (7) resolved = (8) before + (9) on time + (10) late; (11) pending = (12)
    // within + (13) overdue. M, withdrawn, counts under (9).
    // - Chứng thực: C, D, J, L, N at the counter; J late, L on its due date; C (due today),
    //   D, N within.
    // - Cư trú: F by post, H at the counter: F within, H paused with days left (within).
    // - Hộ tịch: E online, A, B, G, I, K, M at the counter; I before due, K on time, M
    //   withdrawn (on time); E within; A, B and G (paused after its due date) overdue.
    let rows = [
        ("Chứng thực", [5.0, 0.0, 5.0, 0.0, 2.0, 0.0, 1.0, 1.0, 3.0, 3.0, 0.0]),
        ("Cư trú", [2.0, 0.0, 2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0, 2.0, 0.0]),
        ("Hộ tịch", [7.0, 1.0, 6.0, 0.0, 3.0, 1.0, 2.0, 0.0, 4.0, 1.0, 3.0]),
        ("Tổng cộng", [14.0, 1.0, 13.0, 0.0, 5.0, 1.0, 3.0, 1.0, 9.0, 6.0, 3.0]),
    ];
    for (i, (field, values)) in rows.iter().enumerate() {
        let row = 10 + i as u32;
        assert_eq!(text(&r, row, 1), *field);
        let got = counts_of(&r, row, 11);
        assert_eq!(got, values.to_vec(), "{field}");
        // received = resolved + pending, read back from the cells.
        assert_eq!(got[0], got[4] + got[8], "{field}");
    }
    assert_eq!((number(&r, 10, 0), number(&r, 12, 0)), (1.0, 3.0));
    assert!(text(&r, 14, 0).contains("cột (9) gồm cả 1 hồ sơ công dân rút"), "{}", text(&r, 14, 0));
    // The place (from the office's name) and the day the form is made; the signers.
    assert_eq!(text(&r, 16, 8), "Thử Nghiệm, ngày 28 tháng 08 năm 2026");
    assert_eq!((text(&r, 17, 0), text(&r, 17, 8)), ("NGƯỜI LẬP BIỂU".to_string(), "THỦ TRƯỞNG ĐƠN VỊ".to_string()));
    // The fixture's staff have no full names (the login is all there is): a line to sign by
    // hand, never the login; the head's name from the office settings once it is set.
    assert!(matches!(cell(&r, 22, 8), Data::Empty) || text(&r, 22, 8).is_empty(), "{:?}", cell(&r, 22, 8));
    let mut o = o;
    o.store.set_setting("head", "head_name", "Lê Văn Thủ").unwrap();
    let named = dir.path().join("named.xlsx");
    report_xlsx(&o.store.form_of(&report, at(NOW), "head").unwrap(), &report, &named).unwrap();
    assert_eq!(text(&sheet(&named, "Báo cáo"), 22, 8), "Lê Văn Thủ");

    // The indicators, each with its numerator and denominator.
    let i = sheet(&path, "Chỉ số");
    assert!(text(&i, 1, 0).starts_with("Tỷ lệ giải quyết đúng hạn"));
    // On time: (I + K + L) / (I, J, K, L) = 3/4; online: E / 14; paid online: D / 5 with a fee.
    assert_eq!((number(&i, 1, 1), number(&i, 1, 2), number(&i, 1, 3)), (0.75, 3.0, 4.0));
    assert_eq!(number(&i, 2, 1), 1.0 / 14.0);
    assert_eq!(number(&i, 3, 1), 0.2);
    assert_eq!(number(&i, 4, 1), 0.25);
    assert_eq!(number(&i, 5, 1), 1.0);
}

#[test]
fn withdrawn_in_a_column_of_their_own_when_set() {
    let (mut o, _) = fixture();
    o.store.set_report_setting("head", "report.withdrawn", "separate").unwrap();
    assert!(o.store.set_report_setting("head", "report.withdrawn", "sometimes").is_err());
    assert!(o.store.set_report_setting("lan", "report.withdrawn", "on_time").is_err(), "only the head");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bao-cao.xlsx");
    let period = Period::new(d("2026-08-01"), d("2026-08-31")).unwrap();
    let report = o.store.report(period, at(NOW)).unwrap();
    report_xlsx(&o.store.form_of(&report, at(NOW), "head").unwrap(), &report, &path).unwrap();
    let r = sheet(&path, "Báo cáo");
    assert_eq!(text(&r, 7, 13), "Rút hồ sơ (ngoài biểu)");
    // Hộ tịch without M under (9): resolved I and K only; M in the 14th column.
    assert_eq!(counts_of(&r, 12, 12), [7.0, 1.0, 6.0, 0.0, 2.0, 1.0, 1.0, 0.0, 4.0, 1.0, 3.0, 1.0]);
    // 14 received = 4 resolved + 9 pending + 1 withdrawn.
    assert_eq!(counts_of(&r, 13, 12), [14.0, 1.0, 13.0, 0.0, 4.0, 1.0, 2.0, 1.0, 9.0, 6.0, 3.0, 1.0]);
    assert!(text(&r, 14, 0).contains("1 hồ sơ công dân rút được ghi ở cột"), "{}", text(&r, 14, 0));
}

#[test]
fn an_empty_period_has_dashes_for_rates() {
    let (o, _) = fixture();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.xlsx");
    let period = Period::new(d("2025-01-01"), d("2025-01-31")).unwrap();
    let report = o.store.report(period, at(NOW)).unwrap();
    report_xlsx(&o.store.form_of(&report, at(NOW), "head").unwrap(), &report, &path).unwrap();
    let r = sheet(&path, "Báo cáo");
    // January 2025 has ended: no "as of" line, the unit right under the period.
    assert_eq!(cell(&r, 5, 0), Data::Empty);
    assert_eq!(text(&r, 5, 9), "Đơn vị tính: Số hồ sơ TTHC");
    // No field row: the total follows the column numbers, zeros as numbers.
    assert_eq!(text(&r, 10, 1), "Tổng cộng");
    assert_eq!(counts_of(&r, 10, 11), vec![0.0; 11]);
    let i = sheet(&path, "Chỉ số");
    assert_eq!(text(&i, 1, 1), "—");
    assert_eq!(number(&i, 1, 3), 0.0);
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
    assert_eq!(text(&r, 0, 0), "Đơn vị báo cáo: UBND xã Hải Hà");
    assert_eq!((text(&r, 10, 1), number(&r, 10, 2)), ("Hộ tịch".to_string(), 1.0));
    assert_eq!((text(&r, 11, 1), number(&r, 11, 2)), ("Tổng cộng".to_string(), 1.0));

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
