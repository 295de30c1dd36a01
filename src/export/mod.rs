//! Files for people outside motcua: the period report and the logbook as Excel workbooks,
//! used by the command line and the screens alike.

mod logbook_xlsx;
mod report_xlsx;
mod sheet_style;

pub use logbook_xlsx::{logbook_xlsx, read_logbook_xlsx, BOOK_SHEET, DATA_SHEET, LOGBOOK_XLSX_HEADER};
pub use report_xlsx::report_xlsx;

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rust_xlsxwriter::{ExcelDateTime, XlsxError};

/// Writes a file whole or not at all: into a temporary file beside it, synced, then renamed
/// over the target, so a reader (or a crash) never sees half a file.
/// A temporary name beside `dest` that no file has: `.DEST.motcua-PID-N.tmp`, made with
/// O_EXCL, so a backup never unlinks or overwrites someone else's file.
pub fn unique_temp(dest: &Path) -> Result<PathBuf> {
    let dir = dest.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    for n in 0..1000 {
        let tmp = dir.join(format!(".{name}.motcua-{}-{n}.tmp", std::process::id()));
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(_) => return Ok(tmp),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(anyhow::Error::from(e).context(tmp.display().to_string())),
        }
    }
    anyhow::bail!("{}: {}", dir.display(), crate::i18n::tr("không tạo được tệp tạm", "cannot make a temporary file"))
}

pub fn write_file_atomically(path: &Path, body: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    // With the user's own rights, not the database group's (see account::as_real_group).
    crate::account::as_real_group(|| write_as_caller(path, body))
}

fn write_as_caller(path: &Path, body: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let tmp = unique_temp(path)?;
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
