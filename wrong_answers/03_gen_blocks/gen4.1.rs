// wrong: an iterator chain (`flat_map` + `repeat_n`) instead of a gen block
// gen4 — from a hand-written state machine to a generator.
//
// UNSTABLE PREVIEW: needs `#![feature(gen_blocks)]` (not stable on rustc 1.95).
//
// Before generators, a lazy sequence that is naturally two nested loops had to
// be turned inside out: a struct remembering "where was I?" between calls, and
// a `next()` that rebuilds the loops from that state. `RunLength` below is such
// a state machine: it works, but its `next()` is easy to get wrong (note the
// inner `loop` that skips empty runs). A gen block keeps the loops as loops:
// the place where it paused *is* the state. (roadmap.md §2.1)

#![feature(gen_blocks)]

/// Run-length decoding: `('a', 3)` stands for "aaa".
struct RunLength<'a> {
    runs: &'a [(char, usize)],
    /// Index of the current run in `runs`.
    index: usize,
    /// How many copies of the current run's char are still to be produced.
    left: usize,
}

impl<'a> RunLength<'a> {
    fn new(runs: &'a [(char, usize)]) -> Self {
        let left = runs.first().map_or(0, |&(_, count)| count);
        RunLength {
            runs,
            index: 0,
            left,
        }
    }
}

impl Iterator for RunLength<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        loop {
            let &(c, _) = self.runs.get(self.index)?;
            if self.left > 0 {
                self.left -= 1;
                return Some(c);
            }
            // This run is used up (or was empty): move to the next one.
            self.index += 1;
            self.left = self.runs.get(self.index).map_or(0, |&(_, count)| count);
        }
    }
}

/// The same decoding as a generator.
fn expand(runs: &[(char, usize)]) -> impl Iterator<Item = char> {
    runs.iter()
        .flat_map(|&(c, count)| std::iter::repeat_n(c, count))
}

fn main() {
    let runs = [('W', 3), ('B', 1), ('W', 2), ('x', 0), ('B', 3)];
    let by_hand: String = RunLength::new(&runs).collect();
    let by_generator: String = expand(&runs).collect();
    println!("state machine: {by_hand}");
    println!("generator:     {by_generator}");
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    // The lesson is the shape of the code, which no output shows: this reads
    // the function's own source (comments left out) as a list of words.
    fn words_of(name: &str) -> Vec<&'static str> {
        let file = include_str!("gen4.rs");
        let start = file.find(&format!("fn {name}(")).expect("the fn is there");
        let end = start + file[start..].find("\n}").expect("it ends with `}`");
        let code = file[start..end]
            .lines()
            .map(|l| l.split("//").next().unwrap_or(""));
        let words = code.flat_map(|l| l.split(|c: char| !c.is_alphanumeric() && c != '_'));
        words.filter(|w| !w.is_empty()).collect()
    }

    const CASES: &[&[(char, usize)]] = &[
        &[('a', 3), ('b', 1), ('c', 2)],
        &[('x', 0), ('y', 2), ('z', 0)],
        &[('q', 0)],
        &[],
    ];

    #[test]
    fn decodes_runs() {
        let got: String = expand(&[('a', 3), ('b', 1), ('c', 2)]).collect();
        assert_eq!(got, "aaabcc");
    }

    #[test]
    fn skips_empty_runs() {
        let got: String = expand(&[('x', 0), ('y', 2), ('z', 0)]).collect();
        assert_eq!(got, "yy");
    }

    #[test]
    fn agrees_with_the_state_machine() {
        for &runs in CASES {
            let by_hand: String = RunLength::new(runs).collect();
            let by_generator: String = expand(runs).collect();
            assert_eq!(by_generator, by_hand, "runs = {runs:?}");
        }
    }

    #[test]
    fn is_lazy() {
        // A billion 'z's: only the first three are ever produced.
        let got: String = expand(&[('z', 1_000_000_000)]).take(3).collect();
        assert_eq!(got, "zzz");
    }

    #[test]
    fn keeps_the_loops_as_loops() {
        let words = words_of("expand");
        assert!(
            words.contains(&"yield"),
            "expand should be a generator that `yield`s each char"
        );
        for shortcut in [
            "flat_map",
            "flatten",
            "repeat",
            "repeat_n",
            "from_fn",
            "RunLength",
        ] {
            assert!(
                !words.contains(&shortcut),
                "expand should write the two loops as `for` loops, without `{shortcut}`: \
                 keeping loops as loops is what a generator is for"
            );
        }
    }
}
