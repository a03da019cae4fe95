#!/usr/bin/env bash
# Generates a rustdrill course of N dependency-free exercises (default 60) in
# DIR, ten per chapter, each with a test and with its solution already in
# place (so every exercise passes), plus solutions/ — the input of
# benches/verify.sh.
#
# Usage: benches/gen_course.sh [N] DIR
set -euo pipefail

if [[ $# -eq 1 ]]; then n=60; dir=$1; else n=${1:?N}; dir=${2:?DIR}; fi
if [[ -e $dir && -n $(ls -A "$dir") ]]; then
    echo "gen_course: $dir is not empty" >&2
    exit 2
fi
mkdir -p "$dir/exercises" "$dir/solutions"
cd "$dir"

printf 'format_version = 1\n' > info.toml
members=()
for ((i = 0; i < n; i++)); do
    chapter=$(printf 'ch%02d' $((i / 10)))
    name=$(printf 'ex%03d' "$i")
    if [[ ! -d exercises/$chapter ]]; then
        members+=("\"$chapter\"")
        mkdir -p "exercises/$chapter" "solutions/$chapter"
        printf '[package]\nname = "%s"\nversion = "0.0.0"\nedition = "2024"\npublish = false\nautobins = false\n' \
            "$chapter" > "exercises/$chapter/Cargo.toml"
    fi
    printf '\n[[bin]]\nname = "%s"\npath = "%s.rs"\n' "$name" "$name" >> "exercises/$chapter/Cargo.toml"
    printf '\n[[exercises]]\nname = "%s"\ndir = "%s"\nhint = "Add one."\n' "$name" "$chapter" >> info.toml
    cat > "exercises/$chapter/$name.rs" <<RS
fn next(n: u64) -> u64 {
    // TODO: return the number after n
    n + 1
}

fn main() {
    println!("after $i comes {}", next($i));
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts() {
        assert_eq!(super::next($i), $((i + 1)));
    }
}
RS
    cp "exercises/$chapter/$name.rs" "solutions/$chapter/$name.rs"
done
joined=$(IFS=,; echo "${members[*]}")
printf '[workspace]\nresolver = "3"\nmembers = [%s]\n' "$joined" > exercises/Cargo.toml
(cd exercises && cargo generate-lockfile --offline -q)
