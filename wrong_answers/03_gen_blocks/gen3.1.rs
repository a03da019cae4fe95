// wrong (compile): copies `first` into another local instead of `gen move`: the block still borrows a local of the function
// gen3 — `gen move`: what a gen block captures.
//
// UNSTABLE PREVIEW: needs `#![feature(gen_blocks)]` (not stable on rustc 1.95).
//
// A gen block captures the variables it uses the way a closure does: by
// reference when a reference is enough, by value only when it must. A block
// returned from a function must not borrow that function's locals, which are
// gone once it returns. `gen move { }`, like `move || { }` and
// `async move { }`, makes the block own everything it uses. (A `gen fn` needs
// no `move`: like an `async fn`, it takes its arguments by value.)
// (roadmap.md §2.1)

#![feature(gen_blocks)]

/// Each of `lines`, prefixed with its line number, counting from `first`.
fn numbered(lines: Vec<String>, first: usize) -> impl Iterator<Item = String> {
    let start = first;
    gen {
        for (number, line) in (start..).zip(lines) {

            yield format!("{number:>3}| {line}");
        }
    }
}

fn main() {
    let poem: Vec<String> = ["Ferris the crab", "walks sideways", "and never leaks"]
        .into_iter()
        .map(String::from)
        .collect();
    for line in numbered(poem, 1) {
        println!("{line}");
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &[&str]) -> Vec<String> {
        text.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn numbers_lines_from_the_given_start() {
        let got: Vec<String> = numbered(lines(&["alpha", "beta"]), 9).collect();
        assert_eq!(got, ["  9| alpha", " 10| beta"]);
    }

    #[test]
    fn outlives_the_variables_it_was_built_from() {
        let mut iter = {
            let text = lines(&["only line"]);
            let start = 1;
            numbered(text, start)
        };
        assert_eq!(iter.next().as_deref(), Some("  1| only line"));
        assert_eq!(iter.next(), None);
    }
}
