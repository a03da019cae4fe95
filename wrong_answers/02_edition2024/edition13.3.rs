// wrong: wraps the call in `unsafe` with no `// SAFETY:` comment: nothing says why no other thread can be reading the environment
// edition13 — `std::env::set_var` and `remove_var` are `unsafe` now.
//
// The environment of a process is one global table, and on most Unix systems
// the C library reads it (`getenv`, called by DNS lookups, time zones, locale
// code) without any lock. If one thread changes the table while another reads
// it, the reader can follow a freed pointer: undefined behaviour, not merely
// a stale value, and Rust cannot stop C code from reading. So in edition 2024
// `env::set_var` and `env::remove_var` are `unsafe fn` (in older editions
// they are safe to call but still just as dangerous). Call them only where no
// other thread can be running, as early in `main` as possible, and say so in
// a `// SAFETY:` comment. Better still, pass settings to a child process with
// `Command::env` and to your own code as values. roadmap.md §1

use std::env;

/// Gives each variable in `defaults` its default value unless it is already
/// set, and returns the names of the ones it set.
///
/// Only call this while the program has a single thread: it changes the
/// process environment.
fn apply_defaults(defaults: &[(&str, &str)]) -> Vec<String> {
    let mut applied = Vec::new();
    for &(name, value) in defaults {
        if env::var_os(name).is_none() {
            unsafe { env::set_var(name, value) };

            applied.push(name.to_string());
        }
    }
    applied
}

fn main() {
    // The first thing `main` does: no other thread has been started yet.
    let applied = apply_defaults(&[("EDITION13_LOG", "info"), ("EDITION13_COLOR", "auto")]);
    println!("defaults applied: {applied:?}");
    for name in ["EDITION13_LOG", "EDITION13_COLOR"] {
        let value = env::var(name).expect("the default was applied");
        println!("{name} = {value}");
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    // The only test in this file, so no other test thread touches the
    // environment while it runs.
    #[test]
    fn sets_missing_variables_only() {
        let first = apply_defaults(&[("EDITION13_TEST_A", "1"), ("EDITION13_TEST_B", "2")]);
        assert_eq!(first, ["EDITION13_TEST_A", "EDITION13_TEST_B"]);
        assert_eq!(
            env::var("EDITION13_TEST_A").as_deref(),
            Ok("1"),
            "the default must really be in the environment"
        );
        let again = apply_defaults(&[("EDITION13_TEST_A", "changed")]);
        assert!(again.is_empty(), "a variable that is set keeps its value");
        assert_eq!(env::var("EDITION13_TEST_A").as_deref(), Ok("1"));
    }
}
