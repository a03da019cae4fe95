#!/usr/bin/env bash
# What a learner pays for some tracks, timed from the shell and not by
# `rustdrill dev measure`: the check that the shipped track-costs.toml
# tells the truth (issue 26: within ±20 %).
#
# Each run: a fresh `rustdrill init DIR --track core [--track TRACK]`
# (dependencies fetched by init, not timed), every exercise replaced by
# its reference solution from this repository's solutions/, then a timed
# `rustdrill verify` on the cold folder (no target/, no progress), as a
# learner who solved everything would run it. Prints each run, the median
# and spread, and what track-costs.toml promises for the same selection
# (core, plus TRACK's addition), with the ratio.
#
# Usage: benches/learner_cost.sh [TRACK] [RUNS]
#   benches/learner_cost.sh          core alone, 2 runs
#   benches/learner_cost.sh web 2    core + web, 2 runs
# RUSTDRILL=path picks the binary (default target/release/rustdrill: the
# course inside it must be this repository's, as `dev measure` insists).
# Run it on an idle machine: every other build on it is in the figure.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
track=${1:-core}
runs=${2:-2}
bin=${RUSTDRILL:-$here/target/release/rustdrill}
[[ -x $bin ]] || { echo "learner_cost.sh: build rustdrill first (cargo build --release)" >&2; exit 2; }
costs=$here/track-costs.toml

calc() { awk "BEGIN { print $1 }"; }

# build_secs of [tracks.NAME] in track-costs.toml (the median).
promised() {
    awk -v t="[tracks.$1]" '
        $0 == t { on = 1; next }
        /^\[/ { on = 0 }
        on && $1 == "build_secs" { print $3; exit }' "$costs"
}

selection=(--track core)
want=$(promised core)
if [[ $track != core ]]; then
    selection+=(--track "$track")
    add=$(promised "$track")
    [[ -n $add ]] || { echo "learner_cost.sh: no [tracks.$track] in $costs" >&2; exit 2; }
    want=$(calc "$want + $add")
fi

times=()
for run in $(seq 1 "$runs"); do
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    dir=$work/course
    "$bin" init "$dir" "${selection[@]}" </dev/null >/dev/null
    # Every exercise the folder has, solved (a support file has no solution).
    (cd "$dir/exercises" && find . -path ./target -prune -o -name '*.rs' -print) |
        while read -r rel; do
            if [[ -f $here/solutions/$rel ]]; then
                cp "$here/solutions/$rel" "$dir/exercises/$rel"
            fi
        done
    [[ ! -e $dir/exercises/target && ! -e $dir/.rustdrill/state.toml ]] ||
        { echo "learner_cost.sh: $dir is not cold" >&2; exit 1; }
    start=$(date +%s%N)
    if ! NO_COLOR=1 "$bin" verify --course "$dir" </dev/null >"$work/verify.log" 2>&1; then
        tail -20 "$work/verify.log" >&2
        echo "learner_cost.sh: verify failed with every solution in place" >&2
        exit 1
    fi
    secs=$(calc "($(date +%s%N) - $start) / 1000000000")
    size=$(du -sb "$dir/exercises/target" | cut -f1)
    printf 'run %d: core%s: %.1f s, target %.0f MB\n' "$run" \
        "$([[ $track != core ]] && echo " + $track")" "$secs" "$(calc "$size / 1000000")"
    times+=("$secs")
    rm -rf "$work"
    trap - EXIT
done

sorted=$(printf '%s\n' "${times[@]}" | sort -g)
n=${#times[@]}
median=$(echo "$sorted" | awk -v n="$n" '{ a[NR] = $1 } END {
    if (n % 2) print a[(n + 1) / 2]; else print (a[n / 2] + a[n / 2 + 1]) / 2 }')
printf 'measured: median %.1f s (%.1f–%.1f s, %d runs)\n' "$median" \
    "$(echo "$sorted" | head -1)" "$(echo "$sorted" | tail -1)" "$n"
printf 'track-costs.toml: %.1f s; measured / promised = %.2f\n' "$want" \
    "$(calc "$median / $want")"
