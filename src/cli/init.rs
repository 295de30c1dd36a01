//! `motcua init` and `motcua demo`: a new database with the catalogue and holidays from
//! assets/ (embedded, so no file is needed beside the binary).

use std::path::{Path, PathBuf};

use anyhow::{anyhow, Result};

use super::Context;
use crate::domain::calendar::parse_holidays_csv;
use crate::domain::code::check_agency_code;
use crate::domain::status::Role;
use crate::i18n::tr;
use crate::store::{Settings, Staff, Store};

const PROCEDURES_CSV: &str = include_str!("../../assets/procedures.csv");
// The same table `motcua holidays update` offers to older databases.
const HOLIDAYS_CSV: &str = crate::domain::holiday_update::SHIPPED_HOLIDAYS_CSV;

fn data_dir() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("vn", "motcua", "motcua").ok_or_else(|| {
        anyhow!(tr("không tìm thấy thư mục dữ liệu của người dùng — dùng --db", "no user data directory — use --db"))
    })?;
    Ok(dirs.data_dir().to_path_buf())
}

pub fn default_db_path() -> Result<PathBuf> {
    Ok(data_dir()?.join("motcua.db"))
}

pub fn demo_db_path() -> Result<PathBuf> {
    Ok(data_dir()?.join("demo.db"))
}

/// A new database: schema, office settings, catalogue, holidays, and `head` as the office head.
pub fn create_database(path: &Path, agency_code: Option<&str>, agency_name: Option<&str>, head: &str) -> Result<Store> {
    create_office(path, agency_code, agency_name, head, None)
}

/// As `create_database`, with the head's full name (signed on the forms; the login otherwise,
/// which the forms never print).
pub fn create_office(
    path: &Path,
    agency_code: Option<&str>,
    agency_name: Option<&str>,
    head: &str,
    head_name: Option<&str>,
) -> Result<Store> {
    let head_name = head_name.map(crate::domain::text::clean).filter(|n| !n.is_empty());
    if let Some(n) = &head_name {
        crate::domain::validate::check_name(n)
            .map_err(|p| anyhow!("--head-name {n}: {}", crate::i18n::problem_text(&p)))?;
    }
    let code = match agency_code {
        Some(c) => check_agency_code(c).map_err(|e| {
            anyhow!(
                "--agency-code {}: {}",
                e.0,
                tr(
                    "mã cơ quan dạng 000.00.00.H00 (QCVN 102:2016)",
                    "an agency code looks like 000.00.00.H00 (QCVN 102:2016)"
                )
            )
        })?,
        None => "000.00.00.H00".to_string(),
    };
    // Checked before the file is made: a bad shipped catalogue leaves nothing behind.
    super::parse_procedures_csv(PROCEDURES_CSV).map_err(|bad| anyhow!("assets/procedures.csv: {}", bad.join("; ")))?;
    let holidays =
        parse_holidays_csv(HOLIDAYS_CSV).map_err(|bad| anyhow!("assets/holidays.csv: {}", bad.join("; ")))?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| anyhow!("{}: {e}", dir.display()))?;
    }
    let mut store = Store::create(path)?;
    let built = (|| -> Result<()> {
        // The first staff member is the head, who then writes the rest.
        store.put_staff(
            head,
            &Staff {
                login: head.to_string(),
                full_name: head_name.clone().unwrap_or_else(|| head.to_string()),
                role: Role::Head,
                active: true,
            },
        )?;
        let mut settings = store.settings()?;
        settings.agency_code = code;
        if let Some(n) = agency_name {
            settings.agency_name = crate::domain::text::clean(n);
        }
        if let Some(n) = &head_name {
            settings.head_name = n.clone();
        }
        store.set_settings(head, &Settings { ..settings })?;
        let agencies = super::catalog_links::parse_agencies(super::catalog_links::AGENCIES_CSV)
            .map_err(|bad| anyhow!("assets/agencies.csv: {}", bad.join("; ")))?;
        store.put_agencies(head, &agencies)?;
        let rows = super::catalog_csv::parse_catalogue_rows(PROCEDURES_CSV)
            .map_err(|bad| anyhow!("assets/procedures.csv: {}", bad.join("; ")))?;
        super::catalog_links::upsert(&mut store, head, PROCEDURES_CSV, &rows)?
            .map_err(|bad| anyhow!("assets/procedures.csv: {}", bad.join("; ")))?;
        store.upsert_holidays(head, &holidays)?;
        Ok(())
    })();
    if let Err(e) = built {
        drop(store);
        let _ = std::fs::remove_file(path);
        return Err(e);
    }
    Ok(store)
}

pub fn run(
    ctx: &Context,
    agency_code: Option<String>,
    agency_name: Option<String>,
    head_name: Option<String>,
) -> Result<()> {
    let head_name = head_name.or_else(ask_head_name);
    create_office(&ctx.db, agency_code.as_deref(), agency_name.as_deref(), &ctx.user, head_name.as_deref())?;
    if head_name.is_none() {
        eprintln!(
            "{}",
            tr(
                "chưa có họ tên thủ trưởng: các mẫu để trống chỗ ký tên — `motcua settings set head_name \"Họ Tên\"`",
                "no head's full name yet: the forms leave the signature name blank — `motcua settings set head_name \"Full Name\"`"
            )
        );
    }
    println!(
        "{} {} — {} {}",
        tr("đã tạo", "created"),
        ctx.db.display(),
        tr("trưởng bộ phận:", "office head:"),
        ctx.user
    );
    Ok(())
}

/// Fills the database (created if missing) with `n` demo dossiers.
pub fn demo(ctx: &Context, n: u64, seed: u64) -> Result<()> {
    let mut store = if ctx.db.exists() {
        // Demo rows in an office's database would be counted in its reports: the head's call.
        let store = ctx.open()?;
        store.require_head(&ctx.user, "thêm dữ liệu mẫu / add demo data")?;
        store
    } else {
        create_database(&ctx.db, Some("000.17.22.H56"), Some("UBND xã Quảng Phú"), &ctx.user)?
    };
    let started = std::time::Instant::now();
    let made = crate::demo::fill(&mut store, n, seed, ctx.now, &ctx.user)?;
    eprintln!(
        "{} {} {} {:.1} s",
        crate::domain::text::thousands(made as i64),
        tr("hồ sơ mẫu trong", "demo dossiers in"),
        ctx.db.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Asks for the head's full name when a person is at the terminal (not in scripts).
fn ask_head_name() -> Option<String> {
    use std::io::{BufRead, IsTerminal, Write};
    if !std::io::stdin().is_terminal() {
        return None;
    }
    eprint!(
        "{} ",
        tr("Họ tên thủ trưởng cơ quan (ký trên các mẫu):", "Full name of the head of the agency (signs the forms):")
    );
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).ok()?;
    let name = crate::domain::text::clean(&line);
    (!name.is_empty()).then_some(name)
}
