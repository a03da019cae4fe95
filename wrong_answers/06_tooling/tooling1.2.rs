// wrong: `#[allow(unknown_lints, clippy::needless_range_loop)]`: the lint silenced from second place in the list
// tooling1 — clippy: a warning is usually a better idiom (`needless_range_loop`).
//
// `cargo clippy` runs the compiler plus several hundred extra lints, in
// groups: `correctness` (denied: almost surely a bug), `suspicious`,
// `style`, `complexity` and `perf` (warned), and the opt-in `pedantic`,
// `restriction` and `nursery`. Each lint's page says what it catches, why,
// and the fix: https://rust-lang.github.io/rust-clippy/master/
//
// This exercise is `strict_clippy`: rustdrill fails it on any clippy
// warning, as a CI step `cargo clippy -- -D warnings` would. The tests
// already pass; the lint is the task. Fix the code, do not silence the lint.
// roadmap.md §14

/// How many readings are strictly above `limit`.
#[allow(unknown_lints, clippy::needless_range_loop)]
fn count_above(
readings: &[i32], limit: i32) -> usize {
    let mut count = 0;
    // TODO: clippy warns about this loop: the index exists only to reach
    // each reading, one at a time.
    for i in 0..readings.len() {
        if readings[i] > limit {
            count += 1;
        }
    }
    count
}

fn main() {
    let temperatures = [18, 22, 25, 19, 31, 27];
    let hot = count_above(&temperatures, 24);
    println!("{hot} of {} days were above 24 °C", temperatures.len());
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_only_readings_above_the_limit() {
        assert_eq!(count_above(&[18, 22, 25, 19, 31, 27], 24), 3);
        assert_eq!(count_above(&[24, 24], 24), 0, "equal is not above");
        assert_eq!(count_above(&[], 0), 0);
    }

    #[test]
    fn the_loop_is_fixed_not_silenced() {
        tooling_chapter::assert_not_silenced(
            include_str!("tooling1.rs"),
            "clippy::needless_range_loop",
        );
    }
}
