//! `motcua setup` (as root): a shared server laid out as `crontab` or a mail spool is. The
//! database folder belongs to root and a dedicated group; clerks are not in the group; the
//! installed motcua is setgid to it. So every clerk can run motcua, and nobody but root can
//! open the file with anything else. Re-running it repairs owners and modes.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context as _, Result};

use crate::account;
use crate::i18n::tr;
use crate::store::audit;

pub struct SetupArgs {
    pub dir: PathBuf,
    pub group: String,
    pub head: String,
    pub bin: PathBuf,
    pub agency_code: Option<String>,
    pub agency_name: Option<String>,
}

/// The database file a setup makes in its folder.
pub fn db_in(dir: &Path) -> PathBuf {
    dir.join("motcua.db")
}

fn own(path: &Path, gid: u32, mode: u32) -> Result<()> {
    std::os::unix::fs::chown(path, Some(0), Some(gid)).with_context(|| path.display().to_string())?;
    // After chown: changing the owner clears the setgid bit.
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).with_context(|| path.display().to_string())
}

fn group(name: &str) -> Result<u32> {
    if let Some(gid) = account::group_id(name) {
        return Ok(gid);
    }
    let ok = std::process::Command::new("groupadd")
        .args(["--system", name])
        .status()
        .map_err(|e| anyhow!("groupadd: {e}"))?
        .success();
    match account::group_id(name) {
        Some(gid) if ok => {
            println!("{} {name} ({gid})", tr("đã tạo nhóm", "created group"));
            Ok(gid)
        }
        _ => bail!("groupadd {name}: {}", tr("không tạo được nhóm", "could not create the group")),
    }
}

/// Copies the running binary to `bin` (a temporary file renamed into place, so a clerk who
/// starts motcua meanwhile gets the old or the new one whole), root:G 2755.
fn install(bin: &Path, gid: u32) -> Result<()> {
    let me = std::env::current_exe().context("current_exe")?;
    if let Some(dir) = bin.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
    }
    if me.canonicalize().ok() == bin.canonicalize().ok() {
        // Re-running the installed copy: repair its owner and mode only.
        return own(bin, gid, 0o2755);
    }
    let tmp = crate::export::unique_temp(bin)?;
    let done = std::fs::copy(&me, &tmp)
        .with_context(|| format!("{} → {}", me.display(), tmp.display()))
        .and_then(|_| own(&tmp, gid, 0o2755))
        .and_then(|_| std::fs::rename(&tmp, bin).with_context(|| bin.display().to_string()));
    if done.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    done
}

pub fn run(a: SetupArgs) -> Result<()> {
    if !account::is_root() {
        bail!("{}", tr("`motcua setup` phải chạy bằng root (sudo)", "`motcua setup` must run as root (sudo)"));
    }
    if !account::account_exists(&a.head) {
        bail!("--head {}: {}", a.head, tr("không có tài khoản này trên máy", "no such account on this machine"));
    }
    let gid = group(&a.group)?;
    std::fs::create_dir_all(&a.dir).with_context(|| a.dir.display().to_string())?;
    own(&a.dir, gid, 0o2770)?;
    let db = db_in(&a.dir);
    // The key before the database: root makes it, so no clerk ever owns it.
    if audit::load_key(&db)?.is_none() {
        audit::create_key(&db, Some(gid))?;
    }
    if db.exists() {
        // Opening migrates an older file (with the key just made, if it had none).
        crate::store::Store::open(&db)?;
        println!("{} {}", tr("đã có cơ sở dữ liệu, giữ nguyên:", "database exists, kept:"), db.display());
    } else {
        super::create_database(&db, a.agency_code.as_deref(), a.agency_name.as_deref(), &a.head)?;
        println!("{} {} ({} {})", tr("đã tạo", "created"), db.display(), tr("trưởng bộ phận", "office head"), a.head);
    }
    own(&audit::key_path(&db), gid, 0o640)?;
    for ext in ["", "-wal", "-shm"] {
        let mut f = db.as_os_str().to_owned();
        f.push(ext);
        let f = PathBuf::from(f);
        if f.exists() {
            own(&f, gid, 0o660)?;
        }
    }
    install(&a.bin, gid)?;
    println!(
        "{} {} (root:{} 2755) — {}",
        tr("đã cài", "installed"),
        a.bin.display(),
        a.group,
        tr(
            "cán bộ chạy nó với --db hoặc MOTCUA_DB; đừng thêm họ vào nhóm",
            "clerks run it with --db or MOTCUA_DB; do not add them to the group"
        )
    );
    println!("MOTCUA_DB={}", db.display());
    Ok(())
}
