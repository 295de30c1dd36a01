#!/usr/bin/env python3
"""The screens as a clerk's terminal sees them (issue 3): the real binary in an 80x24 pty.
Prints: process start -> first queue frame, bytes for one cursor move, bytes drawn and CPU
used while idle, resident memory.   bench/screens.py MOTCUA_BINARY DATABASE"""
import fcntl, os, pty, select, struct, sys, termios, time

binary, db = sys.argv[1], sys.argv[2]
env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", MOTCUA_USER=os.environ.get("MOTCUA_USER", "bench"),
           MOTCUA_NOW=os.environ.get("MOTCUA_NOW", "2026-11-20T16:30:00+07:00"), MOTCUA_LANG="vi")

def read_for(fd, seconds, until=None):
    out, end = b"", time.monotonic() + seconds
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], max(0, end - time.monotonic()))
        if not r:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        out += chunk
        if until and until in out:
            break
    return out

def cpu_ticks(pid):
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(f[11]) + int(f[12])

def rss_kb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])

starts = []
for run in range(5):
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(binary, [binary, "--db", db], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    # Every queue row carries its due date in words ("quá 3 ngày", "còn 2 ngày"): the first
    # "ngày" on the screen is the first page of rows (the header and tabs have none).
    first = read_for(fd, 10, until="ngày".encode())
    starts.append((time.monotonic() - t0) * 1000)
    if run == 4:
        time.sleep(0.3)
        read_for(fd, 0.2)
        os.write(fd, b"\x1b[B")  # Down: letters are text (they start a search)
        move = read_for(fd, 0.5)
        before = cpu_ticks(pid)
        idle = read_for(fd, 10)
        after = cpu_ticks(pid)
        print(f"one cursor move: {len(move)} bytes to the terminal")
        print(f"idle 10 s: {len(idle)} bytes drawn, {after - before} CPU ticks (1 tick = 10 ms)")
        print(f"resident memory: {rss_kb(pid)} kB")
    os.write(fd, b"\x1b[21~")  # F10 quits
    read_for(fd, 1)
    os.waitpid(pid, 0)
starts.sort()
print(f"process start -> first queue frame: median {starts[2]:.1f} ms (runs: {', '.join(f'{s:.1f}' for s in starts)})")
