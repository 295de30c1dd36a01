//! `motcua backup`, `restore`, `check` and `audit verify`.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _, Result};
use chrono::NaiveDate;

use super::Context;
use crate::i18n::tr;
use crate::store::audit::Anchor;
use crate::store::{Refusal, Store};

/// The daily copies `--keep` manages: `motcua-YYYY-MM-DD.db`, nothing else in the directory.
fn daily_copy_day(name: &str) -> Option<NaiveDate> {
    let day = name.strip_prefix("motcua-")?.strip_suffix(".db")?;
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok().filter(|d| d.format("%Y-%m-%d").to_string() == day)
}

/// `DEST.anchor`: the chain's head at the time of the copy, kept with it.
pub(crate) fn anchor_path(dest: &Path) -> PathBuf {
    let mut p = dest.as_os_str().to_owned();
    p.push(".anchor");
    PathBuf::from(p)
}

/// Writes the copy beside `dest` and renames it into place, so `dest` is never half a copy;
/// the audit anchor of the copy goes beside it (`DEST.anchor`).
fn copy_into(store: &Store, dest: &Path) -> Result<()> {
    // The copy is the head's file, written with their rights (the connection to the database
    // is open already): never a file the group could put anywhere the group may write.
    crate::account::as_real_group(|| copy_as_caller(store, dest))
}

fn copy_as_caller(store: &Store, dest: &Path) -> Result<()> {
    let tmp = crate::export::unique_temp(dest)?;
    // A backup holds every citizen's ID number: its owner's alone.
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o600))
            .with_context(|| tmp.display().to_string())?;
    }
    let done = store.backup_to(&tmp).and_then(|_| {
        // The copy's own head: clerks may have written between the anchor and the copy.
        let copy = rusqlite::Connection::open_with_flags(&tmp, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let anchor = crate::store::audit::anchor_of(&copy)?;
        drop(copy);
        crate::export::write_file_atomically(&anchor_path(dest), |w| Ok(writeln!(w, "{anchor}")?))?;
        std::fs::rename(&tmp, dest).with_context(|| dest.display().to_string())?;
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            // The rename itself must reach the disk before we call the copy made.
            std::fs::File::open(dir).and_then(|d| d.sync_all()).with_context(|| dir.display().to_string())?;
        }
        Ok(())
    });
    if done.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    done
}

pub fn backup(ctx: &Context, dest: &Path, keep: Option<usize>) -> Result<()> {
    let Some(keep) = keep else {
        if dest.exists() {
            bail!("{} {}", tr("tệp đích đã có, không ghi đè:", "destination exists, not overwritten:"), dest.display());
        }
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty() && !d.is_dir()) {
            return Err(Refusal::NoDirectory(dir.to_path_buf()).into());
        }
        let store = ctx.open()?;
        store.require_head(&ctx.user, "sao lưu / back up the database")?;
        copy_into(&store, dest)?;
        println!("{} {}", tr("đã sao lưu vào", "backed up to"), dest.display());
        return Ok(());
    };
    if keep == 0 {
        bail!("--keep 0: {}", tr("phải giữ ít nhất 1 bản", "keep at least 1 copy"));
    }
    if !dest.is_dir() {
        return Err(Refusal::NoDirectory(dest.to_path_buf()).into());
    }
    let file = dest.join(format!("motcua-{}.db", ctx.now.format("%Y-%m-%d")));
    // A second run on the same day replaces that day's copy.
    let store = ctx.open()?;
    store.require_head(&ctx.user, "sao lưu / back up the database")?;
    copy_into(&store, &file)?;
    println!("{} {}", tr("đã sao lưu vào", "backed up to"), file.display());
    let mut copies: Vec<(NaiveDate, PathBuf)> = std::fs::read_dir(dest)
        .with_context(|| dest.display().to_string())?
        .filter_map(|e| e.ok())
        .filter_map(|e| Some((daily_copy_day(e.file_name().to_str()?)?, e.path())))
        .collect();
    copies.sort_by_key(|c| std::cmp::Reverse(c.0));
    for (_, old) in copies.iter().skip(keep) {
        std::fs::remove_file(old).with_context(|| old.display().to_string())?;
        let _ = std::fs::remove_file(anchor_path(old));
        println!("{} {}", tr("đã xóa bản cũ", "removed old copy"), old.display());
    }
    Ok(())
}

pub fn restore(ctx: &Context, src: &Path, force: bool) -> Result<()> {
    // Only the head of the database replaced may replace it (a lost or damaged file has no
    // head to ask: then whoever can reach the folder, as for the file itself).
    if let Ok(store) = Store::open(&ctx.db) {
        store.require_head(&ctx.user, "khôi phục / restore the database")?;
    }
    // Someone has it open: at a terminal, ask whether to wait for them; otherwise refuse.
    if let Some(h) = crate::store::locks::opened_by(&ctx.db) {
        use std::io::IsTerminal;
        if !std::io::stdin().is_terminal() {
            return Err(Refusal::InUseBy { path: ctx.db.clone(), pid: h.pid, login: h.login }.into());
        }
        eprint!(
            "{} {} (pid {}). {} ",
            tr("Cơ sở dữ liệu đang được dùng bởi", "The database is in use by"),
            h.login,
            h.pid,
            tr("Chờ mọi người thoát rồi khôi phục? [c/K]", "Wait for everyone to quit, then restore? [y/N]")
        );
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        if !matches!(answer.trim().to_lowercase().as_str(), "c" | "co" | "có" | "y" | "yes") {
            bail!("{}", tr("không khôi phục; không ghi đè gì", "not restored; nothing was overwritten"));
        }
        while crate::store::locks::opened_by(&ctx.db).is_some() {
            std::thread::sleep(std::time::Duration::from_secs(1));
        }
    }
    let aside = Store::restore_forced(src, &ctx.db, force).map_err(|e| match e.downcast_ref::<Refusal>() {
        Some(Refusal::NotMotcua(p)) if p == &ctx.db => e.context(tr(
            "không ghi đè tệp này — dùng `motcua restore --force` (tệp hỏng được giữ lại bên cạnh) hoặc đổi tên nó (mv)",
            "not overwriting it — use `motcua restore --force` (the damaged file is kept beside it) or rename it (mv)",
        )),
        _ => e,
    })?;
    if let Some(a) = aside {
        println!("{} {}", tr("tệp hỏng được giữ ở", "the damaged file was kept as"), a.display());
    }
    println!("{} {} ← {}", tr("đã khôi phục", "restored"), ctx.db.display(), src.display());
    Ok(())
}

pub fn check(ctx: &Context) -> Result<()> {
    let store = ctx.open()?;
    if !store.has_key() {
        eprintln!(
            "{}: {}",
            tr("cảnh báo", "warning"),
            tr(
                "không có khóa kiểm toán bên cạnh tệp này (một bản sao lưu?) — chuỗi kiểm toán không được kiểm",
                "no audit key beside this file (a backup copy?) — the audit chain was not checked"
            )
        );
    }
    for w in store.exposure() {
        eprintln!("{}: {w}", tr("cảnh báo", "warning"));
    }
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

pub fn audit_verify(ctx: &Context, anchor: Option<&Path>) -> Result<()> {
    let anchor = match anchor {
        None => None,
        Some(f) => {
            let text = crate::account::as_real_group(|| std::fs::read_to_string(f))
                .with_context(|| f.display().to_string())?;
            Some(Anchor::find(&text).ok_or_else(|| {
                anyhow::anyhow!(
                    "{}: {}",
                    f.display(),
                    tr("không có dòng motcua-anchor nào", "holds no motcua-anchor line")
                )
            })?)
        }
    };
    let report = ctx.open()?.verify_against(anchor.as_ref())?;
    let Some(b) = report.first_break else {
        println!("{}: {} {}", tr("ổn", "ok"), report.events, tr("sự kiện, chuỗi nguyên vẹn", "events, chain intact"));
        return Ok(());
    };
    bail!("{}", crate::store::audit::describe(&b))
}

/// `motcua audit anchor`: the chain's head, to print and keep away from the server.
pub fn audit_anchor(ctx: &Context) -> Result<()> {
    println!("{}", ctx.open()?.audit_anchor()?);
    Ok(())
}
