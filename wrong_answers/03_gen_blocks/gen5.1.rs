// wrong: returns `None` as soon as it reaches 1, before handing out the 1: the sequence loses its end
// gen5 — the stable way today: `impl Iterator` and `std::iter::from_fn`.
//
// This file is plain stable Rust: no `#![feature]`, and the course does not
// let this crate use unstable features. So the `gen fn` from gen2 is rejected
// here, as it is in any stable project: gen blocks are still experimental.
//
// What stable code writes instead is a function returning `impl Iterator`,
// built from `std::iter::from_fn(closure)`: the closure is called for each
// item and returns `Some(item)`, or `None` to end. Variables that the gen
// block kept across `yield`s become variables the closure captures with
// `move` (for this sequence `std::iter::successors` also fits, and a
// hand-written `Iterator` always works). (roadmap.md §2.1)

/// Every number of the Collatz sequence from `start` (at least 1) down to 1.
fn collatz(start: u64) -> impl Iterator<Item = u64> {
    let mut n = start;
    std::iter::from_fn(move || {
        if n == 1 {
            return None;
        }
        let current = n;
        n = if n.is_multiple_of(2) { n / 2 } else { 3 * n + 1 };
        Some(current)
    })

}

fn main() {
    let steps: Vec<u64> = collatz(6).collect();
    println!("collatz(6) on stable Rust: {steps:?}");
    let total: usize = (1..=100).map(|n| collatz(n).count()).sum();
    println!("numbers in all sequences from 1 to 100: {total}");
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
    fn stays_finished() {
        let mut iter = collatz(2);
        assert_eq!(iter.next(), Some(2));
        assert_eq!(iter.next(), Some(1));
        assert_eq!(iter.next(), None);
        assert_eq!(iter.next(), None, "once it has ended it must stay ended");
    }

    #[test]
    fn works_with_iterator_adapters() {
        assert_eq!(collatz(27).max(), Some(9232));
        assert_eq!(collatz(27).count(), 112);
    }
}
