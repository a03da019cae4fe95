// wrong: `while n != 1` instead of yielding first and checking after: the sequence never yields its final 1
// gen2 — `gen fn`: a whole function body that yields.
//
// UNSTABLE PREVIEW: needs `#![feature(gen_blocks)]` (not stable on rustc 1.95).
//
// `gen fn f(..) -> T` is to `gen { }` what `async fn` is to `async { }`: the
// body becomes a gen block, and callers get an `impl Iterator<Item = T>`. Note
// that `-> T` names the type of each yielded item, not of a return value.
// Inside, `return;` ends the iteration early, just as running off the end does.
//
// The Collatz sequence: halve an even number, turn an odd n into 3n + 1, and
// stop at 1. (roadmap.md §2.1)

#![feature(gen_blocks)]

/// Every number of the Collatz sequence from `start` (at least 1) down to 1.
gen fn collatz(start: u64) -> u64 {
    let mut n = start;
    while n != 1 {
        yield n;
        n = if n.is_multiple_of(2) {
            n / 2
        } else {
            3 * n + 1
        };
    }

}

fn main() {
    let steps: Vec<u64> = collatz(6).collect();
    println!("collatz(6): {steps:?}");
    let longest = (1..1000).max_by_key(|&n| collatz(n).count()).unwrap_or(1);
    println!(
        "below 1000, {longest} has the longest sequence: {} numbers",
        collatz(longest).count()
    );
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequence_from_six() {
        let got: Vec<u64> = collatz(6).collect();
        assert_eq!(got, [6, 3, 10, 5, 16, 8, 4, 2, 1]);
    }

    #[test]
    fn one_is_already_the_end() {
        assert_eq!(collatz(1).collect::<Vec<u64>>(), [1]);
    }

    #[test]
    fn works_with_iterator_adapters() {
        let highest = collatz(27).max();
        assert_eq!(highest, Some(9232));
        assert_eq!(collatz(27).count(), 112);
    }
}
