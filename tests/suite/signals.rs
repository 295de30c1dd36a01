//! The screens under a real terminal (a pty from `script`): SIGTERM, SIGHUP and SIGQUIT put the
//! terminal back (alternate screen left, cursor shown) and keep the clerk's draft. Skipped with
//! a message when `script` is missing.

use crate::common::*;

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn have(tool: &str) -> bool {
    Command::new("sh").arg("-c").arg(format!("command -v {tool}")).output().is_ok_and(|o| o.status.success())
}

/// The pid of the motcua that `script` started (its only child).
fn child_of(pid: u32) -> Option<u32> {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        let out = Command::new("pgrep").args(["-P", &pid.to_string()]).output().ok()?;
        if let Some(p) = String::from_utf8_lossy(&out.stdout).lines().next().and_then(|l| l.trim().parse().ok()) {
            return Some(p);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

#[test]
fn term_hup_and_quit_give_the_terminal_back_and_keep_the_draft() {
    if !have("script") || !have("pgrep") {
        eprintln!("signals: skipped — needs script(1) and pgrep");
        return;
    }
    for (sig, name) in [(libc::SIGTERM, "TERM"), (libc::SIGHUP, "HUP"), (libc::SIGQUIT, "QUIT")] {
        let dir = tempfile::tempdir().unwrap();
        let (db, mut store) = office(dir.path());
        store.put_draft(CLERK, "{\"applicant_name\":\"Nháp Văn Giữ\"}", now()).unwrap();
        drop(store);
        let cmd = format!("{} --db {}", env!("CARGO_BIN_EXE_motcua"), db.display());
        let mut script = Command::new("script")
            .args(["-q", "-e", "-c", &cmd, "/dev/null"])
            .env("MOTCUA_USER", CLERK)
            .env("MOTCUA_NOW", NOW)
            .env("TERM", "xterm")
            .env("COLUMNS", "100")
            .env("LINES", "30")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let motcua = child_of(script.id()).expect("motcua started under script");
        // Let it draw its first screen.
        std::thread::sleep(Duration::from_millis(1500));
        // SAFETY: a signal to the child we started.
        unsafe { libc::kill(motcua as i32, sig) };
        let deadline = Instant::now() + Duration::from_secs(20);
        while script.try_wait().unwrap().is_none() {
            assert!(Instant::now() < deadline, "SIG{name}: motcua did not end");
            std::thread::sleep(Duration::from_millis(50));
        }
        drop(script.stdin.take());
        let mut out = Vec::new();
        script.stdout.take().unwrap().read_to_end(&mut out).unwrap();
        let out = String::from_utf8_lossy(&out);
        let entered =
            out.find("\x1b[?1049h").unwrap_or_else(|| panic!("SIG{name}: never entered the screens: {out:?}"));
        let left = out.rfind("\x1b[?1049l").unwrap_or_else(|| panic!("SIG{name}: alternate screen not left"));
        let shown = out.rfind("\x1b[?25h").unwrap_or_else(|| panic!("SIG{name}: cursor not shown again"));
        assert!(entered < left && entered < shown, "SIG{name}");
        let store = motcua::store::Store::open(&db).unwrap();
        assert_eq!(
            store.draft(CLERK).unwrap().as_deref(),
            Some("{\"applicant_name\":\"Nháp Văn Giữ\"}"),
            "SIG{name}: the draft is kept"
        );
    }
}
