//! The period report (DOMAIN §5, form II.06a) as a workbook: title rows with the office and
//! the period, a two-row bold frozen header, one row per field and the total, then the
//! indicators of DOMAIN §6 with their numerators and denominators.

use std::path::Path;

use anyhow::Result;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::sheet_style::{book_page_setup, row_height, wrapped_lines, Fonts};
use super::write_file_atomically;
use crate::domain::report::{Counts, Report};
use crate::domain::text::width;
use crate::store::Settings;

/// The column groups of the form: (group, sub-columns); a group without sub-columns spans
/// both header rows.
const GROUPS: [(&str, &[&str]); 4] = [
    (
        "Số hồ sơ nhận giải quyết",
        &["Tổng số", "Kỳ trước chuyển qua", "Mới tiếp nhận trực tuyến", "Mới tiếp nhận trực tiếp, bưu chính"],
    ),
    ("Số hồ sơ đã giải quyết", &["Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn"]),
    ("Số hồ sơ đang giải quyết", &["Tổng số", "Trong hạn", "Quá hạn"]),
    ("Rút hồ sơ", &[]),
];

/// Title rows, then the two header rows; data starts below them.
const HEADER_ROW: u32 = 6;
const FIRST_DATA_ROW: u32 = HEADER_ROW + 2;
/// STT and field come before the counts.
const FIRST_COUNT_COL: u16 = 2;
const COUNT_COLS: u16 = 12;

struct Formats {
    plain: Format,
    bold: Format,
    title: Format,
    centered: Format,
    header: Format,
    text: Format,
    wrapped: Format,
    count: Format,
    total_text: Format,
    total_count: Format,
    percent: Format,
}

fn formats() -> Formats {
    // One font both Excel and LibreOffice have with every Vietnamese letter (sheet_style.rs).
    let fonts = Fonts::new();
    let cell = fonts.body().set_border(FormatBorder::Thin);
    let count = cell.clone().set_num_format("#,##0");
    Formats {
        plain: fonts.body(),
        bold: fonts.body().set_bold(),
        title: fonts.title(),
        centered: fonts.body().set_italic().set_align(FormatAlign::Center),
        header: cell
            .clone()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_background_color(0xDDEBF7),
        text: cell.clone(),
        wrapped: cell.clone().set_text_wrap(),
        total_text: cell.clone().set_bold(),
        total_count: count.clone().set_bold(),
        count,
        percent: cell.set_num_format("0.0%"),
    }
}

/// Writes the report to `path` (whole or not at all).
pub fn report_xlsx(report: &Report, settings: &Settings, path: &Path) -> Result<()> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    fill(sheet, report, settings)?;
    let bytes = workbook.save_to_buffer()?;
    write_file_atomically(path, |w| Ok(w.write_all(&bytes)?))
}

fn fill(sheet: &mut Worksheet, report: &Report, settings: &Settings) -> Result<(), XlsxError> {
    let f = formats();
    let last_col = FIRST_COUNT_COL + COUNT_COLS - 1;
    sheet.set_name("Báo cáo")?;
    sheet.write_string_with_format(0, 0, &settings.agency_name, &f.bold)?;
    sheet.write_string_with_format(1, 0, &settings.office_kind, &f.plain)?;
    sheet.merge_range(3, 0, 3, last_col, "TÌNH HÌNH GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH", &f.title)?;
    let period = format!(
        "Kỳ báo cáo: từ ngày {} đến ngày {}",
        report.period.from.format("%d/%m/%Y"),
        report.period.to.format("%d/%m/%Y")
    );
    sheet.merge_range(4, 0, 4, last_col, &period, &f.centered)?;
    sheet.write_string_with_format(5, last_col, "Đơn vị tính: hồ sơ", &f.plain)?;

    let (h, sub) = (HEADER_ROW, HEADER_ROW + 1);
    sheet.merge_range(h, 0, sub, 0, "STT", &f.header)?;
    sheet.merge_range(h, 1, sub, 1, "Lĩnh vực", &f.header)?;
    let mut col = FIRST_COUNT_COL;
    for (group, columns) in GROUPS {
        if columns.is_empty() {
            sheet.merge_range(h, col, sub, col, group, &f.header)?;
            col += 1;
            continue;
        }
        let end = col + columns.len() as u16 - 1;
        sheet.merge_range(h, col, h, end, group, &f.header)?;
        for (i, name) in columns.iter().enumerate() {
            sheet.write_string_with_format(sub, col + i as u16, *name, &f.header)?;
        }
        col = end + 1;
    }
    // Wrapped labels get their height written (LibreOffice does not grow a row for them):
    // the longest sub-column label takes four lines at width 12.
    sheet.set_row_height(h, row_height(2))?;
    sheet.set_row_height(sub, row_height(4))?;
    sheet.set_row_height(3, row_height(1) + 8.0)?;
    book_page_setup(sheet, h, sub, last_col)?;
    sheet.set_freeze_panes(FIRST_DATA_ROW, FIRST_COUNT_COL)?;
    sheet.set_column_width(0, 5)?;
    // The field column fits the longest field name (and the indicator names below, wrapped).
    let longest = report.by_field.iter().map(|(name, _)| width(name)).max().unwrap_or(0).max(width("Tổng cộng"));
    let field_width = (longest + 2).clamp(30, 60) as f64;
    sheet.set_column_width(1, field_width)?;
    for c in FIRST_COUNT_COL..=last_col {
        sheet.set_column_width(c, 12)?;
    }

    let mut row = FIRST_DATA_ROW;
    for (i, (field, c)) in report.by_field.iter().enumerate() {
        sheet.write_number_with_format(row, 0, (i + 1) as f64, &f.text)?;
        sheet.write_string_with_format(row, 1, field, &f.text)?;
        write_counts(sheet, row, c, &f.count)?;
        row += 1;
    }
    let total = report.total();
    sheet.write_blank(row, 0, &f.total_text)?;
    sheet.write_string_with_format(row, 1, "Tổng cộng", &f.total_text)?;
    write_counts(sheet, row, &total, &f.total_count)?;

    indicators(sheet, row + 2, &total, &f, field_width)
}

fn write_counts(sheet: &mut Worksheet, row: u32, c: &Counts, format: &Format) -> Result<(), XlsxError> {
    for (i, v) in c.form_row().iter().enumerate() {
        sheet.write_number_with_format(row, FIRST_COUNT_COL + i as u16, *v as f64, format)?;
    }
    Ok(())
}

/// The indicators of the total (DOMAIN §6), each with the counts it is made of.
fn indicators(sheet: &mut Worksheet, first: u32, c: &Counts, f: &Formats, name_width: f64) -> Result<(), XlsxError> {
    let r = c.rates();
    let rows = [
        (
            "Tỷ lệ giải quyết đúng hạn (trước hạn + đúng hạn / đã giải quyết)",
            r.on_time,
            c.before_due + c.on_time,
            c.resolved_total(),
        ),
        ("Tỷ lệ hồ sơ trực tuyến (trực tuyến / mới tiếp nhận)", r.online, c.new_online, c.new_received()),
        (
            "Tỷ lệ thanh toán trực tuyến (thanh toán trực tuyến / có phí, lệ phí)",
            r.online_payment,
            c.paid_online,
            c.with_fee,
        ),
        ("Tỷ lệ số hóa kết quả (kết quả điện tử / đã giải quyết)", r.digitized_result, c.digitized, c.resolved_total()),
        ("Tỷ lệ hài lòng (hài lòng / số ý kiến)", r.satisfaction, c.satisfied, c.answers),
    ];
    for (col, name) in ["Chỉ số", "Tỷ lệ", "Tử số", "Mẫu số"].iter().enumerate() {
        sheet.write_string_with_format(first, 1 + col as u16, *name, &f.header)?;
    }
    for (i, (name, rate, part, whole)) in rows.into_iter().enumerate() {
        let row = first + 1 + i as u32;
        sheet.write_string_with_format(row, 1, name, &f.wrapped)?;
        sheet.set_row_height(row, row_height(wrapped_lines(name, name_width)))?;
        if let Some(rate) = rate {
            sheet.write_number_with_format(row, 2, rate, &f.percent)?;
        } else {
            // Nothing to rate: a dash, as on the screen, rather than a misleading 0%.
            sheet.write_string_with_format(row, 2, "—", &f.text)?;
        }
        sheet.write_number_with_format(row, 3, part as f64, &f.count)?;
        sheet.write_number_with_format(row, 4, whole as f64, &f.count)?;
    }
    Ok(())
}
