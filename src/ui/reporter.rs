//! The one reporter of check progress. The check engine emits typed
//! [`CheckEvent`] events; the reporter alone owns the progress bar (or
//! spinner) on stderr and prints through it, so no line tears the bar.
//! On a terminal the bar shows the phase and the crate being compiled;
//! elsewhere (a CI log) `verify` and `dev check` say the same in plain lines.
//! Each command picks a [`Mode`]; the events are the same for all.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::text::t;

use rustdrill_engine::cargo::Phase;
use rustdrill_engine::check::CheckEvent;

/// What the progress is of, which sets how it is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// `run`: a spinner naming the exercise being checked.
    Exercise { name: String },
    /// `verify`: a bar of exercises judged out of `total`, of which
    /// `cached` kept their verdict and are not checked again.
    Course { total: usize, cached: usize },
    /// `dev check`: a spinner naming the pass (`unsolved`, `solved`).
    Pass { pass: &'static str },
}

impl Mode {
    /// The bar's text while `phase` runs.
    fn phase_message(&self, phase: Phase) -> String {
        match self {
            Mode::Exercise { name } => t!(
                "run-checking-phase",
                name = name,
                phase = super::phase(phase)
            ),
            Mode::Course { .. } => super::phase(phase),
            Mode::Pass { pass } => format!("{pass}: {phase}"),
        }
    }

    /// The bar's text when cargo has compiled `crate_name` in `phase`.
    fn compiled_message(&self, phase: Phase, crate_name: &str) -> String {
        match self {
            Mode::Exercise { name } => t!(
                "run-checking-crate",
                name = name,
                phase = super::phase(phase),
                crate = crate_name
            ),
            Mode::Course { .. } => format!("{phase}: {crate_name}"),
            Mode::Pass { pass } => format!("{pass}: {phase} ({crate_name})"),
        }
    }

    /// How the plain lines of this mode begin; `None` when it prints none
    /// (`run` shows its verdict at once: nothing to log before it).
    fn log_prefix(&self) -> Option<String> {
        match self {
            Mode::Exercise { .. } => None,
            Mode::Course { .. } => Some("verify".to_owned()),
            Mode::Pass { pass } => Some(format!("dev check: {pass}")),
        }
    }

    /// A bar drawn on stderr, shaped for this mode.
    fn visible_bar(&self) -> ProgressBar {
        let (length, template) = match self {
            Mode::Course { total, .. } => (Some(*total as u64), BAR),
            Mode::Exercise { .. } | Mode::Pass { .. } => (None, SPINNER),
        };
        let bar = ProgressBar::with_draw_target(length, ProgressDrawTarget::stderr());
        bar.set_style(bar_style(template));
        bar
    }
}

/// The count of exercises judged, and the phase.
const BAR: &str = "{spinner} [{bar:30}] {pos}/{len} {msg}";
/// Work of unknown length: what is happening.
const SPINNER: &str = "{spinner} {msg}";

/// `template` as a style; the templates are constants, so the fallback
/// (tested never to be needed) only guards against a typo ever panicking.
fn bar_style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
        .progress_chars("=> ")
}

/// Where the plain lines go.
enum Lines {
    Stderr,
    /// Kept for a test to read.
    #[cfg(test)]
    Kept(std::sync::Mutex<Vec<String>>),
}

/// Shows the progress of one check: build it, hand [`Reporter::report`]
/// to `check::check`, drop it when the check returns (the bar is cleared).
pub struct Reporter {
    mode: Mode,
    bar: ProgressBar,
    /// stderr is a terminal: the bar shows the progress, no lines do.
    interactive: bool,
    lines: Lines,
}

impl Reporter {
    /// A reporter on stderr: a bar on a terminal, plain lines otherwise.
    pub fn new(mode: Mode) -> Reporter {
        let interactive = console::Term::stderr().is_term();
        let bar = if interactive {
            let bar = mode.visible_bar();
            bar.enable_steady_tick(Duration::from_millis(100));
            bar
        } else {
            ProgressBar::hidden()
        };
        Reporter::start(mode, bar, interactive, Lines::Stderr)
    }

    fn start(mode: Mode, bar: ProgressBar, interactive: bool, lines: Lines) -> Reporter {
        let reporter = Reporter {
            mode,
            bar,
            interactive,
            lines,
        };
        match &reporter.mode {
            Mode::Exercise { name } => reporter.bar.set_message(t!("run-checking", name = name)),
            Mode::Course { total, cached } => {
                reporter.bar.set_length(*total as u64);
                reporter.bar.set_position(*cached as u64);
                let unchanged = if *cached > 0 {
                    format!(", {cached} unchanged since their last check")
                } else {
                    String::new()
                };
                reporter.log(&format!(
                    "verify: checking {} exercise(s){unchanged}",
                    total - cached
                ));
            }
            Mode::Pass { .. } => {}
        }
        reporter
    }

    /// Shows one event of the check.
    pub fn report(&self, event: CheckEvent) {
        match event {
            CheckEvent::PhaseStarted(phase) => {
                self.bar.set_message(self.mode.phase_message(phase));
                if let Some(prefix) = self.mode.log_prefix() {
                    self.log(&format!("{prefix}: {phase}"));
                }
            }
            CheckEvent::Compiled { phase, crate_name } => {
                self.bar
                    .set_message(self.mode.compiled_message(phase, &crate_name));
            }
            CheckEvent::Checked { name, passed } => {
                if let Mode::Course { .. } = self.mode {
                    self.bar.inc(1);
                    let status = if passed { "done" } else { "not done" };
                    self.log(&format!("verify: {name}: {status}"));
                }
            }
        }
    }

    /// A plain line, for a log: only when the bar is not drawn.
    fn log(&self, line: &str) {
        if self.interactive {
            return;
        }
        match &self.lines {
            Lines::Stderr => self.bar.suspend(|| eprintln!("{line}")),
            #[cfg(test)]
            Lines::Kept(kept) => {
                if let Ok(mut kept) = kept.lock() {
                    kept.push(line.to_owned());
                }
            }
        }
    }
}

impl Drop for Reporter {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reporter with its bar hidden and its lines kept.
    fn hidden(mode: Mode, interactive: bool) -> Reporter {
        Reporter::start(
            mode,
            ProgressBar::hidden(),
            interactive,
            Lines::Kept(std::sync::Mutex::new(Vec::new())),
        )
    }

    fn lines(reporter: &Reporter) -> Vec<String> {
        match &reporter.lines {
            Lines::Kept(kept) => kept.lock().map(|k| k.clone()).unwrap_or_default(),
            Lines::Stderr => Vec::new(),
        }
    }

    fn compiled(phase: Phase, crate_name: &str) -> CheckEvent {
        CheckEvent::Compiled {
            phase,
            crate_name: crate_name.to_owned(),
        }
    }

    fn checked(name: &str, passed: bool) -> CheckEvent {
        CheckEvent::Checked {
            name: name.to_owned(),
            passed,
        }
    }

    /// The bar's message after each event, on a terminal.
    fn messages(mode: Mode, events: Vec<CheckEvent>) -> Vec<String> {
        let reporter = hidden(mode, true);
        let mut seen = vec![reporter.bar.message()];
        for event in events {
            reporter.report(event);
            seen.push(reporter.bar.message());
        }
        assert_eq!(
            lines(&reporter),
            Vec::<String>::new(),
            "no lines on a terminal"
        );
        seen
    }

    fn one_build() -> Vec<CheckEvent> {
        vec![
            CheckEvent::PhaseStarted(Phase::Build),
            compiled(Phase::Build, "serde"),
            CheckEvent::PhaseStarted(Phase::TestBuild),
            compiled(Phase::TestBuild, "intro1"),
            checked("intro1", false),
        ]
    }

    #[test]
    fn run_names_the_exercise_phase_and_crate_and_logs_nothing() {
        assert_eq!(
            messages(
                Mode::Exercise {
                    name: "intro1".to_owned()
                },
                one_build()
            ),
            [
                "checking intro1",
                "checking intro1: build and clippy",
                "checking intro1: build and clippy (serde)",
                "checking intro1: test build",
                "checking intro1: test build (intro1)",
                "checking intro1: test build (intro1)",
            ]
        );
        let reporter = hidden(
            Mode::Exercise {
                name: "intro1".to_owned(),
            },
            false,
        );
        for event in one_build() {
            reporter.report(event);
        }
        assert_eq!(lines(&reporter), Vec::<String>::new());
    }

    #[test]
    fn verify_counts_verdicts_from_the_cached_ones() {
        let reporter = hidden(
            Mode::Course {
                total: 5,
                cached: 2,
            },
            true,
        );
        assert_eq!(reporter.bar.length(), Some(5));
        assert_eq!(reporter.bar.position(), 2);
        reporter.report(CheckEvent::PhaseStarted(Phase::Build));
        assert_eq!(reporter.bar.message(), "build and clippy");
        reporter.report(compiled(Phase::Build, "intro1"));
        assert_eq!(reporter.bar.message(), "build and clippy: intro1");
        reporter.report(checked("intro1", true));
        reporter.report(checked("intro2", false));
        assert_eq!(reporter.bar.position(), 4);
        assert_eq!(lines(&reporter), Vec::<String>::new());
    }

    #[test]
    fn verify_logs_each_phase_and_verdict_off_a_terminal() {
        let reporter = hidden(
            Mode::Course {
                total: 3,
                cached: 1,
            },
            false,
        );
        for event in [
            CheckEvent::PhaseStarted(Phase::Build),
            compiled(Phase::Build, "intro1"),
            CheckEvent::PhaseStarted(Phase::TestBuild),
            checked("intro1", true),
            checked("intro2", false),
        ] {
            reporter.report(event);
        }
        assert_eq!(
            lines(&reporter),
            [
                "verify: checking 2 exercise(s), 1 unchanged since their last check",
                "verify: build and clippy",
                "verify: test build",
                "verify: intro1: done",
                "verify: intro2: not done",
            ]
        );
        let fresh = hidden(
            Mode::Course {
                total: 2,
                cached: 0,
            },
            false,
        );
        assert_eq!(lines(&fresh), ["verify: checking 2 exercise(s)"]);
    }

    #[test]
    fn dev_check_names_the_pass() {
        assert_eq!(
            messages(Mode::Pass { pass: "solved" }, one_build()),
            [
                "",
                "solved: build and clippy",
                "solved: build and clippy (serde)",
                "solved: test build",
                "solved: test build (intro1)",
                "solved: test build (intro1)",
            ]
        );
        let reporter = hidden(Mode::Pass { pass: "unsolved" }, false);
        for event in one_build() {
            reporter.report(event);
        }
        assert_eq!(
            lines(&reporter),
            [
                "dev check: unsolved: build and clippy",
                "dev check: unsolved: test build",
            ]
        );
    }

    #[test]
    fn the_bar_templates_are_valid() {
        for template in [BAR, SPINNER] {
            assert!(ProgressStyle::with_template(template).is_ok(), "{template}");
        }
    }
}
