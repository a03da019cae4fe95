// gen1 — a `gen { ... }` block is an iterator written as straight-line code.
//
// UNSTABLE PREVIEW: gen blocks are not stable on rustc 1.95. This file turns
// them on with `#![feature(gen_blocks)]`, which the course's
// `.cargo/config.toml` allows for this crate only (see the chapter README).
//
// Inside a gen block, `yield value` hands one item to whoever is iterating and
// pauses the block right there; the next call to `next()` resumes after the
// `yield`. When the block runs off its end, the iterator is finished. It is lazy:
// nothing runs until someone asks for an item. Below it is the stable way of
// writing the same thing today, `std::iter::from_fn`. (roadmap.md §2.1)

#![feature(gen_blocks)]

/// The perfect squares 1, 4, 9, ... that are at most `limit`.
fn squares_up_to(limit: u32) -> impl Iterator<Item = u32> {
    // `move`: the block keeps its own copy of `limit` (gen3 explains why).
    gen move {
        let mut n = 1;
        while n * n <= limit {
            yield n * n;
            n += 1;
        }
    }
}

/// The same sequence on stable Rust: `from_fn` calls the closure once per
/// item; `Some(x)` is the next item, `None` ends the iteration. The state that
/// the gen block keeps in local variables lives in the closure's captures.
fn squares_up_to_stable(limit: u32) -> impl Iterator<Item = u32> {
    let mut n = 0;
    std::iter::from_fn(move || {
        n += 1;
        (n * n <= limit).then_some(n * n)
    })
}

fn main() {
    let squares: Vec<u32> = squares_up_to(100).collect();
    println!("squares up to 100 (gen block): {squares:?}");
    let stable: Vec<u32> = squares_up_to_stable(100).collect();
    println!("squares up to 100 (from_fn):   {stable:?}");
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yields_every_square_up_to_the_limit() {
        let got: Vec<u32> = squares_up_to(50).collect();
        assert_eq!(
            got,
            [1, 4, 9, 16, 25, 36, 49],
            "a gen block produces exactly the values it `yield`s, in order"
        );
    }

    #[test]
    fn agrees_with_the_stable_version() {
        for limit in [0, 1, 2, 15, 16, 17, 1000] {
            let with_gen: Vec<u32> = squares_up_to(limit).collect();
            let with_from_fn: Vec<u32> = squares_up_to_stable(limit).collect();
            assert_eq!(with_gen, with_from_fn, "limit = {limit}");
        }
    }

    #[test]
    fn squares_up_to_is_a_gen_block_that_yields() {
        // The lesson is the shape of the code, which no output shows: this
        // reads the function's own source, comments left out.
        let file = include_str!("gen1.rs");
        let start = file.find("fn squares_up_to(").expect("the fn is there");
        let end = start + file[start..].find("\n}").expect("it ends with `}`");
        let code: Vec<&str> = file[start..end]
            .lines()
            .map(|l| l.split("//").next().unwrap_or(""))
            .collect();
        let code = code.join("\n");
        assert!(
            code.contains("gen move") && code.contains("yield"),
            "`squares_up_to` should hand out its squares with `yield` from its gen block"
        );
    }

    #[test]
    fn is_lazy_and_can_stop_early() {
        let first: Vec<u32> = squares_up_to(1_000_000).take(3).collect();
        assert_eq!(first, [1, 4, 9]);
        // Every square up to u32::MAX would overflow past it: only a lazy
        // iterator, which computes no square before it is asked for, gets
        // away with taking the first two.
        let first: Vec<u32> = squares_up_to(u32::MAX).take(2).collect();
        assert_eq!(first, [1, 4]);
    }
}
