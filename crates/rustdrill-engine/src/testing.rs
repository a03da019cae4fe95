//! Fixtures for tests: a one-exercise course and one verdict of every kind,
//! as the renderers' snapshot tests and the engine's own tests use them.
//! Built with `cfg(test)` or the `testing` feature, never in a release.

use std::path::PathBuf;
use std::time::Duration;

use crate::cargo::Phase;
use crate::course::{Course, Exercise, Layout};
use crate::diagnostic::{Diagnostic, Severity};
use crate::exec::{Captured, ProcessOutput, Termination};
use crate::location::Location;
use crate::verdict::{FileProblem, TestFailure, TimedStep, Verdict};

pub fn course() -> Course {
    Course {
        root: PathBuf::from("/course"),
        layout: Layout::Workspace,
        cargo_dir: PathBuf::from("/course/exercises"),
        target_dir: PathBuf::from("/course/exercises/target"),
        welcome_message: None,
        final_message: None,
        exercises: vec![exercise()],
        tracks: Vec::new(),
        declared_tracks: false,
        included_tracks: vec!["core".to_owned()],
        embedded: false,
        warnings: Vec::new(),
    }
}

pub fn exercise() -> Exercise {
    Exercise {
        index: 0,
        name: "intro2".to_owned(),
        chapter: Some("00_intro".to_owned()),
        track: "core".to_owned(),
        path: PathBuf::from("/course/exercises/00_intro/intro2.rs"),
        relative_path: PathBuf::from("exercises/00_intro/intro2.rs"),
        solution_path: PathBuf::from("solutions/00_intro/intro2.rs"),
        test: true,
        strict_clippy: false,
        skip_check_unsolved: false,
        hints: vec!["Look at the empty slice.".to_owned()],
        timeout: Duration::from_secs(10),
        package: "intro".to_owned(),
    }
}

fn output(stdout: &str, termination: Termination) -> ProcessOutput {
    ProcessOutput {
        termination,
        stdout: Captured {
            text: stdout.to_owned(),
            cut_bytes: 0,
        },
        stderr: Captured::default(),
    }
}

fn diagnostic(severity: Severity, code: &str, message: &str, rendered: &str) -> Diagnostic {
    Diagnostic {
        severity,
        message: message.to_owned(),
        code: Some(code.to_owned()),
        rendered: rendered.to_owned(),
        location: Some(Location {
            file: "exercises/00_intro/intro2.rs".into(),
            line: 3,
            column: 18,
        }),
    }
}

pub fn every_verdict() -> Vec<(&'static str, Verdict)> {
    vec![
        (
            "pass",
            Verdict::Pass {
                output: output("the mean is 2.5\n", Termination::Exited(0)),
                warnings: vec![diagnostic(
                    Severity::Warning,
                    "unused_variables",
                    "unused variable: `x`",
                    "warning: unused variable: `x`\n --> exercises/00_intro/intro2.rs:3:9\n",
                )],
            },
        ),
        (
            "compile_error",
            Verdict::CompileError {
                diagnostics: vec![diagnostic(
                    Severity::Error,
                    "E0308",
                    "mismatched types",
                    "error[E0308]: mismatched types\n --> exercises/00_intro/intro2.rs:3:18\n  |\n3 |     let n: u32 = \"two\";\n  |            ---   ^^^^^ expected `u32`, found `&str`\n",
                )],
                phase: Phase::Build,
                cargo_stderr: String::new(),
            },
        ),
        (
            "compile_error_in_tests",
            Verdict::CompileError {
                diagnostics: vec![diagnostic(
                    Severity::Error,
                    "E0425",
                    "cannot find function `mean` in this scope",
                    "error[E0425]: cannot find function `mean` in this scope\n",
                )],
                phase: Phase::TestBuild,
                cargo_stderr: String::new(),
            },
        ),
        (
            "test_failed",
            Verdict::TestFailed {
                failures: vec![TestFailure {
                    name: "tests::empty_has_no_mean".to_owned(),
                    message: "assertion `left == right` failed\n  left: Some(NaN)\n right: None".to_owned(),
                    output: "thread 'tests::empty_has_no_mean' panicked at exercises/00_intro/intro2.rs:30:9:\nassertion `left == right` failed\n  left: Some(NaN)\n right: None".to_owned(),
                }],
                output: output("", Termination::Exited(101)),
            },
        ),
        (
            "clippy",
            Verdict::Clippy {
                lints: vec![diagnostic(
                    Severity::Error,
                    "clippy::eq_op",
                    "equal expressions as operands to `==`",
                    "error: equal expressions as operands to `==`\n --> exercises/00_intro/intro2.rs:3:16\n",
                )],
            },
        ),
        (
            "run_failed",
            Verdict::RunFailed {
                output: output("reading the sensors\n", Termination::Exited(3)),
            },
        ),
        (
            "timed_out",
            Verdict::TimedOut {
                step: TimedStep::Run,
                limit: Duration::from_secs(10),
                output: output("waiting…\n", Termination::TimedOut(Duration::from_secs(10))),
            },
        ),
        (
            "missing",
            Verdict::Missing {
                problem: FileProblem::NotFound,
            },
        ),
    ]
}

/// The verdict of `every_verdict` called `name`.
pub fn verdict(name: &str) -> Verdict {
    every_verdict()
        .into_iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("no verdict {name}"))
}
