//! What a check concludes about one exercise: passed, or the first step
//! that failed and why — in the order the course format defines (build,
//! tests, clippy, run).

use std::time::Duration;

use crate::cargo::Phase;
use crate::diagnostic::{Diagnostic, Severity};
use crate::exec::{Captured, ProcessOutput, Termination};

/// A test that failed, with what it said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestFailure {
    /// `tests::no_readings_has_no_average`
    pub name: String,
    /// The panic message (assertion left/right included), if found.
    pub message: String,
    /// Everything the test printed, panic included.
    pub output: String,
}

/// The step that ran out of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimedStep {
    Tests,
    Run,
}

#[derive(Debug, Clone)]
pub enum Verdict {
    Pass {
        /// What `main` printed.
        output: ProcessOutput,
        /// Warnings that do not fail the exercise, shown for learning.
        warnings: Vec<Diagnostic>,
    },
    CompileError {
        /// Errors first, in the order rustc gave them; then warnings.
        diagnostics: Vec<Diagnostic>,
        /// Which build found them (the test build sees `#[cfg(test)]` code).
        phase: Phase,
        /// Cargo's own output, for failures that are not diagnostics.
        cargo_stderr: String,
    },
    TestFailed {
        failures: Vec<TestFailure>,
        /// The whole test binary output.
        output: ProcessOutput,
    },
    Clippy {
        /// The lints that fail the exercise.
        lints: Vec<Diagnostic>,
    },
    RunFailed {
        output: ProcessOutput,
    },
    TimedOut {
        step: TimedStep,
        limit: Duration,
        output: ProcessOutput,
    },
    /// The exercise file is gone (deleted, or replaced by something that is
    /// not a file): nothing to build. `rustdrill reset` restores it.
    Missing {
        problem: FileProblem,
    },
}

/// Why an exercise file cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileProblem {
    NotFound,
    /// A folder, a FIFO, a device: reading it would fail or block.
    NotAFile,
}

impl FileProblem {
    /// The problem with `path`, if any.
    pub fn of(path: &std::path::Path) -> Option<FileProblem> {
        match std::fs::metadata(path) {
            Ok(m) if m.is_file() => None,
            Ok(_) => Some(FileProblem::NotAFile),
            Err(_) => Some(FileProblem::NotFound),
        }
    }
}

/// The kind of a verdict, for lists, JSON and exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerdictKind {
    Pass,
    CompileError,
    TestFailed,
    Clippy,
    RunFailed,
    TimedOut,
    Missing,
}

impl Verdict {
    pub fn kind(&self) -> VerdictKind {
        match self {
            Verdict::Pass { .. } => VerdictKind::Pass,
            Verdict::CompileError { .. } => VerdictKind::CompileError,
            Verdict::TestFailed { .. } => VerdictKind::TestFailed,
            Verdict::Clippy { .. } => VerdictKind::Clippy,
            Verdict::RunFailed { .. } => VerdictKind::RunFailed,
            Verdict::TimedOut { .. } => VerdictKind::TimedOut,
            Verdict::Missing { .. } => VerdictKind::Missing,
        }
    }

    pub fn passed(&self) -> bool {
        matches!(self, Verdict::Pass { .. })
    }

    /// The line of the first compile error in the exercise file `file`
    /// (the instructor's help card marks it); `None` for any other verdict,
    /// or an error only in another file.
    pub fn error_line_in(&self, file: &std::path::Path) -> Option<u32> {
        let Verdict::CompileError { diagnostics, .. } = self else {
            return None;
        };
        diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .filter_map(|d| d.location.as_ref())
            .find(|l| l.file.file_name() == file.file_name())
            .map(|l| l.line)
    }

    /// The failure says something about the machine rather than the code:
    /// the linker or cargo failed without a compiler error (a full disk, a
    /// missing `cc`), a process was killed by a signal (out of memory), or
    /// it ran out of time (a busy machine). Such a verdict is never cached:
    /// the same file may pass once the machine is fine.
    pub fn is_about_the_machine(&self) -> bool {
        let signaled = |o: &ProcessOutput| matches!(o.termination, Termination::Signaled(_));
        match self {
            Verdict::Pass { .. } | Verdict::Clippy { .. } => false,
            // Checked again as soon as the file is back.
            Verdict::Missing { .. } => true,
            Verdict::CompileError { diagnostics, .. } => {
                let mut errors = diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .peekable();
                errors.peek().is_none()
                    || errors.all(|d| {
                        d.message.starts_with("linking with")
                            || d.message.starts_with("could not write output")
                            || d.message.contains("No space left on device")
                            || d.message.contains("os error")
                    })
            }
            Verdict::TestFailed { output, .. } | Verdict::RunFailed { output } => signaled(output),
            Verdict::TimedOut { .. } => true,
        }
    }

    /// The verdict follows from the exercise's files alone, so the same
    /// files always give it again and it may be cached: a pass, a lint, and
    /// a compile error that is not about the machine nor about a file that
    /// is missing (`mod x;` without `x.rs`: creating the file is no change
    /// of any file the build read). A failing test or `main` is not: it may
    /// fail by chance (timing, randomness, the machine, files it reads at
    /// run time), and running it again costs little next to a build (see
    /// docs/course-format.md, "What is cached").
    pub fn follows_from_the_files(&self) -> bool {
        match self {
            Verdict::Pass { .. } | Verdict::Clippy { .. } => true,
            Verdict::CompileError { diagnostics, .. } => {
                !self.is_about_the_machine()
                    && !diagnostics.iter().any(|d| {
                        d.severity == Severity::Error
                            && (d.code.as_deref() == Some("E0583")
                                || d.message.starts_with("couldn't read"))
                    })
            }
            Verdict::TestFailed { .. }
            | Verdict::RunFailed { .. }
            | Verdict::TimedOut { .. }
            | Verdict::Missing { .. } => false,
        }
    }

    /// One line: the first thing to fix (or "done").
    pub fn headline(&self) -> String {
        match self {
            Verdict::Pass { .. } => "done".to_owned(),
            Verdict::CompileError {
                diagnostics,
                cargo_stderr,
                ..
            } => match diagnostics.iter().find(|d| d.severity == Severity::Error) {
                Some(d) => {
                    let code = d
                        .code
                        .as_deref()
                        .map(|c| format!("[{c}] "))
                        .unwrap_or_default();
                    format!("compile error: {code}{}", d.message)
                }
                None => format!(
                    "compile error: {}",
                    first_error_line(cargo_stderr).unwrap_or("cargo could not build it")
                ),
            },
            Verdict::TestFailed { failures, output } => match failures.first() {
                Some(f) => {
                    let msg = f.message.lines().next().unwrap_or("");
                    format!("test failed: {}: {msg}", f.name)
                }
                None => format!("tests failed ({})", output.termination),
            },
            Verdict::Clippy { lints } => match lints.first() {
                Some(l) => format!(
                    "clippy: {}{}",
                    l.code
                        .as_deref()
                        .map(|c| format!("[{c}] "))
                        .unwrap_or_default(),
                    l.message
                ),
                None => "clippy failed".to_owned(),
            },
            Verdict::RunFailed { output } => format!("running main failed: {}", output.termination),
            Verdict::Missing {
                problem: FileProblem::NotFound,
            } => "the exercise file is missing".to_owned(),
            Verdict::Missing {
                problem: FileProblem::NotAFile,
            } => "the exercise's path is not a regular file".to_owned(),
            Verdict::TimedOut { step, limit, .. } => format!(
                "timed out: {} ran longer than {} s (an endless loop, or waiting forever?)",
                match step {
                    TimedStep::Tests => "the tests",
                    TimedStep::Run => "main",
                },
                limit.as_secs()
            ),
        }
    }
}

fn first_error_line(stderr: &str) -> Option<&str> {
    stderr
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("error"))
}

/// Reads libtest's stable text output (`--format pretty`, the default):
/// which tests failed, and what each printed and panicked with.
pub fn parse_test_failures(stdout: &Captured) -> Vec<TestFailure> {
    let text = &stdout.text;
    let mut failed: Vec<String> = Vec::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("test ")
            && let Some(name) = rest.strip_suffix(" ... FAILED")
        {
            failed.push(name.trim().to_owned());
        }
    }
    let sections = sections(text, &failed);
    failed
        .into_iter()
        .zip(sections)
        .map(|(name, output)| {
            let message = panic_message(&output).unwrap_or_else(|| output.trim().to_owned());
            TestFailure {
                name,
                message,
                output,
            }
        })
        .collect()
}

/// Where the test function `name` (`tests::some_test`) is defined in
/// `source`; tests that cannot be found sort last.
pub fn position_in_source(source: &str, name: &str) -> usize {
    let function = name.rsplit("::").next().unwrap_or(name);
    source
        .find(&format!("fn {function}("))
        .unwrap_or(usize::MAX)
}

/// What each failed test printed: libtest puts it under `---- NAME stdout
/// ----`, one section per failed test in the order of `failed`, and lists
/// the failed names after the last section. A section ends only at the
/// next failed test's exact header or at that final list, so a test that
/// prints a line starting `---- ` or `failures:` keeps all of its output.
fn sections(text: &str, failed: &[String]) -> Vec<String> {
    let headers: Vec<String> = failed
        .iter()
        .map(|name| format!("---- {name} stdout ----"))
        .collect();
    // Where each section starts (after its header), searched in order.
    let mut starts = Vec::with_capacity(failed.len());
    let mut from = 0;
    for header in &headers {
        match text[from..].find(header.as_str()) {
            Some(at) => {
                from += at + header.len();
                starts.push(Some(from));
            }
            None => starts.push(None),
        }
    }
    // The final list: `failures:` followed by exactly the failed names.
    let list: String = failed.iter().map(|n| format!("    {n}\n")).collect();
    let summary = text
        .rfind(&format!("\nfailures:\n{list}"))
        .unwrap_or(text.len());
    (0..failed.len())
        .map(|i| {
            let Some(start) = starts[i] else {
                return String::new();
            };
            let next_header = starts[i + 1..]
                .iter()
                .zip(&headers[i + 1..])
                .find_map(|(s, h)| s.map(|s| s - h.len()));
            let end = next_header.unwrap_or(summary).max(start);
            text[start..end].trim_matches('\n').to_owned()
        })
        .collect()
}

/// The panic message: the lines after "thread '…' panicked at FILE:LINE:COL:"
/// up to the backtrace note.
fn panic_message(output: &str) -> Option<String> {
    let mut lines = output.lines();
    lines.find(|l| l.starts_with("thread '") && l.contains("panicked at"))?;
    let message: Vec<&str> = lines
        .take_while(|l| !l.starts_with("note: run with `RUST_BACKTRACE"))
        .collect();
    Some(message.join("\n").trim().to_owned())
}

/// `Termination` helpers used when composing verdicts.
pub fn timed_out(output: &ProcessOutput) -> Option<Duration> {
    match output.termination {
        Termination::TimedOut(limit) => Some(limit),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIBTEST: &str = "
running 2 tests
test tests::average_of_readings ... ok
test tests::no_readings_has_no_average ... FAILED

failures:

---- tests::no_readings_has_no_average stdout ----
computing
thread 'tests::no_readings_has_no_average' panicked at exercises/00_intro/intro2.rs:35:9:
assertion `left == right` failed: an empty slice has no mean
  left: Some(NaN)
 right: None
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace


failures:
    tests::no_readings_has_no_average

test result: FAILED. 1 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
";

    #[test]
    fn reads_failing_tests_and_their_panics() {
        let failures = parse_test_failures(&Captured {
            text: LIBTEST.into(),
            cut_bytes: 0,
        });
        assert_eq!(failures.len(), 1);
        let f = &failures[0];
        assert_eq!(f.name, "tests::no_readings_has_no_average");
        assert!(
            f.message
                .starts_with("assertion `left == right` failed: an empty slice")
        );
        assert!(f.message.contains("left: Some(NaN)"));
        assert!(!f.message.contains("RUST_BACKTRACE"));
        assert!(f.output.starts_with("computing"));
    }

    #[test]
    fn several_failures_keep_their_own_sections() {
        let text = "test a ... FAILED\ntest b ... FAILED\n\nfailures:\n\n---- a stdout ----\n\
                    thread 'a' panicked at x.rs:1:1:\nboom a\n\n---- b stdout ----\n\
                    thread 'b' panicked at x.rs:2:1:\nboom b\n\nfailures:\n    a\n    b\n";
        let failures = parse_test_failures(&Captured {
            text: text.into(),
            cut_bytes: 0,
        });
        let messages: Vec<_> = failures.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(messages, ["boom a", "boom b"]);
    }

    /// libtest output as rustc 1.95 prints it (RUST_BACKTRACE=0, as the
    /// runner sets) for two failing tests, one printing lines that look
    /// like libtest's own headers.
    const TRICKY: &str = "
running 3 tests
test tests::fine ... ok
test tests::prints_headers ... FAILED
test tests::second ... FAILED

failures:

---- tests::prints_headers stdout ----
before
---- not a header
failures:
after the fake list

thread 'tests::prints_headers' (17349) panicked at src/main.rs:9:9:
boom one
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace

---- tests::second stdout ----

thread 'tests::second' (17405) panicked at src/main.rs:14:9:
boom two
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace


failures:
    tests::prints_headers
    tests::second

test result: FAILED. 1 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
";

    #[test]
    fn a_test_printing_header_like_lines_keeps_all_its_output() {
        let failures = parse_test_failures(&Captured {
            text: TRICKY.into(),
            cut_bytes: 0,
        });
        assert_eq!(failures.len(), 2);
        let first = &failures[0];
        assert!(
            first
                .output
                .starts_with("before\n---- not a header\nfailures:\nafter the fake list"),
            "{}",
            first.output
        );
        assert_eq!(first.message, "boom one");
        assert_eq!(failures[1].message, "boom two");
        assert!(!failures[1].output.contains("tests::prints_headers"));
    }

    #[test]
    fn source_order_of_tests() {
        let source = "fn b() {}\n#[test]\nfn second() {}\n#[test]\nfn first_one() {}\n";
        assert!(
            position_in_source(source, "tests::second")
                < position_in_source(source, "tests::first_one")
        );
        assert_eq!(position_in_source(source, "tests::gone"), usize::MAX);
    }

    #[test]
    fn only_verdicts_that_follow_from_the_files_are_cacheable() {
        let output = |code| ProcessOutput {
            termination: Termination::Exited(code),
            stdout: Captured::default(),
            stderr: Captured::default(),
        };
        let error = |code: Option<&str>, message: &str| Diagnostic {
            severity: Severity::Error,
            rendered: format!("error: {message}\n"),
            message: message.to_owned(),
            code: code.map(str::to_owned),
            location: None,
        };
        let compile_error = |d: Diagnostic| Verdict::CompileError {
            diagnostics: vec![d],
            phase: Phase::Build,
            cargo_stderr: String::new(),
        };
        assert!(
            Verdict::Pass {
                output: output(0),
                warnings: Vec::new()
            }
            .follows_from_the_files()
        );
        assert!(Verdict::Clippy { lints: Vec::new() }.follows_from_the_files());
        assert!(compile_error(error(Some("E0308"), "mismatched types")).follows_from_the_files());
        // A failure that may be by chance, or about a file that is missing.
        assert!(
            !Verdict::TestFailed {
                failures: Vec::new(),
                output: output(101)
            }
            .follows_from_the_files()
        );
        assert!(!Verdict::RunFailed { output: output(1) }.follows_from_the_files());
        assert!(
            !compile_error(error(Some("E0583"), "file not found for module `x`"))
                .follows_from_the_files()
        );
        assert!(
            !compile_error(error(
                None,
                "couldn't read `x.sql`: No such file or directory"
            ))
            .follows_from_the_files()
        );
    }

    #[test]
    fn no_failures_in_a_passing_run() {
        let text = "running 1 test\ntest t ... ok\n\ntest result: ok. 1 passed";
        assert!(
            parse_test_failures(&Captured {
                text: text.into(),
                cut_bytes: 0
            })
            .is_empty()
        );
    }
}
