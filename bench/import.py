#!/usr/bin/env python3
"""A logbook import into a new office (issue 14), alone and with clerks registering dossiers on
the same database meanwhile. Each run makes a fresh office with `init` next to DIR and imports
LOGBOOK into it; with CLERKS > 0, that many `motcua dossier add` loops (one every 0.2 s each)
run during the import and the longest add is printed beside an add on the idle database.
    bench/import.py MOTCUA_BINARY LOGBOOK.csv [CLERKS] [DIR]"""
import os, subprocess, sys, threading, time

binary, logbook = sys.argv[1], sys.argv[2]
clerks = int(sys.argv[3]) if len(sys.argv) > 3 else 0
db = os.path.join(sys.argv[4] if len(sys.argv) > 4 else "/tmp", "bench-import.db")
env = dict(os.environ, MOTCUA_USER="root", MOTCUA_NOW="2026-11-20T10:30:00+07:00", MOTCUA_LANG="en")
for ext in ["", "-wal", "-shm", ".key"]:
    if os.path.exists(db + ext):
        os.remove(db + ext)
run = lambda args, **kw: subprocess.run([binary, "--db", db] + args, env=env, check=True, capture_output=True, **kw)
run(["init", "--agency-code", "000.17.22.H56", "--agency-name", "UBND xã Quảng Phú", "--head-name", "Lê Văn Thủ"])
add = ["dossier", "add", "--procedure", "1.001022", "--name", "Trần Văn Bình", "--channel", "in_person"]
idle = []
for _ in range(clerks and 5):
    t = time.monotonic(); run(add); idle.append(time.monotonic() - t)
stop, waits = False, []

def clerk():
    while not stop:
        t = time.monotonic(); run(add); waits.append(time.monotonic() - t)
        time.sleep(0.2)

load = os.getloadavg()[0]
t0 = time.monotonic()
imp = subprocess.Popen([binary, "--db", db, "import", "dossiers", logbook], env=env, stdout=subprocess.PIPE, text=True)
threads = [threading.Thread(target=clerk) for _ in range(clerks)]
for th in threads:
    th.start()
out = imp.stdout.read()
_, status, usage = os.wait4(imp.pid, 0)
took = time.monotonic() - t0
stop = True
for th in threads:
    th.join()
print(f"{out.strip()} (exit {os.waitstatus_to_exitcode(status)}): {took:.1f} s wall, {usage.ru_utime:.1f} s user, "
      f"{usage.ru_stime:.1f} s sys, at load {load:.1f}")
if clerks:
    w = sorted(waits)
    print(f"{len(w)} adds by {clerks} clerks meanwhile: median {w[len(w) // 2] * 1000:.0f} ms, "
          f"max {w[-1] * 1000:.0f} ms (idle: max {max(idle) * 1000:.0f} ms)")
check = subprocess.run([binary, "--db", db, "check"], env=env, capture_output=True, text=True)
print(f"check: {check.stdout.strip() or check.stderr.strip()}")
