#!/usr/bin/env python3
"""motcua beside the sqlite3 floor (issue 14, goal 4), on the same data, in one run:
 - a year's report: `motcua report` as a process against the sqlite3 shell computing the same
   report from a per-day summary table (bench/floor/report.sql);
 - the queue's first page: motcua's first frame in an 80x24 pty (as bench/screens.py) against the
   sqlite3 shell printing the same page (queue.sql) in the same pty, start to last byte.
Usage: bench/floor.py MOTCUA_BINARY MOTCUA_DB REF_DB [FLOOR_DIR]
REF_DB comes from the floor's refdb.py over `motcua export dossiers --format csv` (see its README).
Goals: report ≤ 2x the shell; first frame ≤ the shell + 25 ms."""
import fcntl, os, pty, select, signal, statistics, struct, subprocess, sys, termios, time

binary, db, ref = sys.argv[1], sys.argv[2], sys.argv[3]
floor = sys.argv[4] if len(sys.argv) > 4 else os.path.join(os.path.dirname(__file__), "floor")
RUNS = int(os.environ.get("RUNS", "11"))
env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", MOTCUA_USER=os.environ.get("MOTCUA_USER", "bench"),
           MOTCUA_NOW=os.environ.get("MOTCUA_NOW", "2026-11-20T16:30:00+07:00"), MOTCUA_LANG="vi")


def median_ms(cmd):
    times = []
    for _ in range(RUNS):
        t0 = time.monotonic()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
        times.append((time.monotonic() - t0) * 1000)
    return statistics.median(times)


def in_pty(argv, until=None):
    """Milliseconds from fork to `until` in the output (or to the end of it)."""
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    out, took = b"", None
    while True:
        r, _, _ = select.select([fd], [], [], 10)
        if not r:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
        if until and until in out:
            break
    took = (time.monotonic() - t0) * 1000
    if until:
        # Letters start a search on the queue now: end the screen as a closed terminal would.
        os.kill(pid, signal.SIGTERM)
    while True:
        try:
            if not os.read(fd, 65536):
                break
        except OSError:
            break
    os.waitpid(pid, 0)
    return took


sqlite3 = subprocess.run(["which", "sqlite3"], capture_output=True, text=True).stdout.strip()
report = median_ms([binary, "--db", db, "report", "--from", "2025-01-01", "--to", "2025-12-31", "--format", "json"])
shell = median_ms([sqlite3, ref, f".read {floor}/report.sql"])
print(f"a year's report: motcua {report:.1f} ms, sqlite3 shell from the summary table {shell:.1f} ms "
      f"= {report / shell:.2f}x (goal <= 2x); median of {RUNS}")
frame = statistics.median(in_pty([binary, "--db", db], until="ngày".encode()) for _ in range(RUNS))
page = statistics.median(in_pty([sqlite3, ref, f".read {floor}/queue.sql"]) for _ in range(RUNS))
print(f"queue's first page in an 80x24 pty: motcua first frame {frame:.1f} ms, sqlite3 shell {page:.1f} ms "
      f"= +{frame - page:.1f} ms (goal <= +25 ms); median of {RUNS}")
print(f"load average {open('/proc/loadavg').read().split()[:3]} on {os.cpu_count()} cores")
