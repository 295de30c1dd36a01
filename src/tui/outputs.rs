//! Where printed forms and exports go, read once when the screens open.

use crate::forms::print::Destination;

/// Where printed forms and exports go, read once when the screens open.
#[derive(Debug, Clone, PartialEq)]
pub struct Outputs {
    /// MOTCUA_PRINTER, else files in the data directory; a bad setting is kept as its message.
    pub printer: Result<Destination, String>,
    /// MOTCUA_EXPORT_DIR, else exports/ in the data directory.
    pub export_dir: Result<std::path::PathBuf, String>,
}

impl Outputs {
    pub fn from_env() -> Outputs {
        let export_dir = match std::env::var("MOTCUA_EXPORT_DIR") {
            Ok(d) if !d.trim().is_empty() => Ok(d.into()),
            _ => crate::cli::default_db_path().map(|p| p.with_file_name("exports")).map_err(|e| format!("{e:#}")),
        };
        Outputs { printer: Destination::from_env().map_err(|e| e.to_string()), export_dir }
    }

    /// Everything into one folder (tests, training).
    pub fn folder(dir: &std::path::Path) -> Outputs {
        Outputs { printer: Ok(Destination::File(dir.join("forms"))), export_dir: Ok(dir.join("exports")) }
    }
}
