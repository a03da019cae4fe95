#!/usr/bin/env bash
# Benchmark for `rustdrill watch` (not a test: it prints numbers, it asserts
# nothing). In a real terminal (tmux) it measures the time from saving a
# fix of an exercise whose check is looping to the fix's verdict on screen
# (issue 21, item 6). A watch that waits for the running check to end
# shows it only after the loop's time limit (`timeout_secs`, 10 s by
# default); one that cancels the running check shows it after one build.
#
# Each round: save a looping main, wait until it runs, save a fix that
# prints "round N fixed", time until the screen shows that line.
#
# Usage: benches/watch_loop_save.sh [ROUNDS] [TIMEOUT_SECS]   (defaults: 5 10)
# Uses $RUSTDRILL_BIN, else target/release/rustdrill (built if missing), on a
# copy of tests/fixtures/watch_course. Needs tmux and python3.
set -euo pipefail

ROUNDS=${1:-5}
TIMEOUT=${2:-10}
REPO=$(cd "$(dirname "$0")/.." && pwd)
BIN=${RUSTDRILL_BIN:-$REPO/target/release/rustdrill}
if [[ ! -x $BIN ]]; then
    cargo build --release --manifest-path "$REPO/Cargo.toml"
fi
WORK=$(mktemp -d)
SOCKET="$WORK/tmux.sock"
trap 'tmux -S "$SOCKET" kill-server 2>/dev/null || true; rm -rf "$WORK"' EXIT
cp -r "$REPO/tests/fixtures/watch_course" "$WORK/course"
python3 - "$WORK/course/info.toml" "$TIMEOUT" <<'PY'
import sys
path, timeout = sys.argv[1], sys.argv[2]
text = open(path).read().replace('name = "fix_me"\n', 'name = "fix_me"\ntimeout_secs = %s\n' % timeout, 1)
open(path, "w").write(text)
PY

tmux -S "$SOCKET" -f /dev/null new-session -d -x 120 -y 40 \
    "cd '$WORK/course' && env -u CARGO_TARGET_DIR -u RUSTDRILL_COURSE NO_COLOR=1 RUSTDRILL_NO_PREBUILD=1 '$BIN' watch; sleep 600"

python3 - "$SOCKET" "$WORK/course" "$ROUNDS" "$TIMEOUT" <<'PY'
import json, os, statistics, subprocess, sys, time

SOCKET, COURSE, ROUNDS, TIMEOUT = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
FILE = os.path.join(COURSE, "exercises/01_start/fix_me.rs")
PIDFILE = os.path.join(COURSE, "loop.pid")

def screen():
    out = subprocess.run(["tmux", "-S", SOCKET, "capture-pane", "-p", "-J"],
                         capture_output=True, text=True)
    return out.stdout

def wait(pred, what, limit=300):
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        if pred():
            return time.perf_counter()
        time.sleep(0.01)
    sys.exit("timed out waiting for %s; screen:\n%s" % (what, screen()))

def write(text):
    with open(FILE, "w") as f:
        f.write(text)

def looping(i):
    return ('fn main() {\n    // round %d\n    std::fs::write(%s, "%d").unwrap();\n'
            '    #[allow(clippy::empty_loop)]\n    loop {}\n}\n' % (i, json.dumps(PIDFILE), i))

def fixed(i):
    return 'fn main() {\n    println!("round %d fixed");\n}\n' % i

def loop_round():
    try:
        return open(PIDFILE).read().strip()
    except OSError:
        return ""

wait(lambda: "fix_me" in screen(), "the first verdict")
times = []
for i in range(ROUNDS):
    write(looping(i))
    wait(lambda: loop_round() == str(i), "loop %d to run" % i)
    time.sleep(0.3)  # well inside the loop's check
    t0 = time.perf_counter()
    write(fixed(i))
    t1 = wait(lambda: "round %d fixed" % i in screen(), "round %d's verdict" % i,
              limit=int(TIMEOUT) * 3 + 120)
    times.append(t1 - t0)
    print("round %d: save -> verdict %.2f s" % (i, t1 - t0), flush=True)

print("looping exercise, timeout_secs = %s, %d rounds" % (TIMEOUT, ROUNDS))
print("save of a fix -> its verdict on screen: median %.2f s (min %.2f, max %.2f)"
      % (statistics.median(times), min(times), max(times)))
PY
