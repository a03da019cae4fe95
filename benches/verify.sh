#!/usr/bin/env bash
# Benchmarks rustdrill's whole-course and one-exercise checks against the
# raw cargo commands they stand for, on a generated course of N (default
# 60) dependency-free exercises with their solutions in place
# (benches/gen_course.sh). Not a test: it prints medians and ratios.
#
#   (a) `rustdrill verify --no-cache` after touching every exercise, vs the
#       raw commands it needs: one `cargo build`, one `cargo test --no-run`,
#       one `cargo clippy` over all exercise targets, then every test binary
#       and every main (run in parallel, one per core, as rustdrill does).
#       Target: ratio <= 0.70 (rustdrill compiles each exercise twice, with
#       clippy inside the build; the raw sequence compiles it three times).
#   (b) `rustdrill verify` with nothing changed (cached verdicts): the
#       cost of the dependency-aware cache key (every file each exercise's
#       last build read, from cargo's dep-info, stat-checked against the
#       record in target/rustdrill/). Target: median < 0.1 s.
#   (d) the same against the raw command that answers "did anything
#       change?": cargo's own no-op `cargo build` over the course (which
#       judges by file times only). Printed as a ratio.
#   (c) `rustdrill run NAME` after editing one exercise, vs the raw sequence
#       `cargo build --bin N; cargo test --bin N; cargo clippy --bin N`.
#       Target: ratio <= 0.50.
#
# Usage: benches/verify.sh            (uses target/release/rustdrill if built,
#                                      else target/debug/rustdrill)
#   RUSTDRILL=path/to/rustdrill N=60 RUNS=7 PARTS="a b c d" benches/verify.sh
# PARTS picks the measurements (a and c rebuild exercises: minutes on a
# busy 2-core machine; b and d take seconds).
# Uses hyperfine when installed (`apt-get install -y hyperfine`), else a
# `date +%s%N` loop. Needs bash, cargo with clippy, and jq for hyperfine.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
bin=${RUSTDRILL:-}
if [[ -z $bin ]]; then
    if [[ -x $here/target/release/rustdrill ]]; then bin=$here/target/release/rustdrill
    else bin=$here/target/debug/rustdrill; fi
fi
[[ -x $bin ]] || { echo "verify.sh: build rustdrill first (cargo build --release)" >&2; exit 2; }
n=${N:-60}
runs=${RUNS:-7}
parts=" ${PARTS:-a b c d} "
want() { [[ $parts == *" $1 "* ]]; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
course=$work/course
bash "$here/benches/gen_course.sh" "$n" "$course"
cd "$course"
unset CARGO_TARGET_DIR RUSTDRILL_COURSE
export NO_COLOR=1

# Warm everything once: rustdrill's builds and clippy's, and the raw ones.
"$bin" verify >/dev/null 2>&1 || { echo "verify.sh: the generated course does not verify" >&2; exit 1; }
if want a || want c; then
    (cd exercises && cargo build -q && cargo test --no-run -q 2>/dev/null && cargo clippy -q)
elif want d; then
    (cd exercises && cargo build -q)
fi

# The raw commands of (a): the executables are listed once from cargo.
if want a; then
    (cd exercises && cargo test --no-run --message-format=json 2>/dev/null) |
        grep '"executable":"/' | sed 's/.*"executable":"\([^"]*\)".*/\1/' > "$work/tests.txt"
fi
ls "$course"/exercises/target/debug/ex[0-9][0-9][0-9] > "$work/mains.txt"
cat > "$work/raw_all.sh" <<RAW
set -e
cd "$course/exercises"
cargo build -q
cargo test --no-run -q 2>/dev/null
cargo clippy -q
cat "$work/tests.txt" "$work/mains.txt" | xargs -P "$(nproc)" -I{} sh -c '{} >/dev/null'
RAW
one=ex$(printf '%03d' $((n / 2)))
one_file=$(ls exercises/*/"$one".rs)
cat > "$work/raw_one.sh" <<RAW
set -e
cd "$course/exercises"
cargo build -q --bin $one
cargo test -q --bin $one >/dev/null
cargo clippy -q --bin $one
RAW
touch_all="touch $course/exercises/*/*.rs"
touch_one="touch $course/$one_file"

median_s() { # label prepare command -> prints the median in seconds
    local prepare=$2 cmd=$3
    if command -v hyperfine >/dev/null && command -v jq >/dev/null; then
        hyperfine --style none --runs "$runs" --warmup 1 --prepare "$prepare" \
            --export-json "$work/h.json" "$cmd" >/dev/null 2>&1
        jq -r '.results[0].median' "$work/h.json" | awk '{printf "%.3f\n", $1}'
    else
        local times=()
        for ((r = 0; r < runs; r++)); do
            bash -c "$prepare"
            local t0 t1
            t0=$(date +%s%N)
            bash -c "$cmd" >/dev/null 2>&1 || true
            t1=$(date +%s%N)
            times+=($(((t1 - t0) / 1000)))
        done
        printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.3f\n", a[int((NR+1)/2)]/1e6}'
    fi
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

echo "rustdrill: $bin"
echo "course: $n exercises, $runs runs each, $(nproc) cores"
if want a; then
    a_rd=$(median_s a "$touch_all" "$bin verify --no-cache")
    a_raw=$(median_s a "$touch_all" "bash $work/raw_all.sh")
    echo "(a) verify --no-cache, all touched: ${a_rd} s   raw cargo: ${a_raw} s   ratio $(ratio "$a_rd" "$a_raw") (target <= 0.70)"
fi
"$bin" verify >/dev/null 2>&1 || true
if want b || want d; then
    b_rd=$(median_s b "true" "$bin verify")
    echo "(b) verify, nothing changed:   ${b_rd} s   (target < 0.1 s)"
fi
if want d; then
    d_raw=$(median_s d "true" "cd $course/exercises && cargo build -q")
    echo "(d) raw no-op cargo build:     ${d_raw} s   verify/raw ratio $(ratio "$b_rd" "$d_raw")"
fi
if want c; then
    c_rd=$(median_s c "$touch_one" "$bin run $one")
    c_raw=$(median_s c "$touch_one" "bash $work/raw_one.sh")
    echo "(c) run $one, one edited:     ${c_rd} s   raw cargo: ${c_raw} s   ratio $(ratio "$c_rd" "$c_raw") (target <= 0.50)"
fi
