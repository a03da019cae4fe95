#!/usr/bin/env bash
# Load benchmark for `rustdrill classroom serve` (not a test: it prints
# numbers; only the lost-event count is checked). On loopback only:
#   LEARNERS simulated learners (default 300) each join, then report one
#   event a second for SECONDS (default 60), over keep-alive connections,
#   as the learner's sender does (one POST /api/events per batch).
#   A dashboard client listens to /api/stream and fetches /api/room on each
#   change (debounced 100 ms, as the page does), and notes when each event
#   first shows in the room.
# Prints: events sent, stored, lost (must be 0), p50/p99 of report → seen
# on the dashboard, and the server's peak resident memory.
#
# Usage: benches/classroom_load.sh [LEARNERS] [SECONDS]
# Uses target/release/rustdrill (built if missing). Needs python3.
set -euo pipefail

LEARNERS=${1:-300}
SECONDS_=${2:-60}
REPO=$(cd "$(dirname "$0")/.." && pwd)
BIN=${RUSTDRILL_BIN:-$REPO/target/release/rustdrill}
if [[ ! -x $BIN ]]; then
    cargo build --release --manifest-path "$REPO/Cargo.toml"
fi
WORK=$(mktemp -d)
# The room's course: 30 exercises in 6 chapters (the server refuses events
# for exercises its course does not have).
mkdir -p "$WORK/course"
{
    echo 'format_version = 1'
    for i in $(seq 0 29); do
        printf '\n[[exercises]]\nname = "ex%d"\ndir = "ch%d"\nhint = "h"\n' "$i" $((i / 5))
    done
} >"$WORK/course/info.toml"
"$BIN" classroom serve --listen 127.0.0.1:0 --db "$WORK/load.sqlite3" --course "$WORK/course" >"$WORK/out" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do grep -q "rustdrill join" "$WORK/out" && break; sleep 0.1; done

python3 - "$WORK/out" "$SERVER" "$LEARNERS" "$SECONDS_" <<'PY'
import http.client, json, re, statistics, sys, threading, time

out, pid, learners, seconds = open(sys.argv[1]).read(), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
host, port, code = re.search(r"rustdrill join http://([\d.]+):(\d+) (\S+)", out).groups()
key = re.search(r"\?key=([0-9a-f]+)", out).group(1)
port = int(port)
assert host == "127.0.0.1", "loopback only"

def conn(learner=None):
    # Joins are limited per source address (40 at once): learners come
    # from 127.0.0.2, .3, … (all loopback on Linux), 30 per address, as
    # machines in a room would.
    source = None if learner is None else (f"127.0.0.{2 + learner // 30}", 0)
    return http.client.HTTPConnection(host, port, timeout=10, source_address=source)

def post(c, path, body, headers=None):
    h = {"content-type": "application/json"}
    h.update(headers or {})
    c.request("POST", path, json.dumps(body), h)
    r = c.getresponse()
    data = r.read()
    return r.status, data

course = [{"name": f"ex{i}", "chapter": f"ch{i // 5}"} for i in range(30)]
tokens = []
for i in range(learners):
    c = conn(i)
    status, data = post(c, "/api/join", {"code": code, "name": f"learner {i}", "course": course})
    assert status == 200, (status, data)
    j = json.loads(data)
    tokens.append((j["learner"], j["token"]))

sent = {}          # (learner, checks) -> time sent
seen = {}          # (learner, checks) -> time first seen on the dashboard
errors = []
lock = threading.Lock()
stop = time.monotonic() + seconds
start_all = time.monotonic()

def learner(idx, lid, token):
    c = conn(idx)
    seq = 0
    next_at = start_all + (idx % 1000) / 1000.0
    while True:
        now = time.monotonic()
        if now >= stop:
            break
        if next_at > now:
            time.sleep(next_at - now)
        next_at += 1.0
        seq += 1
        ev = {"seq": seq, "kind": "check", "exercise": f"ex{(seq // 10) % 30}",
              "verdict": "pass" if seq % 10 == 9 else "compile_error",
              "message": "compile error: [E0308] mismatched types", "checks": seq, "hints": 0,
              "current": f"ex{(seq // 10) % 30}", "at": int(time.time() * 1000)}
        t = time.monotonic()
        with lock:
            sent[(lid, seq)] = t
        try:
            status, _ = post(c, "/api/events", {"events": [ev]}, {"authorization": "Bearer " + token})
            if status != 200:
                errors.append(status)
        except Exception as e:  # noqa: BLE001 — counted, then retried on a new connection
            errors.append(repr(e))
            c = conn(idx)

def dashboard():
    s = conn()
    s.request("GET", "/api/stream?key=" + key)
    r = s.getresponse()
    changed = threading.Event()
    def listen():
        while True:
            line = r.fp.readline()
            if not line:
                return
            if line.startswith(b"event: changed"):
                changed.set()
    threading.Thread(target=listen, daemon=True).start()
    c = conn()
    while time.monotonic() < stop + 5:
        if not changed.wait(timeout=1):
            continue
        time.sleep(0.1)   # the page's debounce
        changed.clear()
        c.request("GET", "/api/room?key=" + key)
        room = json.loads(c.getresponse().read())
        t = time.monotonic()
        for l in room["learners"]:
            best = max((p["checks"] for p in l["exercises"] if p["exercise"] == l["current"]), default=0)
            # Every event up to `best` of this learner is now on the dashboard.
            k = (l["id"], best)
            if k not in seen:
                with lock:
                    for s_ in range(best, 0, -1):
                        if (l["id"], s_) in seen:
                            break
                        seen[(l["id"], s_)] = t

rss = []
def memory():
    while time.monotonic() < stop + 5:
        try:
            for line in open(f"/proc/{pid}/status"):
                if line.startswith("VmRSS:"):
                    rss.append(int(line.split()[1]))
        except OSError:
            pass
        time.sleep(0.5)

threads = [threading.Thread(target=learner, args=(i, lid, tok)) for i, (lid, tok) in enumerate(tokens)]
side = [threading.Thread(target=dashboard, daemon=True), threading.Thread(target=memory, daemon=True)]
for t in side + threads:
    t.start()
for t in threads:
    t.join()
time.sleep(3)

c = conn()
c.request("GET", "/api/log?key=" + key)
log = json.loads(c.getresponse().read())
stored = {(e["learner"], e["seq"]) for e in log}
lost = [k for k in sent if k not in stored]
unasked = [k for k in stored if k not in sent]
lat = sorted((seen[k] - sent[k]) * 1000 for k in sent if k in seen and seen[k] >= sent[k])
print(f"learners: {learners}, seconds: {seconds}")
print(f"events sent: {len(sent)}, stored: {len(stored)}, lost: {len(lost)}, "
      f"stored but never sent: {len(unasked)}, request errors: {len(errors)}")
if lat:
    print(f"report -> dashboard: p50 {statistics.median(lat):.0f} ms, "
          f"p99 {lat[int(len(lat) * 0.99) - 1]:.0f} ms ({len(lat)} events timed)")
if rss:
    print(f"server resident memory: peak {max(rss) / 1024:.1f} MB, at the end {rss[-1] / 1024:.1f} MB")
sys.exit(1 if lost or unasked else 0)
PY
