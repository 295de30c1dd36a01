//! What makes a workbook read and print well in both Excel and LibreOffice: one font family
//! both have with every Vietnamese letter, row heights written for wrapped text (LibreOffice
//! does not grow a row for it), and a page setup that prints as a book.

use rust_xlsxwriter::{Format, FormatAlign, Worksheet, XlsxError};

/// Times New Roman: the font of Vietnamese administrative documents, on every Windows; on
/// Linux LibreOffice takes Liberation Serif for it, metric-compatible and with the letters.
pub const FONT: &str = "Times New Roman";
pub const FONT_SIZE: f64 = 11.0;
/// Points per line of 11-point text, with its leading.
pub const LINE_HEIGHT: f64 = 15.0;

pub struct Fonts;

impl Fonts {
    pub fn new() -> Fonts {
        Fonts
    }

    /// Every cell's format starts from this, so no cell falls back to the default Calibri.
    pub fn body(&self) -> Format {
        Format::new().set_font_name(FONT).set_font_size(FONT_SIZE).set_font_family(1)
    }

    pub fn title(&self) -> Format {
        self.body().set_bold().set_font_size(14).set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter)
    }
}

/// The height of a row holding `lines` lines of text.
pub fn row_height(lines: usize) -> f64 {
    LINE_HEIGHT * lines.max(1) as f64 + 3.0
}

/// A4 landscape, one page wide (as many pages down as it takes), the header rows repeated on
/// every page, margins for binding on the left, and "Trang N/M" at the foot.
pub fn book_page_setup(
    sheet: &mut Worksheet,
    header_first: u32,
    header_last: u32,
    last_col: u16,
) -> Result<(), XlsxError> {
    const A4: u8 = 9;
    sheet.set_paper_size(A4);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(header_first, header_last)?;
    // Inches: left 0.7 (binding), right 0.4, top 0.6, bottom 0.6, header 0.3, footer 0.3.
    sheet.set_margins(0.7, 0.4, 0.6, 0.6, 0.3, 0.3);
    sheet.set_print_center_horizontally(true);
    sheet.set_footer("&C&\"Times New Roman\"&10Trang &P/&N");
    let _ = last_col;
    Ok(())
}

/// Lines a text takes in a column `width` characters wide (words kept whole, as the
/// spreadsheet wraps them; a character of padding).
pub fn wrapped_lines(text: &str, width: f64) -> usize {
    let room = (width - 1.0).max(1.0) as usize;
    text.split('\n')
        .map(|part| {
            let (mut lines, mut used) = (1, 0);
            for word in part.split_whitespace() {
                let w = crate::domain::text::width(word);
                if w > room {
                    // A word longer than the column is cut across lines.
                    lines += usize::from(used > 0) + (w - 1) / room;
                    used = (w - 1) % room + 1;
                } else if used == 0 {
                    used = w;
                } else if used + 1 + w <= room {
                    used += 1 + w;
                } else {
                    lines += 1;
                    used = w;
                }
            }
            lines
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::wrapped_lines;

    #[test]
    fn lines_are_counted_as_a_spreadsheet_wraps_words() {
        // Column 12 wide: 11 characters a line.
        assert_eq!(wrapped_lines("Ghi chú", 12.0), 1);
        assert_eq!(wrapped_lines("Nhận hồ sơ (giờ, ngày)", 12.0), 2); // "Nhận hồ sơ" + "(giờ, ngày)", 11 each
        assert_eq!(wrapped_lines("Nhận hồ sơ (giờ, ngày)", 11.0), 3); // 10 a line: "(giờ," "ngày)"
        assert_eq!(wrapped_lines("Thôn Đông\nĐT: 0912345678", 24.0), 2);
        assert_eq!(wrapped_lines("000.17.22.H56-240207-0001", 12.0), 3, "a long code is cut");
        assert_eq!(wrapped_lines("", 12.0), 1);
    }
}
