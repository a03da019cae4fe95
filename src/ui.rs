//! Rendering for the terminal: verdicts with the first thing to fix on top,
//! lists, hints. Colour follows `--color`, `NO_COLOR` and whether the output
//! is a terminal (console decides; `set_color` overrides).

mod reporter;

use std::fmt::Write as _;

use console::{Style, style};

use crate::cargo::Phase;
use crate::course::{Course, Exercise};
use crate::diagnostic::{Diagnostic, Severity};
use crate::exec::ProcessOutput;
use crate::sanitize;
use crate::verdict::{TimedStep, Verdict};

pub use reporter::{Mode, Reporter};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

pub fn set_color(choice: ColorChoice) {
    let on = match choice {
        ColorChoice::Always => Some(true),
        ColorChoice::Never => Some(false),
        // console already honours NO_COLOR, CLICOLOR and TTY detection.
        ColorChoice::Auto => None,
    };
    if let Some(on) = on {
        console::set_colors_enabled(on);
        console::set_colors_enabled_stderr(on);
    }
}

/// rustc's rendered text carries ANSI colours: keep them only if we colour.
fn plain_or_colored(rendered: &str) -> String {
    sanitize::for_terminal(rendered, console::colors_enabled())
}

/// `print!` for a command's output, returning the error instead of
/// panicking: a closed pipe (`rustdrill list | head -1`) then ends the
/// command quietly through `main` (exit 0), not as an internal error.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        write!(std::io::stdout().lock(), $($arg)*)
    }};
}

/// `println!` that returns the error; see `out!`.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)
    }};
}

pub(crate) use {out, outln};

pub fn ok(text: &str) -> String {
    style(text).green().bold().to_string()
}

pub fn bad(text: &str) -> String {
    style(text).red().bold().to_string()
}

pub fn dim(text: &str) -> String {
    style(text).dim().to_string()
}

pub fn warn(text: &str) -> String {
    format!("{} {text}", style("warning:").yellow().bold())
}

/// How much detail to print below the headline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Everything (the `run` command).
    Full,
    /// At most this many lines of detail (the watch screen).
    Lines(usize),
}

/// The verdict as the learner sees it: status and the first thing to fix,
/// the file to open, then the details.
pub fn render_verdict(course: &Course, ex: &Exercise, verdict: &Verdict, detail: Detail) -> String {
    let mut out = String::new();
    let mark = if verdict.passed() {
        ok("✓")
    } else {
        bad("✗")
    };
    let headline = sanitize::for_terminal(&verdict.headline(), false);
    let headline = if verdict.passed() {
        ok(&headline)
    } else {
        bad(&headline)
    };
    let _ = writeln!(out, "{mark} {} — {headline}", style(&ex.name).bold());
    let _ = writeln!(out, "  {}", dim(&ex.relative_path.display().to_string()));
    let _ = course;
    out.push('\n');

    let mut body = String::new();
    match verdict {
        Verdict::Pass { output, warnings } => {
            body.push_str(&process_output("main printed", output));
            for w in warnings {
                body.push_str(&plain_or_colored(&w.rendered));
            }
        }
        Verdict::CompileError {
            diagnostics,
            cargo_stderr,
            phase,
        } => {
            if *phase == Phase::TestBuild {
                let _ = writeln!(
                    body,
                    "{}\n",
                    dim("(this error is in code compiled only for the tests: \
                         the #[cfg(test)] module or code it uses)")
                );
            }
            let errors: Vec<&Diagnostic> = diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .collect();
            if errors.is_empty() {
                body.push_str(&plain_or_colored(cargo_stderr));
            }
            for d in diagnostics {
                body.push_str(&plain_or_colored(&d.rendered));
            }
        }
        Verdict::TestFailed { failures, output } => {
            for f in failures {
                let _ = writeln!(body, "{} {}", bad("failed:"), style(&f.name).bold());
                for line in f.output.lines() {
                    let _ = writeln!(body, "  {line}");
                }
                body.push('\n');
            }
            if failures.is_empty() {
                body.push_str(&process_output("the tests printed", output));
            }
        }
        Verdict::Clippy { lints } => {
            for l in lints {
                body.push_str(&plain_or_colored(&l.rendered));
            }
        }
        Verdict::RunFailed { output } => body.push_str(&process_output("main printed", output)),
        Verdict::TimedOut { step, output, .. } => {
            let what = match step {
                TimedStep::Tests => "the tests printed",
                TimedStep::Run => "main printed",
            };
            body.push_str(&process_output(what, output));
        }
        Verdict::Missing { .. } => {
            let _ = writeln!(
                body,
                "Restore the original with `rustdrill reset {}` (or `x` in watch mode); \
                 a backup of whatever is there now is kept.",
                ex.name
            );
        }
    }
    // What the exercise printed may hold any escape sequence: only colours
    // pass, and only when rustdrill colours.
    let body = sanitize::for_terminal(&body, console::colors_enabled());
    match detail {
        Detail::Full => out.push_str(&body),
        Detail::Lines(max) => {
            let lines: Vec<&str> = body.lines().collect();
            for line in lines.iter().take(max) {
                out.push_str(line);
                out.push('\n');
            }
            if lines.len() > max {
                let _ = writeln!(
                    out,
                    "{}",
                    dim(&format!(
                        "… {} more lines: run `rustdrill run {}` to see all of it",
                        lines.len() - max,
                        ex.name
                    ))
                );
            }
        }
    }
    out
}

fn process_output(title: &str, output: &ProcessOutput) -> String {
    let mut out = String::new();
    let stdout = output.stdout.text.trim_end();
    let stderr = output.stderr.text.trim_end();
    if stdout.is_empty() && stderr.is_empty() {
        return out;
    }
    let _ = writeln!(out, "{}", dim(&format!("{title}:")));
    for line in stdout.lines().chain(stderr.lines()) {
        let _ = writeln!(out, "  {line}");
    }
    out
}

/// `hint 2/3` followed by the hint text.
/// Hints `numbers` (counted from 1) of `ex`, each under a `hint n/total`
/// title.
pub fn render_hints(ex: &Exercise, numbers: std::ops::RangeInclusive<usize>) -> String {
    let mut out = String::new();
    for (i, hint) in ex.hints.iter().enumerate() {
        if !numbers.contains(&(i + 1)) {
            continue;
        }
        let title =
            Style::new()
                .cyan()
                .bold()
                .apply_to(format!("hint {}/{}", i + 1, ex.hints.len()));
        let _ = writeln!(out, "{title}");
        for line in hint.lines() {
            let _ = writeln!(out, "  {line}");
        }
    }
    out
}

/// What a learner sees for each kind of verdict, as reviewed snapshots
/// (`cargo insta review` after an intended change).
#[cfg(test)]
pub(crate) mod tests {
    use std::path::PathBuf;
    use std::time::Duration;

    use super::*;
    use crate::course::Layout;
    use crate::exec::{Captured, Termination};
    use crate::location::Location;
    use crate::verdict::{FileProblem, TestFailure};

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

    #[test]
    fn every_verdict_as_the_learner_sees_it() {
        console::set_colors_enabled(false);
        let course = course();
        let ex = exercise();
        for (name, verdict) in every_verdict() {
            let full = render_verdict(&course, &ex, &verdict, Detail::Full);
            insta::assert_snapshot!(format!("verdict_{name}"), full);
        }
        // The watch screen's short form cuts the details with a pointer.
        let (_, test_failed) = &every_verdict()[3];
        let short = render_verdict(&course, &ex, test_failed, Detail::Lines(2));
        insta::assert_snapshot!("verdict_test_failed_two_lines", short);
    }
}
