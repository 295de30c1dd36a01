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
        // Read what it writes as it comes, and signal once the first frame is drawn.
        let mut stdout = script.stdout.take().unwrap();
        let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let reader = {
            let seen = seen.clone();
            std::thread::spawn(move || {
                let mut buf = [0u8; 65536];
                while let Ok(n) = stdout.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    seen.lock().unwrap().extend_from_slice(&buf[..n]);
                }
            })
        };
        let drawn = |seen: &std::sync::Mutex<Vec<u8>>| seen.lock().unwrap().windows(8).any(|w| w == b"\x1b[?2026l");
        let deadline = Instant::now() + Duration::from_secs(30);
        while !drawn(&seen) {
            assert!(Instant::now() < deadline, "SIG{name}: no first frame");
            std::thread::sleep(Duration::from_millis(20));
        }
        // SAFETY: a signal to the child we started.
        unsafe { libc::kill(motcua as i32, sig) };
        let deadline = Instant::now() + Duration::from_secs(30);
        while script.try_wait().unwrap().is_none() {
            assert!(Instant::now() < deadline, "SIG{name}: motcua did not end");
            std::thread::sleep(Duration::from_millis(50));
        }
        drop(script.stdin.take());
        reader.join().unwrap();
        let out = seen.lock().unwrap().clone();
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

/// A pty driven from Python (`script` stops itself when its child stops, so it cannot show a
/// suspend): types Ctrl-Z, reports the process state, sends SIGCONT, reports it again, presses
/// F10 (quit; letters are text on the screens), and prints everything the program wrote.
const PTY_DRIVER: &str = r#"
import os, pty, sys, time, signal, fcntl, termios, struct, select
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', 30, 100, 0, 0))
    os.execvp(sys.argv[1], sys.argv[1:])
out = bytearray()
def pump(t):
    r, _, _ = select.select([fd], [], [], t)
    if r:
        try:
            out.extend(os.read(fd, 65536))
        except OSError:
            pass
def state():
    try:
        return open('/proc/%d/stat' % pid).read().rsplit(')', 1)[1].split()[0]
    except OSError:
        return 'gone'
def until(cond, secs=30):
    end = time.time() + secs
    while time.time() < end and not cond():
        pump(0.05)
    return cond()
ALT = b'\x1b[?1049h'
# Drawn once (the synchronized-update end after the first frame), then Ctrl-Z.
until(lambda: b'\x1b[?2026l' in out)
os.write(fd, b'\x1a')
sys.stderr.write('stopped:%s\n' % ('T' if until(lambda: state() == 'T') else state()))
os.kill(pid, signal.SIGCONT)
until(lambda: out.count(ALT) >= 2 and out.rfind(b'\x1b[?2026l') > out.rfind(ALT))
sys.stderr.write('resumed:%s\n' % state())
os.write(fd, b'\x1b[21~')
reaped = []
def ended():
    if not reaped and os.waitpid(pid, os.WNOHANG)[0] == pid:
        reaped.append(True)
    return bool(reaped)
done = until(ended)
if not done:
    os.kill(pid, signal.SIGKILL)
pump(0.2)
sys.stderr.write('quit:%s\n' % done)
sys.stdout.buffer.write(bytes(out))
"#;

/// Ctrl-Z gives the terminal back and stops motcua; on SIGCONT it takes the screen again and
/// redraws it whole; it then works as before (F10 quits).
#[test]
fn ctrl_z_suspends_and_resumes_cleanly() {
    if !have("python3") {
        eprintln!("signals: skipped — needs python3 for a pty");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (db, store) = office(dir.path());
    drop(store);
    let out = Command::new("python3")
        .args(["-c", PTY_DRIVER, env!("CARGO_BIN_EXE_motcua"), "--db", db.to_str().unwrap()])
        .env("MOTCUA_USER", CLERK)
        .env("MOTCUA_NOW", NOW)
        .env("TERM", "xterm")
        .output()
        .unwrap();
    let report = text(&out.stderr);
    assert!(report.contains("stopped:T"), "Ctrl-Z stopped it: {report}");
    assert!(report.contains("resumed:S") || report.contains("resumed:R"), "SIGCONT resumed it: {report}");
    assert!(report.contains("quit:True"), "and it still answers keys: {report}");
    let screen = String::from_utf8_lossy(&out.stdout);
    let enters: Vec<usize> = screen.match_indices("\x1b[?1049h").map(|m| m.0).collect();
    let leaves: Vec<usize> = screen.match_indices("\x1b[?1049l").map(|m| m.0).collect();
    assert!(enters.len() >= 2 && leaves.len() >= 2, "left and entered again: {enters:?} {leaves:?}");
    assert!(leaves[0] > enters[0] && enters[1] > leaves[0], "the suspend left the screen, the resume came back");
    assert!(screen[enters[1]..].contains("\x1b[2J"), "the resumed screen is drawn whole");
    assert!(screen[enters[1]..].contains("Mã hồ sơ") || screen[enters[1]..].contains("MỘT CỬA"), "and drawn again");
}
