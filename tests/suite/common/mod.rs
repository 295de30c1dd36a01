//! What the integration tests share: a fresh office database with one person of each role,
//! and the binary run with an injected clock.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::NaiveDateTime;
use motcua::domain::dossier::Channel;
use motcua::domain::status::Role;
use motcua::store::{NewDossier, Refusal, Staff, Store};

pub const HEAD: &str = "truong";
pub const CLERK: &str = "lan";
pub const HANDLER: &str = "hung";
pub const OTHER_HANDLER: &str = "mai";
pub const NOW: &str = "2024-02-08T10:00:00+07:00";

pub fn now() -> NaiveDateTime {
    motcua::clock::parse_time(NOW).unwrap()
}

/// A new office database in `dir` with a head, a clerk and two handlers.
pub fn office(dir: &Path) -> (PathBuf, Store) {
    let path = dir.join("motcua.db");
    let mut store = motcua::cli::create_database(&path, Some("000.17.22.H56"), Some("UBND xã Thử"), HEAD).unwrap();
    for (login, name, role) in [
        (CLERK, "Nguyễn Thị Lan", Role::Clerk),
        (HANDLER, "Trần Văn Hùng", Role::Handler),
        (OTHER_HANDLER, "Lê Thị Mai", Role::Handler),
    ] {
        store.put_staff(HEAD, &Staff { login: login.into(), full_name: name.into(), role, active: true }).unwrap();
    }
    (path, store)
}

/// An active procedure with a time limit in working days.
pub fn procedure(store: &Store) -> String {
    store.procedures(true).unwrap().into_iter().find(|p| p.days.is_some_and(|d| d > 0)).unwrap().code
}

pub fn new_dossier(procedure: &str, name: &str) -> NewDossier {
    NewDossier {
        procedure_code: procedure.into(),
        applicant_name: name.into(),
        applicant_id: String::new(),
        phone: String::new(),
        email: String::new(),
        address: "thôn Đông".into(),
        channel: Channel::InPerson,
        papers: vec![],
        fee_vnd: None,
        paid_online: false,
        note: String::new(),
        sets: 1,
    }
}

pub fn refusal(e: &anyhow::Error) -> Refusal {
    e.downcast_ref::<Refusal>().unwrap_or_else(|| panic!("not a refusal: {e:#}")).clone()
}

/// The binary, on `db`, as `user`, at NOW, in English.
pub fn motcua(db: &Path, user: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_motcua"));
    c.arg("--db").arg(db).env("MOTCUA_NOW", NOW).env("MOTCUA_USER", user).env("MOTCUA_LANG", "en");
    c
}

pub fn run(db: &Path, user: &str, args: &[&str]) -> Output {
    motcua(db, user).args(args).output().unwrap()
}

pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The last line the binary printed on stderr, with the checks every failure must pass:
/// one clear line, no panic, no raw SQLite words.
pub fn clear_failure(out: &Output) -> String {
    assert!(!out.status.success(), "should fail: {}", text(&out.stdout));
    let err = text(&out.stderr);
    assert!(!err.contains("panicked"), "panic: {err}");
    assert!(!err.contains("database is locked"), "{err}");
    assert_eq!(out.status.code(), Some(1), "{err}");
    err.trim().lines().last().unwrap_or("").to_string()
}
