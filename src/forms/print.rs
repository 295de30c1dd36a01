//! Where a printed form goes (PRODUCT.md "Printing at the counter"): the terminal's own
//! printer, the server's spooler, or files. A failed print is a value with a message a
//! clerk understands; the caller keeps the `Printout` and may try again.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::i18n::tr;

/// VT100 media copy: "printer controller on" / "off" (PuTTY's remote-controlled printing).
pub const PRINTER_ON: &[u8] = b"\x1b[5i";
pub const PRINTER_OFF: &[u8] = b"\x1b[4i";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// The printer of the clerk's own terminal, through ESC [5i … ESC [4i.
    Passthrough,
    /// The server's spooler: `lp`, with `-d PRINTER` when named.
    Lp(Option<String>),
    /// One file per form in this directory.
    File(PathBuf),
}

impl Destination {
    /// `passthrough`, `lp`, `lp:PRINTER`, `file:DIR`; `file:` alone is the data directory's forms/.
    pub fn parse(s: &str) -> Result<Destination, PrintError> {
        let s = s.trim();
        match s.split_once(':') {
            None if s == "passthrough" => Ok(Destination::Passthrough),
            None if s == "lp" => Ok(Destination::Lp(None)),
            None if s == "file" => Ok(Destination::File(default_dir()?)),
            Some(("lp", p)) if p.trim().is_empty() => Ok(Destination::Lp(None)),
            Some(("lp", p)) => Ok(Destination::Lp(Some(p.trim().to_string()))),
            Some(("file", d)) if d.trim().is_empty() => Ok(Destination::File(default_dir()?)),
            Some(("file", d)) => Ok(Destination::File(PathBuf::from(d.trim()))),
            _ => Err(PrintError::BadDestination(s.to_string())),
        }
    }

    /// `MOTCUA_PRINTER`, else files in the data directory.
    pub fn from_env() -> Result<Destination, PrintError> {
        match std::env::var("MOTCUA_PRINTER") {
            Ok(s) if !s.trim().is_empty() => Destination::parse(&s),
            _ => Ok(Destination::File(default_dir()?)),
        }
    }
}

/// The data directory's forms/ (next to the default database).
pub fn default_dir() -> Result<PathBuf, PrintError> {
    directories::ProjectDirs::from("vn", "motcua", "motcua")
        .map(|d| d.data_dir().join("forms"))
        .ok_or(PrintError::NoDataDir)
}

/// One printed form, ready for any destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printout {
    /// File name without extension: the dossier code and the form, e.g. `…-0001-mau01`.
    pub stem: String,
    /// `\n` line ends.
    pub text: String,
    pub pdf: Option<Vec<u8>>,
}

impl Printout {
    /// The stem for a dossier code and form number; a form without a code yet (a supplement
    /// request at intake) is named by the time it was printed.
    pub fn stem(code: &str, form_number: &str, now: chrono::NaiveDateTime) -> String {
        let code: String = code.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-')).collect();
        if code.is_empty() {
            format!("tiepnhan-{}-mau{form_number}", now.format("%Y%m%d-%H%M%S"))
        } else {
            format!("{code}-mau{form_number}")
        }
    }
}

#[derive(Debug)]
pub enum PrintError {
    BadDestination(String),
    NoDataDir,
    LpMissing,
    LpFailed { printer: Option<String>, detail: String },
    File { path: PathBuf, err: std::io::Error },
    Terminal(std::io::Error),
}

impl fmt::Display for PrintError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let again = tr("hồ sơ vẫn được lưu; sửa rồi in lại", "the dossier is saved; fix this and print again");
        match self {
            PrintError::BadDestination(s) => write!(
                f,
                "{s}: {} (passthrough, lp, lp:{}, file:{})",
                tr("không rõ nơi in", "unknown printer destination"),
                tr("MÁY_IN", "PRINTER"),
                tr("THƯ_MỤC", "DIR")
            ),
            PrintError::NoDataDir => {
                write!(
                    f,
                    "{}",
                    tr("không tìm thấy thư mục dữ liệu — dùng file:THƯ_MỤC", "no data directory — use file:DIR")
                )
            }
            PrintError::LpMissing => write!(
                f,
                "{} — {again}",
                tr(
                    "máy chủ không có lệnh lp (CUPS): cài cups-client hoặc in bằng passthrough / file:",
                    "the server has no lp command (CUPS): install cups-client or print with passthrough / file:"
                )
            ),
            PrintError::LpFailed { printer, detail } => write!(
                f,
                "{} {}: {detail} — {again}",
                tr("lp không in được trên", "lp could not print on"),
                printer.as_deref().unwrap_or(tr("máy in mặc định", "the default printer"))
            ),
            PrintError::File { path, err } => {
                write!(f, "{} {}: {err} — {again}", tr("không ghi được", "could not write"), path.display())
            }
            PrintError::Terminal(err) => {
                write!(
                    f,
                    "{}: {err} — {again}",
                    tr("không gửi được tới máy in của màn hình", "could not reach the terminal's printer")
                )
            }
        }
    }
}

impl std::error::Error for PrintError {}

/// Prints `job`; `terminal` is the clerk's screen (used by pass-through only). Returns
/// what was done, for the status line: the files written or the printer used.
pub fn print(dest: &Destination, job: &Printout, terminal: &mut dyn Write) -> Result<String, PrintError> {
    match dest {
        Destination::Passthrough => {
            terminal.write_all(&passthrough_bytes(job)).and_then(|_| terminal.flush()).map_err(PrintError::Terminal)?;
            Ok(tr("máy in của màn hình", "the terminal's printer").to_string())
        }
        Destination::Lp(printer) => lp(printer.as_deref(), job),
        Destination::File(dir) => {
            let mut written = vec![write_atomically(dir, &format!("{}.txt", job.stem), job.text.as_bytes())?];
            if let Some(pdf) = &job.pdf {
                written.push(write_atomically(dir, &format!("{}.pdf", job.stem), pdf)?);
            }
            Ok(written.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "))
        }
    }
}

/// The bytes for the terminal: its printer gets the PDF when there is one, else the text
/// with CRLF line ends, between "printer on" and "printer off".
pub fn passthrough_bytes(job: &Printout) -> Vec<u8> {
    let mut out = PRINTER_ON.to_vec();
    match &job.pdf {
        Some(pdf) => out.extend_from_slice(pdf),
        None => out.extend_from_slice(job.text.replace("\r\n", "\n").replace('\n', "\r\n").as_bytes()),
    }
    out.extend_from_slice(PRINTER_OFF);
    out
}

fn lp(printer: Option<&str>, job: &Printout) -> Result<String, PrintError> {
    // `lp` is found on the user's PATH: it runs with the user's rights, never the group's.
    crate::account::as_real_group(|| lp_as_caller(printer, job))
}

fn lp_as_caller(printer: Option<&str>, job: &Printout) -> Result<String, PrintError> {
    let mut cmd = Command::new("lp");
    if let Some(p) = printer {
        cmd.arg("-d").arg(p);
    }
    cmd.arg("-t").arg(&job.stem);
    let failed = |detail: String| PrintError::LpFailed { printer: printer.map(str::to_string), detail };
    let mut child = match cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn() {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(PrintError::LpMissing),
        Err(e) => return Err(failed(e.to_string())),
    };
    let body = job.pdf.as_deref().unwrap_or(job.text.as_bytes());
    let sent = child.stdin.take().map(|mut stdin| stdin.write_all(body));
    let out = child.wait_with_output().map_err(|e| failed(e.to_string()))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr).trim().to_string();
        return Err(failed(if stderr.is_empty() { out.status.to_string() } else { stderr }));
    }
    if let Some(Err(e)) = sent {
        return Err(failed(e.to_string()));
    }
    let said = String::from_utf8_lossy(&out.stdout).trim().to_string();
    Ok(if said.is_empty() { format!("lp {}", printer.unwrap_or("")).trim().to_string() } else { said })
}

/// Writes `dir/name` whole or not at all: a temporary file in the same directory, synced,
/// then renamed over the target.
fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, PrintError> {
    crate::account::as_real_group(|| write_as_caller(dir, name, bytes))
}

fn write_as_caller(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, PrintError> {
    let path = dir.join(name);
    let tmp = dir.join(format!(".{name}.part"));
    let err = |p: &Path| {
        let path = p.to_path_buf();
        move |err| PrintError::File { path, err }
    };
    std::fs::create_dir_all(dir).map_err(err(dir))?;
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, &path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(err(&path))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_parse() {
        assert_eq!(Destination::parse("passthrough").unwrap(), Destination::Passthrough);
        assert_eq!(Destination::parse("lp").unwrap(), Destination::Lp(None));
        assert_eq!(Destination::parse("lp:").unwrap(), Destination::Lp(None));
        assert_eq!(Destination::parse(" lp:HP_LaserJet ").unwrap(), Destination::Lp(Some("HP_LaserJet".into())));
        assert_eq!(Destination::parse("file:/tmp/x").unwrap(), Destination::File("/tmp/x".into()));
        assert!(matches!(Destination::parse("file:").unwrap(), Destination::File(d) if d.ends_with("forms")));
        assert!(matches!(Destination::parse("printer"), Err(PrintError::BadDestination(_))));
        assert!(matches!(Destination::parse("smb://x"), Err(PrintError::BadDestination(_))));
    }

    #[test]
    fn stems_carry_the_code_and_form() {
        let now = chrono::NaiveDate::from_ymd_opt(2024, 2, 7).unwrap().and_hms_opt(8, 15, 0).unwrap();
        assert_eq!(Printout::stem("000.17.22.H56-240207-0001", "01", now), "000.17.22.H56-240207-0001-mau01");
        assert_eq!(Printout::stem("", "02", now), "tiepnhan-20240207-081500-mau02");
        assert_eq!(Printout::stem("../../etc/x", "01", now), "....etcx-mau01");
    }
}
