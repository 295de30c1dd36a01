//! A shared server as `motcua setup` lays it out, tried with real Unix accounts: the clerk
//! works through the installed setgid binary and cannot reach the file any other way, become
//! the head, or backdate a receipt. Needs root (CI runs as root); skipped with a message
//! otherwise. The accounts and the group are removed afterwards, also when the test fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::text;

/// Two throwaway accounts and a group, removed on drop.
struct Accounts {
    head: String,
    clerk: String,
    group: String,
}

impl Drop for Accounts {
    fn drop(&mut self) {
        for u in [&self.head, &self.clerk] {
            let _ = Command::new("userdel").arg(u).output();
        }
        let _ = Command::new("groupdel").arg(&self.group).output();
    }
}

fn root_with_tools() -> bool {
    let root = motcua::account::is_root();
    let tools = ["useradd", "userdel", "groupadd", "groupdel", "setpriv"].iter().all(|t| {
        Command::new("sh").arg("-c").arg(format!("command -v {t}")).output().is_ok_and(|o| o.status.success())
    });
    if !root || !tools {
        eprintln!("deploy: skipped — needs root and useradd/groupadd/setpriv (CI runs it as root)");
    }
    root && tools
}

/// `cmd` run as `user` (real and effective ids, the account's own groups), with an environment
/// that claims to be the head at another time.
fn as_user(user: &str, head: &str, cmd: &Path, args: &[&str]) -> Output {
    as_user_on(user, head, "/usr/bin:/bin", cmd, args)
}

fn as_user_on(user: &str, head: &str, path: &str, cmd: &Path, args: &[&str]) -> Output {
    Command::new("setpriv")
        .args([&format!("--reuid={user}"), &format!("--regid={user}"), "--init-groups", "--"])
        .arg(cmd)
        .args(args)
        .env_clear()
        .env("PATH", path)
        .env("MOTCUA_LANG", "en")
        .env("MOTCUA_USER", head)
        .env("USER", head)
        .env("LOGNAME", head)
        .env("MOTCUA_NOW", "2020-01-06T09:00:00+07:00")
        .output()
        .unwrap()
}

fn mode(p: &Path) -> (u32, u32, u32) {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(p).unwrap();
    (m.uid(), m.gid(), m.mode() & 0o7777)
}

#[test]
fn a_clerk_works_only_through_the_installed_motcua() {
    if !root_with_tools() {
        return;
    }
    let tag = std::process::id() % 100_000;
    let acc = Accounts { head: format!("mch{tag}"), clerk: format!("mcc{tag}"), group: format!("mcg{tag}") };
    for u in [&acc.head, &acc.clerk] {
        let out =
            Command::new("useradd").args(["--no-create-home", "--shell", "/usr/sbin/nologin", u]).output().unwrap();
        assert!(out.status.success(), "useradd {u}: {}", text(&out.stderr));
    }
    let root = tempfile::tempdir().unwrap();
    // The clerk must be able to reach the binary; the database folder keeps them out itself.
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(root.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let dir = root.path().join("srv");
    let bin: PathBuf = root.path().join("bin/motcua");
    let setup = || {
        Command::new(env!("CARGO_BIN_EXE_motcua"))
            .args(["setup", "--dir", dir.to_str().unwrap(), "--group", &acc.group, "--head", &acc.head])
            .args(["--bin", bin.to_str().unwrap(), "--agency-code", "000.00.31.H26", "--agency-name", "UBND xã Thử"])
            .env("MOTCUA_LANG", "en")
            .output()
            .unwrap()
    };
    let out = setup();
    assert!(out.status.success(), "setup: {}{}", text(&out.stdout), text(&out.stderr));
    let gid = motcua::account::group_id(&acc.group).expect("setup made the group");
    let db = dir.join("motcua.db");
    assert_eq!(mode(&dir), (0, gid, 0o2770));
    assert_eq!(mode(&db), (0, gid, 0o660));
    assert_eq!(mode(&PathBuf::from(format!("{}.key", db.display()))), (0, gid, 0o640));
    assert_eq!(mode(&bin), (0, gid, 0o2755));

    let dbs = db.to_str().unwrap();
    // The head (a real account) puts the clerk on the staff list.
    let out = as_user(
        &acc.head,
        &acc.head,
        &bin,
        &["--db", dbs, "staff", "add", &acc.clerk, "--name", "Lê Thị Lan", "--role", "clerk"],
    );
    assert!(out.status.success(), "staff add: {}", text(&out.stderr));

    // The clerk registers a dossier, claiming in every variable to be the head in 2020.
    let procedure: String = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT code FROM procedures WHERE active AND days > 0 ORDER BY code LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let out = as_user(
        &acc.clerk,
        &acc.head,
        &bin,
        &["--db", dbs, "dossier", "add", "--procedure", &procedure, "--name", "Nguyễn Văn An"],
    );
    let err = text(&out.stderr);
    assert!(out.status.success(), "dossier add: {err}");
    assert!(err.contains("MOTCUA_USER: ignored") && err.contains("MOTCUA_NOW: ignored"), "{err}");
    let (actor, at): (String, String) = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT actor, datetime(at, 'unixepoch') FROM events ORDER BY id DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(actor, acc.clerk, "the account decides, not the environment");
    assert!(!at.starts_with("2020"), "MOTCUA_NOW did not backdate it: {at}");

    // The clerk cannot become the head.
    let out = as_user(&acc.clerk, &acc.head, &bin, &["--db", dbs, "staff", "set-role", &acc.clerk, "head"]);
    assert!(!out.status.success(), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains(&format!("«{}» may not", acc.clerk)), "{}", text(&out.stderr));

    // Nor take the file out with a backup, or put another in with a restore: head only.
    let copy = root.path().join("copy.db");
    for args in [vec!["--db", dbs, "backup", copy.to_str().unwrap()], vec!["--db", dbs, "restore", "/etc/hostname"]] {
        let out = as_user(&acc.clerk, &acc.head, &bin, &args);
        assert!(!out.status.success(), "{args:?}: {}", text(&out.stdout));
        assert!(text(&out.stderr).contains(&format!("«{}» may not", acc.clerk)), "{args:?}: {}", text(&out.stderr));
    }
    assert!(!copy.exists());

    // What motcua writes or starts for a clerk has the clerk's rights, not the group's: an
    // export cannot land in the database folder, and an `lp` of their own cannot read the file.
    let out = as_user(
        &acc.clerk,
        &acc.head,
        &bin,
        &["--db", dbs, "export", "dossiers", "--from", "2020-01-01", "--to", "2030-12-31", "--out", dbs],
    );
    assert!(!out.status.success(), "an export over the database");
    assert_eq!(mode(&db), (0, gid, 0o660), "the database is still the database");
    let evil = root.path().join("evil");
    std::fs::create_dir(&evil).unwrap();
    let leak = root.path().join("leak");
    std::fs::write(evil.join("lp"), format!("#!/bin/sh\ncat {dbs} > {} 2>&1\ncat >/dev/null\n", leak.display()))
        .unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&evil, std::fs::Permissions::from_mode(0o777)).unwrap();
        std::fs::set_permissions(evil.join("lp"), std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::set_permissions(root.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    }
    let code: String = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT code FROM dossiers LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let path = format!("{}:/usr/bin:/bin", evil.display());
    as_user_on(&acc.clerk, &acc.head, &path, &bin, &["--db", dbs, "print", &code, "--to", "lp"]);
    assert!(leak.exists(), "the lp on the clerk's PATH ran");
    let leaked = std::fs::read(&leak).unwrap_or_default();
    assert!(!leaked.starts_with(b"SQLite format 3"), "lp ran with the group and read the database");
    // The head's nightly backup goes to a folder of theirs, as their file.
    let shelf = root.path().join("backups");
    std::fs::create_dir(&shelf).unwrap();
    let head_uid = {
        use std::os::unix::fs::MetadataExt;
        let out = Command::new("id").args(["-u", &acc.head]).output().unwrap();
        let uid: u32 = text(&out.stdout).trim().parse().unwrap();
        std::os::unix::fs::chown(&shelf, Some(uid), None).unwrap();
        let _ = std::fs::metadata(&shelf).unwrap().uid();
        uid
    };
    let out = as_user(&acc.head, &acc.head, &bin, &["--db", dbs, "backup", shelf.join("b.db").to_str().unwrap()]);
    assert!(out.status.success(), "backup: {}", text(&out.stderr));
    assert_eq!(mode(&shelf.join("b.db")).0, head_uid);
    assert_eq!(mode(&shelf.join("b.db")).2, 0o600);

    // Nor reach the file, its WAL or its key with anything but motcua.
    for f in [db.clone(), PathBuf::from(format!("{dbs}.key")), PathBuf::from(format!("{dbs}-wal"))] {
        let out = as_user(&acc.clerk, &acc.head, Path::new("/bin/cat"), &[f.to_str().unwrap()]);
        assert!(!out.status.success() && out.stdout.is_empty(), "cat {}", f.display());
    }
    let sqlite3 = Path::new("/usr/bin/sqlite3");
    if sqlite3.exists() {
        let out = as_user(&acc.clerk, &acc.head, sqlite3, &[dbs, "UPDATE dossiers SET applicant_name = 'x'"]);
        assert!(!out.status.success(), "sqlite3 opened it: {}", text(&out.stdout));
    }
    // A copy of the binary without the setgid bit is just another program.
    let plain = root.path().join("plain-motcua");
    std::fs::copy(&bin, &plain).unwrap();
    let out = as_user(&acc.clerk, &acc.head, &plain, &["--db", dbs, "dossier", "find", "Nguyen"]);
    assert!(!out.status.success());

    // Re-running setup is safe and repairs what was loosened.
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o666)).unwrap();
    }
    let out = setup();
    assert!(out.status.success(), "setup again: {}", text(&out.stderr));
    assert_eq!(mode(&db), (0, gid, 0o660));
    let out = as_user(&acc.head, &acc.head, &bin, &["--db", dbs, "check"]);
    assert!(out.status.success(), "check: {}", text(&out.stderr));
    assert!(!text(&out.stderr).contains("warning"), "{}", text(&out.stderr));
}
