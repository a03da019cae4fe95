#!/usr/bin/env bash
# Benchmark for `rustdrill watch` (not a test: it prints numbers, it asserts
# nothing). In a pseudo-terminal it measures
#   1. the time from a write of an exercise file to its verdict on screen,
#      against `rustdrill run` on the same change (the overhead of watching:
#      debounce, event hand-off, drawing — the target is <= 50 ms), and
#   2. the runner's resident memory over 500 checks (target < 30 MB and
#      not growing).
#
# Usage: benches/watch_latency.sh [ROUNDS] [CHECKS]   (defaults: 30 500)
# Uses target/release/rustdrill (built if missing) on a copy of
# tests/fixtures/watch_course. Needs python3 (for its pty module).
set -euo pipefail

ROUNDS=${1:-30}
CHECKS=${2:-500}
REPO=$(cd "$(dirname "$0")/.." && pwd)
BIN=${RUSTDRILL_BIN:-$REPO/target/release/rustdrill}
if [[ ! -x $BIN ]]; then
    cargo build --release --manifest-path "$REPO/Cargo.toml"
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp -r "$REPO/tests/fixtures/watch_course" "$WORK/course"

python3 - "$BIN" "$WORK/course" "$ROUNDS" "$CHECKS" <<'PY'
import os, pty, re, statistics, struct, subprocess, sys, termios, fcntl, threading, time

BIN, COURSE, ROUNDS, CHECKS = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
FILE = os.path.join(COURSE, "exercises/01_start/fix_me.rs")
STATE = os.path.join(COURSE, ".rustdrill/state.toml")
env = dict(os.environ, NO_COLOR="1", RUSTDRILL_NO_PREBUILD="1", TERM="xterm-256color")
env.pop("CARGO_TARGET_DIR", None)

def program(i):
    return 'fn main() {\n    println!("round %d");\n}\n' % i

def write(text):
    with open(FILE, "w") as f:
        f.write(text)

# --- rustdrill watch in a pty ------------------------------------------------
pid, fd = pty.fork()
if pid == 0:
    os.execvpe(BIN, [BIN, "watch", "--course", COURSE], env)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
buf = bytearray()
lock = threading.Lock()
def reader():
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            return
        if not data:
            return
        with lock:
            buf.extend(data)
threading.Thread(target=reader, daemon=True).start()

def wait_for(pattern, start, limit=120):
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        with lock:
            if buf.find(pattern, start) >= 0:
                return time.perf_counter()
        time.sleep(0.0005)
    sys.exit("timed out waiting for %r; screen tail: %r" % (pattern, bytes(buf[-800:])))

def checks():
    try:
        m = re.search(r"\[exercises\.fix_me\][^\[]*?checks = (\d+)", open(STATE).read())
        return int(m.group(1)) if m else 0
    except OSError:
        return 0

def rss_kb():
    for line in open("/proc/%d/status" % pid):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])

before = checks()
wait_for(b"fix_me", 0)
while checks() <= before:  # the first check settles
    time.sleep(0.01)
c0 = checks()
watch_times, seen_times = [], []
for i in range(ROUNDS):
    with lock:
        start = len(buf)
    write(program(i))
    t0 = time.perf_counter()
    ts = wait_for("⟳ checking".encode(), start)
    t1 = wait_for(b"round %d\x1b" % i, start)
    seen_times.append(ts - t0)
    watch_times.append(t1 - t0)
    while checks() < c0 + i + 1:  # the state is saved before the screen is drawn
        time.sleep(0.001)

# --- memory over many checks (`r`: check again, same content) -------------
rss = {}
base = checks()
for n in range(1, CHECKS + 1):
    os.write(fd, b"r")
    while checks() < base + n:
        time.sleep(0.002)
    if n in (1, 10, 100, CHECKS // 2, CHECKS):
        rss[n] = rss_kb()
os.write(fd, b"q")
os.waitpid(pid, 0)

# --- rustdrill run: the same change, checked once per process (after watch:
# a pass under `run` makes the next exercise current) ----------------------
run_times = []
subprocess.run([BIN, "run", "--course", COURSE, "fix_me"], env=env, capture_output=True)
for i in range(ROUNDS):
    write(program(100000 + i))
    t0 = time.perf_counter()
    out = subprocess.run([BIN, "run", "--course", COURSE, "fix_me"], env=env, capture_output=True)
    run_times.append(time.perf_counter() - t0)
    assert b"round" in out.stdout, out

med_run = statistics.median(run_times) * 1000
med_watch = statistics.median(watch_times) * 1000
print("rounds: %d, checks for memory: %d" % (ROUNDS, CHECKS))
print("rustdrill run   (write -> exit)           median %7.1f ms  (min %.1f, max %.1f)"
      % (med_run, min(run_times) * 1000, max(run_times) * 1000))
print("rustdrill watch (write -> verdict shown)  median %7.1f ms  (min %.1f, max %.1f)"
      % (med_watch, min(watch_times) * 1000, max(watch_times) * 1000))
print("rustdrill watch (write -> check started)  median %7.1f ms  (debounce and hand-off)"
      % (statistics.median(seen_times) * 1000))
print("watch - run: %+.1f ms (run also pays process start and `cargo metadata`)" % (med_watch - med_run))
print("resident memory after N checks: " + ", ".join("%d: %.1f MB" % (n, kb / 1024) for n, kb in sorted(rss.items())))
PY
