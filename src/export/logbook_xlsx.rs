//! The dossier logbook (Sổ theo dõi hồ sơ, Mẫu 06 of Circular 01/2018/TT-VPCP) as a workbook,
//! with the form's Vietnamese column headings, real Excel dates and the status.

use std::path::Path;

use anyhow::{bail, Result};
use chrono::{NaiveDate, NaiveDateTime};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::{excel_time, write_file_atomically};
use crate::domain::dossier::{Channel, Dossier};
use crate::i18n::tr;
use crate::store::{error::status_vi, Settings, Store};

/// The form's columns and their widths (in characters), then the status, which the paper
/// book shows by its filled-in columns.
const COLUMNS: [(&str, f64); 13] = [
    ("STT", 6.0),
    ("Mã hồ sơ", 26.0),
    ("Thủ tục", 42.0),
    ("Người nộp", 24.0),
    ("Địa chỉ", 36.0),
    ("Điện thoại", 13.0),
    ("Cơ quan giải quyết", 24.0),
    ("Tiếp nhận", 17.0),
    ("Hẹn trả", 17.0),
    ("Trả kết quả", 17.0),
    ("Hình thức nhận kết quả", 20.0),
    ("Ghi chú", 30.0),
    ("Trạng thái", 20.0),
];

pub const LOGBOOK_XLSX_HEADER: [&str; 13] = {
    let mut names = [""; 13];
    let mut i = 0;
    while i < COLUMNS.len() {
        names[i] = COLUMNS[i].0;
        i += 1;
    }
    names
};

const HEADER_ROW: u32 = 5;
/// Excel's last row (1,048,576 rows, counted from 0).
const MAX_ROW: u32 = 1_048_575;

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
    text: Format,
    number: Format,
    time: Format,
}

/// Writes the dossiers received from `from` to `to` (both included) to `path`.
pub fn logbook_xlsx(store: &Store, from: NaiveDate, to: NaiveDate, settings: &Settings, path: &Path) -> Result<()> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    title(sheet, from, to, settings)?;
    let cell = Format::new().set_border(FormatBorder::Thin);
    let f = Formats {
        text: cell.clone(),
        number: cell.clone().set_align(FormatAlign::Center),
        time: cell.set_num_format("dd/mm/yyyy hh:mm"),
    };
    let mut row = HEADER_ROW;
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
        Ok(dossier_row(sheet, row, d, settings, &f)?)
    })?;
    sheet.autofilter(HEADER_ROW, 0, row, COLUMNS.len() as u16 - 1)?;
    let bytes = workbook.save_to_buffer()?;
    write_file_atomically(path, |w| Ok(w.write_all(&bytes)?))
}

fn title(sheet: &mut Worksheet, from: NaiveDate, to: NaiveDate, settings: &Settings) -> Result<(), XlsxError> {
    let last = COLUMNS.len() as u16 - 1;
    sheet.set_name("Sổ theo dõi hồ sơ")?;
    sheet.write_string_with_format(0, 0, &settings.agency_name, &Format::new().set_bold())?;
    sheet.write_string(1, 0, &settings.office_kind)?;
    let title = Format::new().set_bold().set_font_size(14).set_align(FormatAlign::Center);
    sheet.merge_range(2, 0, 2, last, "SỔ THEO DÕI HỒ SƠ", &title)?;
    let period = format!("Từ ngày {} đến ngày {}", from.format("%d/%m/%Y"), to.format("%d/%m/%Y"));
    sheet.merge_range(3, 0, 3, last, &period, &Format::new().set_italic().set_align(FormatAlign::Center))?;
    let header = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(0xDDEBF7);
    for (col, (name, width)) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, col as u16, *name, &header)?;
        sheet.set_column_width(col as u16, *width)?;
    }
    sheet.set_row_height(HEADER_ROW, 32)?;
    sheet.set_freeze_panes(HEADER_ROW + 1, 2)?;
    Ok(())
}

fn dossier_row(sheet: &mut Worksheet, row: u32, d: &Dossier, s: &Settings, f: &Formats) -> Result<(), XlsxError> {
    let time = |sheet: &mut Worksheet, col: u16, t: Option<NaiveDateTime>| -> Result<(), XlsxError> {
        match t {
            Some(t) => sheet.write_datetime_with_format(row, col, excel_time(t)?, &f.time)?,
            None => sheet.write_blank(row, col, &f.time)?,
        };
        Ok(())
    };
    sheet.write_number_with_format(row, 0, f64::from(row - HEADER_ROW), &f.number)?;
    let texts: [(u16, &str); 6] = [
        (1, &d.code),
        (2, &d.procedure_name),
        (3, &d.applicant_name),
        (4, &d.address),
        // A phone number keeps its leading 0: text, not a number.
        (5, &d.phone),
        (6, &s.agency_name),
    ];
    for (col, text) in texts {
        sheet.write_string_with_format(row, col, text, &f.text)?;
    }
    time(sheet, 7, Some(d.received_at))?;
    time(sheet, 8, Some(d.appointment_at))?;
    time(sheet, 9, d.returned_at)?;
    sheet.write_string_with_format(row, 10, collection(d.channel), &f.text)?;
    sheet.write_string_with_format(row, 11, &d.note, &f.text)?;
    sheet.write_string_with_format(row, 12, status_vi(d.status), &f.text)?;
    Ok(())
}
