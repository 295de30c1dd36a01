//! `motcua backup` and `motcua check`.

use std::path::Path;

use anyhow::{bail, Result};

use super::Context;
use crate::i18n::tr;

pub fn backup(ctx: &Context, dest: &Path) -> Result<()> {
    if dest.exists() {
        bail!("{} {}", tr("tệp đích đã có, không ghi đè:", "destination exists, not overwritten:"), dest.display());
    }
    let store = ctx.open()?;
    let tmp = dest.with_extension("part");
    let _ = std::fs::remove_file(&tmp);
    if let Err(e) = store.backup_to(&tmp).and_then(|_| Ok(std::fs::rename(&tmp, dest)?)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    println!("{} {}", tr("đã sao lưu vào", "backed up to"), dest.display());
    Ok(())
}

pub fn check(ctx: &Context) -> Result<()> {
    let store = ctx.open()?;
    let problems = store.check()?;
    if problems.is_empty() {
        println!("{}", tr("ổn: không có lỗi", "ok: no problems"));
        return Ok(());
    }
    for p in &problems {
        eprintln!("{p}");
    }
    bail!("{} {}", problems.len(), tr("vấn đề", "problems"))
}
