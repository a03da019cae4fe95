//! Rendering for the terminal: verdicts with the first thing to fix on top,
//! lists, hints. Colour follows `--color`, `NO_COLOR` and whether the output
//! is a terminal (console decides; `set_color` overrides).

mod reporter;

use std::fmt::Write as _;

use console::{Style, style};

use rustdrill_engine::cargo::Phase;
use rustdrill_engine::course::{Course, Exercise};
use rustdrill_engine::diagnostic::{Diagnostic, Severity};
use rustdrill_engine::exec::ProcessOutput;
use rustdrill_engine::sanitize;
use rustdrill_engine::verdict::{TimedStep, Verdict};

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
