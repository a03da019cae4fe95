#!/usr/bin/env bash
# The previous release against this one on a real course, side by side:
# a cold `rustdrill verify` (empty target dir, solutions in place, so every
# exercise is built, tested, linted and run) and the size of
# exercises/target afterwards. Not a test: it prints both and the ratios.
#
# The course is this repository's at REV (default: the previous release's
# commit, whose course both binaries can run). The new side gets the course
# profile this release ships (exercises/Cargo.toml [profile.dev]: no
# incremental, line tables only); the old side runs the course as it was.
#
# Usage: OLD=/path/to/old/rustdrill [NEW=target/release/rustdrill] \
#        [REV=f9eb7c0] benches/compare_release.sh
# Build the old binary with e.g. `git worktree add /tmp/old REV &&
# (cd /tmp/old && cargo build --release)`.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
old=${OLD:?set OLD to the previous release binary}
new=${NEW:-$here/target/release/rustdrill}
rev=${REV:-f9eb7c0}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset CARGO_TARGET_DIR RUSTDRILL_COURSE
export NO_COLOR=1

for side in old new; do
    mkdir -p "$work/$side"
    git -C "$here" archive "$rev" info.toml exercises solutions | tar -x -C "$work/$side"
    # Solutions in place: every exercise goes through every step.
    (cd "$work/$side/solutions" && find . -name '*.rs' | while read -r f; do
        cp "$f" "../exercises/$f"; done)
done
if ! grep -q '^\[profile.dev\]' "$work/new/exercises/Cargo.toml"; then
    sed -n '/^\[profile.dev\]$/,/^$/p' "$here/exercises/Cargo.toml" >> "$work/new/exercises/Cargo.toml"
fi
# Dependencies downloaded first (not timed: the cache is shared).
(cd "$work/old/exercises" && cargo fetch -q)

measure() { # side binary -> "seconds bytes"
    local dir=$work/$1 bin=$2 t0 t1
    t0=$(date +%s%N)
    (cd "$dir" && "$bin" verify --no-cache >/dev/null 2>&1) || true
    t1=$(date +%s%N)
    echo "$(((t1 - t0) / 1000000)) $(du -sb "$dir/exercises/target" | cut -f1)"
}
read -r old_ms old_bytes < <(measure old "$old")
read -r new_ms new_bytes < <(measure new "$new")
awk -v om="$old_ms" -v nm="$new_ms" -v ob="$old_bytes" -v nb="$new_bytes" 'BEGIN {
    printf "cold verify: old %.1f s, new %.1f s: new/old %.2f (target <= 0.70)\n", om/1000, nm/1000, nm/om
    printf "exercises/target: old %.0f MB, new %.0f MB: new/old %.2f (target <= 0.70)\n", ob/1e6, nb/1e6, nb/ob
}'
