// tooling5 — cargo features: code that exists only in some builds.
//
// A package declares features in Cargo.toml (`[features]`); a build turns
// them on with `--features` (or through `default`). In the code,
// `#[cfg(feature = "name")]` keeps an item only when the feature is on and
// `#[cfg(not(feature = "name"))]` only when it is off; `cfg!(feature =
// "name")` is a plain `true`/`false`, so both branches of an `if` using it
// are always compiled and type-checked. A misspelt feature name is caught
// too: since Rust 1.80 it is an `unexpected_cfgs` warning.
//
// Every combination must build. rustdrill builds without this chapter's
// `fahrenheit` feature; try the other side from `exercises/` with
// `cargo test --bin tooling5 --features tooling_chapter/fahrenheit`. roadmap.md §14

/// A temperature for display, in the unit chosen when the program was built.
#[cfg(feature = "fahrenheit")]
fn display(celsius: f64) -> String {
    format!("{:.1} °F", celsius * 9.0 / 5.0 + 32.0)
}

/// A temperature for display, in the unit chosen when the program was built.
#[cfg(not(feature = "fahrenheit"))]
fn display(celsius: f64) -> String {
    format!("{celsius:.1} °C")
}

fn main() {
    println!("built with `fahrenheit`: {}", cfg!(feature = "fahrenheit"));
    for celsius in [-40.0, 0.0, 21.5, 100.0] {
        println!("{celsius} degrees Celsius shows as {}", display(celsius));
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    /// The expected text in whichever build these tests run.
    fn expect(celsius_text: &str, fahrenheit_text: &str) -> String {
        if cfg!(feature = "fahrenheit") {
            fahrenheit_text.to_string()
        } else {
            celsius_text.to_string()
        }
    }

    #[test]
    fn the_unit_follows_the_feature() {
        assert_eq!(display(21.5), expect("21.5 °C", "70.7 °F"));
        assert_eq!(display(100.0), expect("100.0 °C", "212.0 °F"));
    }

    /// rustdrill builds without the feature, so this test builds the same
    /// file once more with it (as `--features fahrenheit` would) and runs
    /// that build's tests: every combination must build and pass.
    #[test]
    #[cfg(not(feature = "fahrenheit"))]
    fn the_fahrenheit_build_works_too() {
        use std::process::Command;
        let dir = std::env::temp_dir().join(format!("tooling5-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        let (source, tests) = (dir.join("tooling5.rs"), dir.join("tooling5-tests"));
        std::fs::write(&source, include_str!("tooling5.rs")).expect("a copy of this file");
        let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
        let build = Command::new(rustc)
            .args([
                "--edition",
                "2024",
                "--test",
                "--cfg",
                "feature=\"fahrenheit\"",
                "-o",
            ])
            .args([&tests, &source])
            .output()
            .expect("rustc starts");
        let run = build
            .status
            .success()
            .then(|| Command::new(&tests).output());
        let _ = std::fs::remove_dir_all(&dir);
        assert!(
            build.status.success(),
            "with the `fahrenheit` feature on, this file does not build:\n{}",
            String::from_utf8_lossy(&build.stderr)
        );
        let run = run.expect("built").expect("the tests start");
        assert!(
            run.status.success(),
            "with the `fahrenheit` feature on, the tests fail:\n{}",
            String::from_utf8_lossy(&run.stdout)
        );
    }

    #[test]
    fn one_decimal_place() {
        assert_eq!(display(-40.0), expect("-40.0 °C", "-40.0 °F"));
        assert_eq!(display(36.66), expect("36.7 °C", "98.0 °F"));
    }
}
