//! Files for people outside motcua: the period report and the logbook as Excel workbooks,
//! used by the command line and the screens alike.

mod logbook_xlsx;
mod report_xlsx;
mod sheet_style;

pub use logbook_xlsx::{logbook_xlsx, read_logbook_xlsx, BOOK_SHEET, DATA_SHEET, LOGBOOK_XLSX_HEADER};
pub use report_xlsx::report_xlsx;

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rust_xlsxwriter::{ExcelDateTime, XlsxError};

/// Writes a file whole or not at all: into a temporary file beside it, synced, then renamed
/// over the target, so a reader (or a crash) never sees half a file.
pub fn write_file_atomically(path: &Path, body: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let tmp = path.with_extension("part");
    let result = (|| -> Result<()> {
        let file = std::fs::File::create(&tmp).with_context(|| tmp.display().to_string())?;
        let mut w = std::io::BufWriter::new(file);
        body(&mut w)?;
        w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&tmp, path).with_context(|| path.display().to_string())?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// An office time as an Excel date and time.
fn excel_time(t: NaiveDateTime) -> Result<ExcelDateTime, XlsxError> {
    excel_date(t.date())?.and_hms(t.hour() as u16, t.minute() as u8, t.second())
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(d.year().clamp(1900, 9999) as u16, d.month() as u8, d.day() as u8)
}
