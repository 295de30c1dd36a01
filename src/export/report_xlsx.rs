//! The period report as a workbook: sheet "Báo cáo" is the official form, Biểu số
//! II.06a/VPCP/KSTT (DOMAIN §5) — its header, the 13 columns with their numbers, one row per
//! field and the total, the note on withdrawn dossiers, the place, date and signatures; sheet
//! "Chỉ số" holds the indicators of DOMAIN §6 with their numerators and denominators, which
//! the form does not carry.

use std::path::Path;

use anyhow::Result;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::sheet_style::{book_page_setup, row_height, wrapped_lines, Fonts};
use super::write_file_atomically;
use crate::domain::form_06a::{self as form, Form06a, FormRow, WithdrawnRule};
use crate::domain::report::{Counts, Report};

/// The width of a count column: 12, so that "Số mới tiếp nhận trực tuyến" wraps inside its
/// border as LibreOffice prints it (at 11 its last word ran over, seen on the PDF).
const COUNT_WIDTH: f64 = 12.0;
/// The indicators' label column: the longest label on one line.
const INDICATOR_WIDTH: f64 = 70.0;

/// Rows of the form: the header, then the two rows of column names and the row of numbers.
pub const HEADER_ROW: u32 = 7;
pub const NUMBERS_ROW: u32 = HEADER_ROW + 2;
pub const FIRST_DATA_ROW: u32 = NUMBERS_ROW + 1;
const LAST_FORM_COL: u16 = 12;

struct Formats {
    bold: Format,
    bold_right: Format,
    italic_center: Format,
    title: Format,
    center: Format,
    right: Format,
    header: Format,
    number_cell: Format,
    text: Format,
    italic_wrapped: Format,
    count: Format,
    total_text: Format,
    total_count: Format,
    percent: Format,
}

fn formats() -> Formats {
    // Every cell in one font both Excel and LibreOffice have with every Vietnamese letter
    // (sheet_style.rs), the title included.
    let fonts = Fonts::new();
    let cell = fonts.body().set_border(FormatBorder::Thin);
    let count = cell.clone().set_num_format("#,##0");
    let center = fonts.body().set_align(FormatAlign::Center);
    Formats {
        bold: fonts.body().set_bold(),
        bold_right: fonts.body().set_bold().set_align(FormatAlign::Center),
        italic_center: center.clone().set_italic(),
        title: fonts.body().set_bold().set_font_size(13).set_text_wrap().set_align(FormatAlign::Center),
        center: center.clone().set_bold(),
        right: fonts.body().set_italic().set_align(FormatAlign::Right),
        italic_wrapped: fonts.body().set_italic().set_text_wrap(),
        header: cell
            .clone()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_background_color(0xDDEBF7),
        number_cell: cell.clone().set_italic().set_align(FormatAlign::Center),
        text: cell.clone().set_text_wrap(),
        total_text: cell.clone().set_bold(),
        total_count: count.clone().set_bold(),
        count,
        percent: cell.set_num_format("0.0%"),
    }
}

/// Writes the form of `f` and the indicators of `report` to `path` (whole or not at all).
pub fn report_xlsx(f: &Form06a, report: &Report, path: &Path) -> Result<()> {
    let mut workbook = Workbook::new();
    fill(workbook.add_worksheet(), f)?;
    let ind = workbook.add_worksheet();
    ind.set_name("Chỉ số")?;
    indicators(ind, &report.total(), &formats())?;
    let bytes = workbook.save_to_buffer()?;
    write_file_atomically(path, |w| Ok(w.write_all(&bytes)?))
}

fn fill(sheet: &mut Worksheet, f: &Form06a) -> Result<(), XlsxError> {
    let fm = formats();
    let separate = f.withdrawn == WithdrawnRule::Separate;
    let last_col = if separate { LAST_FORM_COL + 1 } else { LAST_FORM_COL };
    sheet.set_name("Báo cáo")?;
    // The top corners: who reports to whom on the left, the form's number on the right.
    sheet.write_string_with_format(0, 0, format!("Đơn vị báo cáo: {}", f.office), &fm.bold)?;
    sheet.write_string_with_format(1, 0, format!("Đơn vị nhận báo cáo: {}", f.recipient), &fm.bold)?;
    sheet.merge_range(0, 9, 0, LAST_FORM_COL, form::FORM_NUMBER, &fm.bold_right)?;
    sheet.merge_range(1, 9, 1, LAST_FORM_COL, form::FORM_BASIS, &fm.italic_center)?;
    sheet.merge_range(3, 0, 3, LAST_FORM_COL, form::TITLE, &fm.title)?;
    sheet.set_row_height(3, 36)?;
    sheet.merge_range(4, 0, 4, LAST_FORM_COL, &f.period_line(), &fm.italic_center)?;
    // A running period says at what moment it was read, under the period; the unit goes a row
    // down (the row above the header is free).
    let unit_row = match f.as_of() {
        Some(line) => {
            sheet.merge_range(5, 0, 5, LAST_FORM_COL, &line, &fm.italic_center)?;
            6
        }
        None => 5,
    };
    sheet.merge_range(unit_row, 9, unit_row, LAST_FORM_COL, form::UNIT, &fm.right)?;

    let (h, sub) = (HEADER_ROW, HEADER_ROW + 1);
    for col in [0u16, 1] {
        sheet.merge_range(h, col, sub, col, form::COLUMNS[col as usize], &fm.header)?;
    }
    for (group, columns) in form::GROUPS {
        let (first, last) = (*columns.start() as u16 - 1, *columns.end() as u16 - 1);
        sheet.merge_range(h, first, h, last, group, &fm.header)?;
        for c in first..=last {
            sheet.write_string_with_format(sub, c, form::COLUMNS[c as usize], &fm.header)?;
        }
    }
    if separate {
        sheet.merge_range(h, last_col, sub, last_col, form::WITHDRAWN_COLUMN, &fm.header)?;
    }
    for c in 0..=LAST_FORM_COL {
        sheet.write_string_with_format(NUMBERS_ROW, c, form::column_number(c as usize + 1), &fm.number_cell)?;
    }
    if separate {
        sheet.write_blank(NUMBERS_ROW, last_col, &fm.number_cell)?;
    }
    // Wrapped labels carry their height (LibreOffice does not grow a row for them): the
    // tallest column name at its width, the group names on one or two lines.
    let tallest = form::COLUMNS.iter().skip(2).map(|c| wrapped_lines(c, COUNT_WIDTH)).max().unwrap_or(1);
    sheet.set_row_height(h, row_height(2))?;
    sheet.set_row_height(sub, row_height(tallest))?;
    book_page_setup(sheet, h, NUMBERS_ROW, last_col)?;
    sheet.set_freeze_panes(FIRST_DATA_ROW, 2)?;
    sheet.set_column_width(0, 5)?;
    // The field column fits the longest field name.
    let longest = f.rows.iter().map(|r| crate::domain::text::width(&r.field)).max().unwrap_or(0);
    let field_width = (longest + 2).clamp(34, 60) as f64;
    sheet.set_column_width(1, field_width)?;
    for c in 2..=last_col {
        sheet.set_column_width(c, COUNT_WIDTH)?;
    }

    let mut row = FIRST_DATA_ROW;
    for (i, r) in f.rows.iter().enumerate() {
        sheet.write_number_with_format(row, 0, (i + 1) as f64, &fm.text)?;
        sheet.write_string_with_format(row, 1, &r.field, &fm.text)?;
        sheet.set_row_height(row, row_height(wrapped_lines(&r.field, field_width)))?;
        write_counts(sheet, row, r, separate, &fm.count)?;
        row += 1;
    }
    sheet.write_blank(row, 0, &fm.total_text)?;
    sheet.write_string_with_format(row, 1, form::TOTAL, &fm.total_text)?;
    write_counts(sheet, row, &f.total, separate, &fm.total_count)?;

    sheet.merge_range(row + 1, 0, row + 1, last_col, &f.note(), &fm.italic_wrapped)?;
    // The note spans the whole form (5 + field + a count's width a column).
    let span = 5.0 + field_width + COUNT_WIDTH * f64::from(last_col - 1);
    sheet.set_row_height(row + 1, row_height(wrapped_lines(&f.note(), span)))?;
    // The place and date above the head's signature; the preparer on the left.
    let sign = row + 3;
    sheet.merge_range(sign, 8, sign, LAST_FORM_COL, &f.place_date(), &fm.italic_center)?;
    sheet.merge_range(sign + 1, 0, sign + 1, 4, "NGƯỜI LẬP BIỂU", &fm.center)?;
    sheet.merge_range(sign + 1, 8, sign + 1, LAST_FORM_COL, "THỦ TRƯỞNG ĐƠN VỊ", &fm.center)?;
    sheet.merge_range(sign + 2, 0, sign + 2, 4, "(Ký, ghi rõ họ tên)", &fm.italic_center)?;
    sheet.merge_range(sign + 2, 8, sign + 2, LAST_FORM_COL, "(Ký, đóng dấu, ghi rõ họ tên)", &fm.italic_center)?;
    sheet.merge_range(sign + 6, 0, sign + 6, 4, &f.preparer, &fm.center)?;
    sheet.merge_range(sign + 6, 8, sign + 6, LAST_FORM_COL, &f.head, &fm.center)?;
    Ok(())
}

fn write_counts(
    sheet: &mut Worksheet,
    row: u32,
    r: &FormRow,
    separate: bool,
    format: &Format,
) -> Result<(), XlsxError> {
    for (i, v) in r.values.iter().enumerate() {
        sheet.write_number_with_format(row, 2 + i as u16, *v as f64, format)?;
    }
    if separate {
        sheet.write_number_with_format(row, LAST_FORM_COL + 1, r.withdrawn as f64, format)?;
    }
    Ok(())
}

/// The indicators of the total (DOMAIN §6), each with the counts it is made of.
fn indicators(sheet: &mut Worksheet, c: &Counts, f: &Formats) -> Result<(), XlsxError> {
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
    sheet.set_column_width(0, INDICATOR_WIDTH)?;
    for col in 1..4 {
        sheet.set_column_width(col, 12)?;
    }
    book_page_setup(sheet, 0, 0, 3)?;
    for (col, name) in ["Chỉ số", "Tỷ lệ", "Tử số", "Mẫu số"].iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *name, &f.header)?;
    }
    for (i, (name, rate, part, whole)) in rows.into_iter().enumerate() {
        let row = 1 + i as u32;
        sheet.write_string_with_format(row, 0, name, &f.text)?;
        sheet.set_row_height(row, row_height(wrapped_lines(name, INDICATOR_WIDTH)))?;
        if let Some(rate) = rate {
            sheet.write_number_with_format(row, 1, rate, &f.percent)?;
        } else {
            // Nothing to rate: a dash, as on the screen, rather than a misleading 0%.
            sheet.write_string_with_format(row, 1, "—", &f.text)?;
        }
        sheet.write_number_with_format(row, 2, part as f64, &f.count)?;
        sheet.write_number_with_format(row, 3, whole as f64, &f.count)?;
    }
    Ok(())
}
