//! Shared by the integration tests: temporary databases, the binary, fixed clocks.
#![allow(dead_code)] // each test file uses its own part of these helpers

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::NaiveDateTime;
use motcua::domain::dossier::Channel;
use motcua::domain::status::{Role, Status};
use motcua::store::{ImportRow, NewDossier, Staff, Store};
use tempfile::TempDir;

/// The office head who ran `init` in every test database.
pub const HEAD: &str = "truong";
pub const AGENCY: &str = "000.17.22.H56";

/// "2024-02-07 10:00" as office time.
pub fn at(s: &str) -> NaiveDateTime {
    motcua::clock::parse_time(s).unwrap_or_else(|| panic!("bad test time {s}"))
}

/// Line `line` of a logbook: a dossier received at `received_at`, still just received, with
/// nothing else filled in (a test sets what it needs with `..logbook_row(…)`).
pub fn logbook_row(line: usize, procedure: &str, name: &str, received_at: NaiveDateTime) -> ImportRow {
    ImportRow {
        line,
        code: None,
        procedure_code: procedure.into(),
        applicant_name: name.into(),
        applicant_id: String::new(),
        phone: String::new(),
        address: String::new(),
        channel: Channel::InPerson,
        received_at,
        due_date: None,
        resolved_at: None,
        returned_at: None,
        status: Status::Received,
        fee_vnd: None,
        paid_online: false,
        result_digitized: false,
        assignee: String::new(),
        note: String::new(),
        handover: Default::default(),
    }
}

/// A fresh database with the embedded catalogue and holidays, the head, two clerks-side
/// people and two handlers.
pub fn office() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("office.db");
    let mut store = motcua::cli::create_database(&path, Some(AGENCY), Some("UBND xã Thử"), HEAD).unwrap();
    for (login, name, role) in [
        ("lan", "Nguyễn Thị Lan", Role::Clerk),
        ("hung", "Lê Văn Hùng", Role::Handler),
        ("mai", "Phạm Thị Mai", Role::Handler),
    ] {
        store.put_staff(HEAD, &Staff { login: login.into(), full_name: name.into(), role, active: true }).unwrap();
    }
    (dir, store)
}

pub fn db_path(dir: &TempDir) -> PathBuf {
    dir.path().join("office.db")
}

pub fn new_dossier(procedure: &str, name: &str, channel: Channel) -> NewDossier {
    NewDossier {
        procedure_code: procedure.into(),
        applicant_name: name.into(),
        applicant_id: "038190012345".into(),
        phone: "0912345678".into(),
        email: String::new(),
        address: "Thôn Đông".into(),
        channel,
        papers: vec![],
        fee_vnd: None,
        paid_online: false,
        note: String::new(),
        sets: 1,
    }
}

/// The binary, with a fixed clock and user, messages in `lang`, and nothing from the caller's
/// environment that could point it at another database.
pub fn motcua_in(lang: &str, db: &Path, now: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_motcua"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("MOTCUA_DB")
        .env("MOTCUA_NOW", now)
        .env("MOTCUA_USER", HEAD)
        .env("MOTCUA_LANG", lang)
        .output()
        .expect("the motcua binary runs")
}

/// The binary in English (so assertions can read the messages).
pub fn motcua(db: &Path, now: &str, args: &[&str]) -> Output {
    motcua_in("en", db, now, args)
}

/// Runs and insists on success; returns stdout.
pub fn ok(db: &Path, now: &str, args: &[&str]) -> String {
    let out = motcua(db, now, args);
    assert!(
        out.status.success(),
        "motcua {args:?} failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stdout).unwrap()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The whole logbook of a database, as bytes.
pub fn export_all(db: &Path, now: &str) -> Vec<u8> {
    let out = motcua(db, now, &["export", "dossiers", "--from", "2000-01-01", "--to", "2099-12-31"]);
    assert!(out.status.success(), "export failed: {}", stderr(&out));
    out.stdout
}

/// The rows of a logbook CSV as maps from column to value.
pub fn logbook_rows(csv_bytes: &[u8]) -> Vec<std::collections::HashMap<String, String>> {
    let csv_bytes = csv_bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(csv_bytes);
    let mut r = csv::Reader::from_reader(csv_bytes);
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers.iter().zip(rec.iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect()
        })
        .collect()
}
