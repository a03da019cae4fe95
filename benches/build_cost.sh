#!/usr/bin/env bash
# What building rustdrill itself costs at one commit: a cold
# `cargo build --release`, the binary's size, and the incremental rebuild
# after touching one file of watch, of the engine, of the classroom server
# and one exercise (the embedded course). Run it at two commits to compare
# (issue 24: before and after the workspace split). Not a test: it prints
# wall and CPU seconds (CPU, user + sys, moves less than wall when other
# work shares the machine).
#
#   benches/build_cost.sh [REV]        (default HEAD; a clean checkout of
#                                       REV in a temp folder, its own target)
#   FEATURES="--features X" benches/build_cost.sh   (cargo feature flags
#                                       for the builds, to compare variants)
set -euo pipefail
rev=${1:-HEAD}
repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git -C "$repo" worktree add -q --detach "$work/src" "$rev"
trap 'git -C "$repo" worktree remove --force "$work/src"; rm -rf "$work"' EXIT
cd "$work/src"
export CARGO_TARGET_DIR="$work/target"

# The first file that exists of each pair: the layout before and after the split.
pick() { for f in "$@"; do [ -e "$f" ] && { echo "$f"; return; }; done; echo "none of: $*" >&2; exit 1; }
watch_file=$(pick src/cmd/watch/app.rs src/watch/app.rs)
engine_file=$(pick crates/rustdrill-engine/src/check.rs src/check.rs)
server_file=$(pick crates/rustdrill-classroom-server/src/server.rs src/classroom/server.rs)
exercise_file=exercises/00_intro/intro1.rs

# wall seconds, CPU seconds of one command
timed() {
  /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >/dev/null 2>&1
  awk '{printf "%6.1f s wall %7.1f s CPU", $1, $2 + $3}' "$work/time"
}

cargo fetch --locked -q
printf '%-34s %s\n' "rev" "$(git rev-parse --short HEAD)"
printf '%-34s %s\n' "cold cargo build --release" "$(timed cargo build --release --locked -q ${FEATURES:-})"
printf '%-34s %s\n' "binary size" "$(stat -c %s "$CARGO_TARGET_DIR/release/rustdrill" | awk '{printf "%.1f MB", $1/1e6}')"
for f in "$watch_file" "$engine_file" "$server_file" "$exercise_file"; do
  sleep 1; touch "$f"
  printf '%-34s %s\n' "rebuild after touching $(basename "$f")" "$(timed cargo build --release --locked -q ${FEATURES:-})"
done
