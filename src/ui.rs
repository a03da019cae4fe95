//! Rendering for the terminal: verdicts with the first thing to fix on top,
//! lists, hints. Colour follows `--color`, `NO_COLOR` and whether the output
//! is a terminal (console decides; `set_color` overrides).

mod reporter;
pub mod text;

use std::fmt::Write as _;

use console::{Style, style};

use rustdrill_engine::cargo::Phase;
use rustdrill_engine::course::{Course, Exercise, TrackDone};
use rustdrill_engine::diagnostic::{Diagnostic, Severity};
use rustdrill_engine::exec::ProcessOutput;
use rustdrill_engine::progress::{AfterPass, Medium};
use rustdrill_engine::sanitize;
use rustdrill_engine::verdict::{FileProblem, TimedStep, Verdict};

use text::t;

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
    let headline = sanitize::for_terminal(&headline(verdict), false);
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
            body.push_str(&process_output(&t!("verdict-main-printed"), output));
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
                let _ = writeln!(body, "{}\n", dim(&t!("verdict-in-test-code")));
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
                let _ = writeln!(
                    body,
                    "{} {}",
                    bad(&t!("verdict-failed-test")),
                    style(&f.name).bold()
                );
                for line in f.output.lines() {
                    let _ = writeln!(body, "  {line}");
                }
                body.push('\n');
            }
            if failures.is_empty() {
                body.push_str(&process_output(&t!("verdict-tests-printed"), output));
            }
        }
        Verdict::Clippy { lints } => {
            for l in lints {
                body.push_str(&plain_or_colored(&l.rendered));
            }
        }
        Verdict::RunFailed { output } => {
            body.push_str(&process_output(&t!("verdict-main-printed"), output));
        }
        Verdict::TimedOut { step, output, .. } => {
            let what = match step {
                TimedStep::Tests => t!("verdict-tests-printed"),
                TimedStep::Run => t!("verdict-main-printed"),
            };
            body.push_str(&process_output(&what, output));
        }
        Verdict::Missing { .. } => {
            let _ = writeln!(body, "{}", t!("verdict-missing-restore", name = &ex.name));
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
                    dim(&t!(
                        "verdict-more-lines",
                        count = lines.len() - max,
                        name = &ex.name
                    ))
                );
            }
        }
    }
    out
}

/// One line: the first thing to fix (or "done"), in the learner's
/// language; what the compiler or a test said stays as it said it. The
/// engine's `Verdict::headline` is the English one for JSON and the
/// classroom.
pub fn headline(verdict: &Verdict) -> String {
    let coded = |code: Option<&str>, message: &str| match code {
        Some(c) => format!("[{c}] {message}"),
        None => message.to_owned(),
    };
    match verdict {
        Verdict::Pass { .. } => t!("headline-pass"),
        Verdict::CompileError {
            diagnostics,
            cargo_stderr,
            ..
        } => {
            let what = match diagnostics.iter().find(|d| d.severity == Severity::Error) {
                Some(d) => coded(d.code.as_deref(), &d.message),
                None => cargo_stderr
                    .lines()
                    .map(str::trim)
                    .find(|l| l.starts_with("error"))
                    .map_or_else(|| t!("headline-cargo-failed"), str::to_owned),
            };
            t!("headline-compile-error", what = what)
        }
        Verdict::TestFailed { failures, output } => match failures.first() {
            Some(f) => t!(
                "headline-test-failed",
                name = &f.name,
                message = f.message.lines().next().unwrap_or("")
            ),
            None => t!(
                "headline-tests-failed",
                termination = output.termination.to_string()
            ),
        },
        Verdict::Clippy { lints } => match lints.first() {
            Some(l) => t!(
                "headline-clippy",
                what = coded(l.code.as_deref(), &l.message)
            ),
            None => t!("headline-clippy-failed"),
        },
        Verdict::RunFailed { output } => t!(
            "headline-run-failed",
            termination = output.termination.to_string()
        ),
        Verdict::Missing {
            problem: FileProblem::NotFound,
        } => t!("headline-missing"),
        Verdict::Missing {
            problem: FileProblem::NotAFile,
        } => t!("headline-not-a-file"),
        Verdict::TimedOut { step, limit, .. } => match step {
            TimedStep::Tests => t!("headline-timed-out-tests", seconds = limit.as_secs()),
            TimedStep::Run => t!("headline-timed-out-main", seconds = limit.as_secs()),
        },
    }
}

/// A check's phase as the watch screen names it.
pub fn phase(phase: Phase) -> String {
    match phase {
        Phase::Build => t!("phase-build"),
        Phase::BuildWithoutLints => t!("phase-build-without-lints"),
        Phase::TestBuild => t!("phase-test-build"),
    }
}

/// The lines shown after a pass (unstyled): the reference solution and
/// the next exercise, said for a command or for watch's keys.
pub fn after_pass(after: &AfterPass, medium: Medium) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(path) = &after.solution {
        let path = path.display().to_string();
        lines.push(match medium {
            Medium::Command => t!("after-solved-command", path = path),
            Medium::Watch => t!("after-solved-watch", path = path),
        });
    }
    if let Some((name, path)) = &after.next {
        lines.push(match medium {
            Medium::Command => t!(
                "after-next-command",
                name = name,
                path = path.display().to_string()
            ),
            Medium::Watch => t!("after-next-watch", name = name),
        });
    }
    lines
}

/// A track just finished: which remain here and which can be added.
pub fn track_done(done: &TrackDone) -> String {
    let mut message = t!("track-done", track = &done.track);
    if !done.unfinished.is_empty() {
        message.push(' ');
        message.push_str(&t!(
            "track-done-remaining",
            tracks = done.unfinished.join(", ")
        ));
    }
    if let Some(first) = done.not_added.first() {
        message.push(' ');
        message.push_str(&t!(
            "track-done-not-added",
            tracks = done.not_added.join(", "),
            first = first
        ));
    }
    message
}

fn process_output(title: &str, output: &ProcessOutput) -> String {
    let mut out = String::new();
    let stdout = output.stdout.text.trim_end();
    let stderr = output.stderr.text.trim_end();
    if stdout.is_empty() && stderr.is_empty() {
        return out;
    }
    let _ = writeln!(out, "{}", dim(title));
    for line in stdout.lines().chain(stderr.lines()) {
        let _ = writeln!(out, "  {line}");
    }
    out
}

/// Hints `numbers` (counted from 1) of `ex`, each under a `hint n/total`
/// title.
pub fn render_hints(ex: &Exercise, numbers: std::ops::RangeInclusive<usize>) -> String {
    let mut out = String::new();
    for (i, hint) in ex.hints.iter().enumerate() {
        if !numbers.contains(&(i + 1)) {
            continue;
        }
        let title = Style::new().cyan().bold().apply_to(t!(
            "hint-title",
            number = i + 1,
            total = ex.hints.len()
        ));
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
mod tests {
    use rustdrill_engine::testing::{course, every_verdict, exercise};

    use super::*;

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
