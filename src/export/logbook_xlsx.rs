//! The dossier logbook (Sổ theo dõi hồ sơ, Mẫu 06 of Circular 01/2018/TT-VPCP) as a workbook.
//! Two sheets: the book as the circular lays it out, ready to print on A4 landscape, and
//! "Dữ liệu" with every logbook column exactly as the CSV has them, which
//! `motcua import dossiers FILE.xlsx` reads back (see `read_logbook_xlsx`).

use std::path::Path;

use anyhow::{anyhow, bail, Result};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::sheet_style::{book_page_setup, row_height, wrapped_lines, Fonts};
use super::{excel_time, write_file_atomically};
use crate::cli::{logbook_fields, LogbookTable, LOGBOOK_HEADER};
use crate::domain::dossier::{Channel, Dossier};
use crate::domain::text::width;
use crate::i18n::tr;
use crate::store::{error::status_vi, Settings, Store};

/// The book's columns (Mẫu 06) and their widths in characters.
const COLUMNS: [(&str, f64); 14] = [
    ("STT", 5.0),
    // A 25-character code on one line (at 15 it split after the date, seen printed).
    ("Mã hồ sơ", 20.0),
    ("Tên thủ tục hành chính", 25.0),
    ("Số lượng hồ sơ (bộ)", 8.0),
    ("Tên cá nhân, tổ chức", 17.0),
    ("Địa chỉ, số điện thoại", 24.0),
    ("Cơ quan chủ trì giải quyết", 16.0),
    ("Nhận hồ sơ (giờ, ngày)", 12.0),
    ("Hẹn trả kết quả (giờ, ngày)", 12.0),
    // 14: "cơ quan giải quyết" and "Bưu chính công ích" ran over their borders at 12.
    ("Chuyển hồ sơ đến cơ quan giải quyết", 14.0),
    ("Nhận kết quả từ cơ quan giải quyết", 14.0),
    ("Trả kết quả cho cá nhân, tổ chức", 12.0),
    ("Phương thức nhận kết quả", 14.0),
    ("Ghi chú", 16.0),
];

pub const LOGBOOK_XLSX_HEADER: [&str; 14] = {
    let mut names = [""; 14];
    let mut i = 0;
    while i < COLUMNS.len() {
        names[i] = COLUMNS[i].0;
        i += 1;
    }
    names
};

pub const BOOK_SHEET: &str = "Sổ theo dõi hồ sơ";
pub const DATA_SHEET: &str = "Dữ liệu";

/// The header row of the book (0-based); the column numbers "(1)"… below it; data after.
pub const HEADER_ROW: u32 = 5;
pub const FIRST_DATA_ROW: u32 = HEADER_ROW + 2;
/// Excel's last row (1,048,576 rows, counted from 0).
const MAX_ROW: u32 = 1_048_575;

/// Data-sheet columns written as numbers (the rest are text, so that IDs and phones keep
/// their leading 0 and codes stay codes).
const NUMERIC: [&str; 3] = ["fee_vnd", "paid_online", "result_digitized"];

/// How the result reaches the applicant: the way the dossier came in (the only one motcua
/// records).
fn collection(c: Channel) -> &'static str {
    match c {
        Channel::InPerson => "Trực tiếp",
        Channel::Online => "Trực tuyến",
        Channel::Postal => "Bưu chính công ích",
    }
}

struct Formats {
    wrapped: Format,
    number: Format,
    time: Format,
    data_text: Format,
    data_number: Format,
}

/// Writes the dossiers received from `from` to `to` (both included) to `path`.
pub fn logbook_xlsx(store: &Store, from: NaiveDate, to: NaiveDate, settings: &Settings, path: &Path) -> Result<()> {
    let fonts = Fonts::new();
    let mut workbook = Workbook::new();
    let cell = fonts.body().set_border(FormatBorder::Thin).set_align(FormatAlign::Top);
    let f = Formats {
        wrapped: cell.clone().set_text_wrap(),
        number: cell.clone().set_align(FormatAlign::Center),
        time: cell.set_num_format("hh:mm dd/mm/yyyy").set_align(FormatAlign::Center).set_text_wrap(),
        data_text: fonts.body().set_num_format("@"),
        data_number: fonts.body(),
    };
    let book = workbook.add_worksheet();
    title(book, from, to, settings, &fonts)?;
    // The STT is the dossier's number in the year's book (as on the receipt).
    let mut stt = store.book_position_before(from)?;
    let mut year = from.year();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row = FIRST_DATA_ROW - 1;
    store.each_dossier_received(from, to, |d| {
        row += 1;
        if row > MAX_ROW {
            bail!(
                "{}: {}",
                path.display(),
                tr(
                    "quá số dòng tối đa của Excel (1.048.576) — chọn khoảng ngày ngắn hơn",
                    "more than Excel's 1,048,576 rows — choose a shorter period"
                )
            );
        }
        if d.received_at.year() != year {
            year = d.received_at.year();
            stt = 0;
        }
        stt += 1;
        book_row(book, row, stt, d, settings, &f)?;
        rows.push(logbook_fields(d));
        Ok(())
    })?;
    let last_col = COLUMNS.len() as u16 - 1;
    book_page_setup(book, HEADER_ROW, FIRST_DATA_ROW - 1, last_col)?;
    book.autofilter(HEADER_ROW + 1, 0, row.max(FIRST_DATA_ROW - 1), last_col)?;

    let data = workbook.add_worksheet();
    data_sheet(data, &rows, &f, &fonts)?;
    let bytes = workbook.save_to_buffer()?;
    write_file_atomically(path, |w| Ok(w.write_all(&bytes)?))
}

fn title(sheet: &mut Worksheet, from: NaiveDate, to: NaiveDate, s: &Settings, fonts: &Fonts) -> Result<(), XlsxError> {
    let last = COLUMNS.len() as u16 - 1;
    sheet.set_name(BOOK_SHEET)?;
    let bold = fonts.body().set_bold().set_align(FormatAlign::Center);
    sheet.merge_range(0, 0, 0, 4, &s.agency_name.to_uppercase(), &bold)?;
    sheet.merge_range(1, 0, 1, 4, &s.office_kind.to_uppercase(), &bold)?;
    sheet.merge_range(2, 0, 2, last, "SỔ THEO DÕI HỒ SƠ", &fonts.title())?;
    let book = if s.book.trim().is_empty() { from.year().to_string() } else { s.book.trim().to_string() };
    let period = format!("Quyển số: {book} — từ ngày {} đến ngày {}", from.format("%d/%m/%Y"), to.format("%d/%m/%Y"));
    sheet.merge_range(3, 0, 3, last, &period, &fonts.body().set_italic().set_align(FormatAlign::Center))?;
    sheet.set_row_height(2, 24)?;
    let header = fonts
        .body()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(0xDDEBF7);
    let numbers = fonts.body().set_italic().set_border(FormatBorder::Thin).set_align(FormatAlign::Center);
    let mut lines = 1;
    for (col, (name, width)) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, col as u16, *name, &header)?;
        sheet.write_string_with_format(HEADER_ROW + 1, col as u16, format!("({})", col + 1), &numbers)?;
        sheet.set_column_width(col as u16, *width)?;
        lines = lines.max(wrapped_lines(name, *width));
    }
    // Wrapped labels need their height written: LibreOffice does not grow a row for them.
    sheet.set_row_height(HEADER_ROW, row_height(lines))?;
    sheet.set_freeze_panes(FIRST_DATA_ROW, 2)?;
    Ok(())
}

fn book_row(
    sheet: &mut Worksheet,
    row: u32,
    stt: u64,
    d: &Dossier,
    s: &Settings,
    f: &Formats,
) -> Result<(), XlsxError> {
    let time = |sheet: &mut Worksheet, col: u16, t: Option<NaiveDateTime>| -> Result<(), XlsxError> {
        match t {
            Some(t) => sheet.write_datetime_with_format(row, col, excel_time(t)?, &f.time)?,
            None => sheet.write_blank(row, col, &f.time)?,
        };
        Ok(())
    };
    sheet.write_number_with_format(row, 0, stt as f64, &f.number)?;
    sheet.write_string_with_format(row, 1, &d.code, &f.wrapped)?;
    sheet.write_string_with_format(row, 2, &d.procedure_name, &f.wrapped)?;
    sheet.write_number_with_format(row, 3, f64::from(d.sets), &f.number)?;
    sheet.write_string_with_format(row, 4, &d.applicant_name, &f.wrapped)?;
    // The phone is text inside the cell: its leading 0 stays.
    let contact = match (d.address.trim(), d.phone.trim()) {
        ("", p) => p.to_string(),
        (a, "") => a.to_string(),
        (a, p) => format!("{a}\nĐT: {p}"),
    };
    sheet.write_string_with_format(row, 5, &contact, &f.wrapped)?;
    sheet.write_string_with_format(row, 6, &s.agency_name, &f.wrapped)?;
    time(sheet, 7, Some(d.received_at))?;
    // The appointment written on the receipt; a later one (an apology) goes in the notes.
    time(sheet, 8, Some(d.appointment_at_intake))?;
    // Handled by this office itself: nothing was sent out; the result "came back" when ready.
    time(sheet, 9, None)?;
    let back = if d.status == crate::domain::status::Status::Withdrawn { None } else { d.resolved_at };
    time(sheet, 10, back)?;
    time(sheet, 11, d.returned_at)?;
    sheet.write_string_with_format(row, 12, collection(d.channel), &f.wrapped)?;
    let mut notes = vec![status_vi(d.status).to_string()];
    if let Some(a) = &d.apology {
        notes.push(format!("Xin lỗi, hẹn lại {}", a.new_appointment.format("%H:%M %d/%m/%Y")));
    }
    if !d.note.trim().is_empty() {
        notes.push(d.note.trim().to_string());
    }
    let notes = notes.join("; ");
    sheet.write_string_with_format(row, 13, &notes, &f.wrapped)?;
    let lines = [
        (&d.code, 1),
        (&d.procedure_name, 2),
        (&d.applicant_name, 4),
        (&contact, 5),
        (&s.agency_name, 6),
        (&notes, 13),
    ]
    .iter()
    .map(|(text, col)| wrapped_lines(text, COLUMNS[*col].1))
    .max()
    .unwrap_or(1)
    .max(2); // the times take two lines: "hh:mm" over the date
    sheet.set_row_height(row, row_height(lines))?;
    Ok(())
}

/// Every logbook column, one row per dossier, as the CSV has them.
fn data_sheet(sheet: &mut Worksheet, rows: &[Vec<String>], f: &Formats, fonts: &Fonts) -> Result<(), XlsxError> {
    sheet.set_name(DATA_SHEET)?;
    let header = fonts.body().set_bold();
    for (col, name) in LOGBOOK_HEADER.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *name, &header)?;
        // Wide enough for the field name and the longest value (up to a screen's worth).
        let longest = rows.iter().map(|r| r.get(col).map_or(0, |v| width(v))).max().unwrap_or(0);
        sheet.set_column_width(col as u16, (width(name).max(longest).min(60) + 2) as f64)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        for (col, v) in r.iter().enumerate() {
            let numeric = NUMERIC.contains(&LOGBOOK_HEADER[col]);
            match v.parse::<f64>() {
                Ok(n) if numeric => sheet.write_number_with_format(row, col as u16, n, &f.data_number)?,
                _ if v.is_empty() => sheet,
                _ => sheet.write_string_with_format(row, col as u16, v, &f.data_text)?,
            };
        }
    }
    sheet.set_freeze_panes(1, 1)?;
    book_page_setup(sheet, 0, 0, LOGBOOK_HEADER.len() as u16 - 1)
}

/// The data sheet of a logbook workbook as a table of text cells (the sheet whose first row
/// names the logbook columns; the sheet's row numbers are the line numbers).
pub fn read_logbook_xlsx(path: &Path) -> Result<LogbookTable> {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let not_ours = |why: String| anyhow!("{}: {why}", path.display());
    let mut wb: Xlsx<_> = open_workbook(path)
        .map_err(|e| not_ours(format!("{} ({e})", tr("không đọc được tệp xlsx", "cannot read the xlsx file"))))?;
    for name in wb.sheet_names() {
        let Ok(range) = wb.worksheet_range(&name) else { continue };
        let first_row = range.start().map_or(0, |(r, _)| r as usize);
        let first_col = range.start().map_or(0, |(_, c)| c as usize);
        let text = |c: &Data| match c {
            Data::Empty => String::new(),
            Data::String(s) => s.clone(),
            // A whole number written as a number (a fee, a flag, or an ID a spreadsheet made numeric).
            Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
            Data::Float(f) => f.to_string(),
            Data::Int(i) => i.to_string(),
            Data::Bool(b) => if *b { "1" } else { "0" }.to_string(),
            Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
            Data::DateTime(t) => serial_time(t.as_f64()).map_or_else(|| t.as_f64().to_string(), crate::clock::rfc3339),
            Data::Error(e) => format!("#{e:?}"),
        };
        let mut rows = range.rows().enumerate().map(|(i, r)| {
            // Cells left of the range's first column are empty, as in the file.
            let mut cells = vec![String::new(); first_col];
            cells.extend(r.iter().map(text));
            while cells.last().is_some_and(|c| c.is_empty()) && cells.len() > LOGBOOK_HEADER.len() {
                cells.pop();
            }
            (first_row + i + 1, cells)
        });
        let Some((_, header)) = rows.next() else { continue };
        if !(header.iter().any(|h| h.trim() == "code") && header.iter().any(|h| h.trim() == "procedure_code")) {
            continue;
        }
        let header: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
        let width = header.iter().rposition(|h| !h.is_empty()).map_or(0, |i| i + 1);
        let rows = rows
            .map(|(line, mut cells)| {
                // A row is as wide as the header unless it holds something past it (then it is bad).
                if cells.len() < width {
                    cells.resize(width, String::new());
                }
                if cells[width..].iter().all(|c| c.is_empty()) {
                    cells.truncate(width);
                }
                (line, cells)
            })
            .collect();
        return Ok(LogbookTable { header: header[..width].to_vec(), rows });
    }
    Err(not_ours(
        tr(
            "không có trang nào mang các cột của sổ theo dõi (code, procedure_code, …) — dùng tệp do motcua xuất",
            "no sheet carries the logbook columns (code, procedure_code, …) — use a file motcua exported",
        )
        .to_string(),
    ))
}

/// An Excel serial date (days since 30 Dec 1899, the 1900 system) as office time, to the second.
fn serial_time(serial: f64) -> Option<NaiveDateTime> {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_hms_opt(0, 0, 0)?;
    let seconds = (serial * 86_400.0).round();
    (seconds.is_finite() && seconds.abs() < 1e12).then(|| epoch + chrono::Duration::seconds(seconds as i64))
}
