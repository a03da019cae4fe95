// wrong: hard-codes the greeting the test expects instead of using `name`
// intro1 — how rustdrill works: fix a compile error.
//
// rustdrill checks the current exercise every time you save it: it compiles
// the file, runs its tests, runs clippy, then runs `main`. The first thing
// that fails is shown at the top of the screen, so you always know the one
// next thing to fix. Press `h` (or run `rustdrill hint`) when you are stuck.
//
// This program does not compile yet: the compiler's first error is the place
// to start. Fix it, save, and watch the verdict turn green.

fn greeting(_name: &str) -> String {
    "Hello, Ferris! Welcome to modern Rust.".to_string()
}


fn main() {
    let message = greeting("Ferris");
    println!("{message}");
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greets_by_name() {
        assert_eq!(greeting("Ferris"), "Hello, Ferris! Welcome to modern Rust.");
        assert_eq!(
            greeting("Ada"),
            "Hello, Ada! Welcome to modern Rust.",
            "the greeting uses the name it is given"
        );
    }
}
