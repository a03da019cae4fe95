//! The check pipeline: one cargo invocation per phase for the whole
//! selection, then the test binaries and mains run in parallel, then one
//! verdict per exercise. `run` checks a selection of one; `verify` of all.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::Result;
use cargo_metadata::Message;

use crate::cargo::{Cargo, Phase, PhaseReport};
use crate::course::{Course, Exercise, ExerciseId, Layout};
use crate::diagnostic::{Diagnostic, Severity};
use crate::exec::{self, ProcessOutput, Termination};
use crate::supervisor::{self, Cancel};
use crate::verdict::{self, FileProblem, TimedStep, Verdict};

/// CheckEvent events, for a progress bar or a status line.
#[derive(Debug, Clone)]
pub enum CheckEvent {
    PhaseStarted(Phase),
    /// Cargo finished compiling a crate (a dependency or an exercise).
    Compiled {
        phase: Phase,
        crate_name: String,
    },
    /// An exercise's verdict is known.
    Checked {
        name: String,
        passed: bool,
    },
}

/// One exercise's verdict and how long running it took.
#[derive(Debug, Clone)]
pub struct Checked {
    pub id: ExerciseId,
    pub name: String,
    pub verdict: Verdict,
    /// Time spent running the exercise's tests and `main`. Compiling is
    /// shared by the whole selection and not counted here.
    pub duration: Duration,
    /// The verdict may be cached: it follows from the exercise's files
    /// alone, and every file its compiles read is recorded (`freshness`).
    pub cacheable: bool,
}

/// Checks `selection` (in course order) and returns a verdict for each.
/// `progress` hears each verdict as soon as it is known.
pub fn check(
    course: &Course,
    selection: &[&Exercise],
    progress: &(dyn Fn(CheckEvent) + Sync),
) -> Result<Vec<Checked>> {
    check_cancellable(course, selection, progress, None)
}

/// `check` that another thread can stop with `cancel` (watch, when the file
/// is saved again): cargo and the exercises' processes are ended at once,
/// and the check returns an error instead of verdicts.
pub fn check_cancellable(
    course: &Course,
    selection: &[&Exercise],
    progress: &(dyn Fn(CheckEvent) + Sync),
    cancel: Option<Arc<Cancel>>,
) -> Result<Vec<Checked>> {
    // A missing file has its verdict without cargo, which would stop at it
    // and judge nothing else.
    let (present, missing): (Vec<&Exercise>, Vec<&Exercise>) = selection
        .iter()
        .copied()
        .partition(|e| FileProblem::of(&e.path).is_none());
    let mut checked = check_present(course, &present, progress, cancel.as_ref())?;
    if cancel.is_some_and(|c| c.is_cancelled()) {
        anyhow::bail!(crate::cargo::CANCELLED);
    }
    for ex in missing {
        let problem = FileProblem::of(&ex.path).unwrap_or(FileProblem::NotFound);
        progress(CheckEvent::Checked {
            name: ex.name.clone(),
            passed: false,
        });
        checked.push(Checked {
            id: ex.id(),
            name: ex.name.clone(),
            verdict: Verdict::Missing { problem },
            duration: Duration::ZERO,
            cacheable: false,
        });
    }
    in_selection_order(selection, &mut checked);
    Ok(checked)
}

/// Puts verdicts in the order their exercises were selected (missing files
/// are judged apart from the rest, so they come in last).
fn in_selection_order(selection: &[&Exercise], checked: &mut [Checked]) {
    let order: HashMap<ExerciseId, usize> = selection
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id(), i))
        .collect();
    checked.sort_by_key(|c| order.get(&c.id).copied().unwrap_or(usize::MAX));
}

fn check_present(
    course: &Course,
    selection: &[&Exercise],
    progress: &(dyn Fn(CheckEvent) + Sync),
    cancel: Option<&Arc<Cancel>>,
) -> Result<Vec<Checked>> {
    if selection.is_empty() {
        return Ok(Vec::new());
    }
    let mut cargo = Cargo::for_course(course);
    if let Some(cancel) = cancel {
        cargo = cargo.cancelled_by(Arc::clone(cancel));
    }
    let bins: Vec<&str> = selection.iter().map(|e| e.name.as_str()).collect();
    let forward = |phase: Phase| {
        move |m: &Message| {
            if let Message::CompilerArtifact(a) = m {
                progress(CheckEvent::Compiled {
                    phase,
                    crate_name: a.target.name.clone(),
                });
            }
        }
    };
    let finish = |ex: &Exercise, mut verdict: Verdict, duration: Duration| -> Checked {
        relocate(course, ex, &mut verdict);
        progress(CheckEvent::Checked {
            name: ex.name.clone(),
            passed: verdict.passed(),
        });
        Checked {
            id: ex.id(),
            name: ex.name.clone(),
            verdict,
            duration,
            // Known once every phase has run (`cacheable`).
            cacheable: false,
        }
    };

    {
        // One compile gives the binaries and clippy's lints (see `Phase`).
        progress(CheckEvent::PhaseStarted(Phase::Build));
        let mut build = cargo.run_phase(Phase::Build, &bins, &mut forward(Phase::Build))?;
        // Every phase that ran recorded the files it read.
        let mut recorded = build.inputs_recorded;
        // A lint the course denies stops compilation, but the course format
        // judges tests before clippy: build those exercises once more with
        // plain rustc to get a binary to test. The lints stay in `build`.
        let blocked: Vec<&str> = selection
            .iter()
            .filter(|e| {
                build
                    .targets
                    .get(&e.name)
                    .is_some_and(|t| t.blocked_only_by_lints())
            })
            .map(|e| e.name.as_str())
            .collect();
        if !blocked.is_empty() {
            progress(CheckEvent::PhaseStarted(Phase::BuildWithoutLints));
            let plain = cargo.run_phase(
                Phase::BuildWithoutLints,
                &blocked,
                &mut forward(Phase::BuildWithoutLints),
            )?;
            recorded &= plain.inputs_recorded;
            for name in blocked {
                let target = build
                    .targets
                    .get_mut(name)
                    .expect("blocked targets were built");
                let rebuilt = plain.targets.get(name).cloned().unwrap_or_default();
                target.executable = rebuilt.executable;
                target.compiled = rebuilt.compiled;
            }
        }
        let mut checked: HashMap<ExerciseId, Checked> = HashMap::new();
        for ex in selection {
            if let Some(v) = compile_failure(&build, ex, Phase::Build) {
                checked.insert(ex.id(), finish(ex, v, Duration::ZERO));
            }
        }

        let test_bins: Vec<&str> = selection
            .iter()
            .filter(|e| e.test && !checked.contains_key(&e.id()))
            .map(|e| e.name.as_str())
            .collect();
        let tests = if test_bins.is_empty() {
            PhaseReport::default()
        } else {
            progress(CheckEvent::PhaseStarted(Phase::TestBuild));
            let tests = test_build(&cargo, &test_bins, &mut forward(Phase::TestBuild))?;
            recorded &= tests.inputs_recorded;
            tests
        };
        for ex in selection
            .iter()
            .filter(|e| test_bins.contains(&e.name.as_str()))
        {
            if let Some(v) = compile_failure(&tests, ex, Phase::TestBuild) {
                checked.insert(ex.id(), finish(ex, v, Duration::ZERO));
            }
        }

        // Run tests and mains of what built, bounded by the cores.
        let runnable: Vec<&Exercise> = selection
            .iter()
            .copied()
            .filter(|e| !checked.contains_key(&e.id()))
            .collect();
        let judge = |ex: &Exercise| {
            let started = Instant::now();
            let runner = Runner::new(course, ex, cancel.map(Arc::as_ref));
            let verdict = in_course_order(
                || runner.tests(&tests),
                || clippy_failure(&build, ex),
                || runner.main(&build),
                || warnings(&build, ex),
            );
            finish(ex, verdict, started.elapsed())
        };
        for done in run_all(&runnable, &judge) {
            checked.insert(done.id, done);
        }

        Ok(selection
            .iter()
            .map(|ex| {
                let mut c = checked.remove(&ex.id()).expect("every exercise is judged");
                c.cacheable = recorded && cacheable(&c.verdict, ex, &build, &tests);
                c
            })
            .collect())
    }
}

/// May the verdict be reused while the files the exercise's compiles read
/// stay byte for byte the same? Only a verdict that follows from them
/// alone (`Verdict::follows_from_the_files`); and a compile error only when
/// the failing compile wrote its dep-info, which lists every file it read
/// (a parse error stops rustc before it is written: then which module
/// files it read is not known).
fn cacheable(verdict: &Verdict, ex: &Exercise, build: &PhaseReport, tests: &PhaseReport) -> bool {
    if !verdict.follows_from_the_files() {
        return false;
    }
    match verdict {
        Verdict::CompileError { phase, .. } => {
            let report = if *phase == Phase::TestBuild {
                tests
            } else {
                build
            };
            report.depinfo_written.contains(&ex.name)
        }
        _ => true,
    }
}

/// The course format's order: tests, then clippy, then `main`; the first
/// failure is the verdict, and each step runs only when those before it
/// passed (a lint that fails the exercise is shown before `main` runs, and
/// `main` may hang). A pass carries the build's warnings.
fn in_course_order(
    tests: impl FnOnce() -> Option<Verdict>,
    lints: impl FnOnce() -> Option<Vec<Diagnostic>>,
    main: impl FnOnce() -> Verdict,
    warnings: impl FnOnce() -> Vec<Diagnostic>,
) -> Verdict {
    tests()
        .or_else(|| lints().map(|lints| Verdict::Clippy { lints }))
        .unwrap_or_else(|| match main() {
            Verdict::Pass { output, .. } => Verdict::Pass {
                output,
                warnings: warnings(),
            },
            other => other,
        })
}

/// `cargo test --no-run` has no `--keep-going`: it starts no new compilation
/// after the first test target fails, so one exercise with broken test code
/// would hide the verdicts of the others. Re-run it on the targets it left
/// unjudged (neither built nor with an error) while each round judges more.
fn test_build(
    cargo: &Cargo,
    bins: &[&str],
    on_message: &mut dyn FnMut(&Message),
) -> Result<PhaseReport> {
    let unjudged = |report: &PhaseReport, bins: &[&str]| -> Vec<String> {
        bins.iter()
            .filter(|b| {
                report
                    .targets
                    .get(**b)
                    .is_none_or(|t| !t.has_compiler_errors() && t.executable.is_none())
            })
            .map(|b| (*b).to_owned())
            .collect()
    };
    let mut report = cargo.run_phase(Phase::TestBuild, bins, on_message)?;
    let mut left = unjudged(&report, bins);
    while !report.success && !left.is_empty() {
        let names: Vec<&str> = left.iter().map(String::as_str).collect();
        let again = cargo.run_phase(Phase::TestBuild, &names, on_message)?;
        report.targets.extend(again.targets);
        for e in again.foreign_errors {
            if !report.foreign_errors.contains(&e) {
                report.foreign_errors.push(e);
            }
        }
        report.stderr.push_str(&again.stderr);
        report.success = again.success;
        report.inputs_recorded &= again.inputs_recorded;
        report.depinfo_written.extend(again.depinfo_written);
        let still = unjudged(&report, &names);
        if still.len() == left.len() {
            // No progress: a dependency or cargo itself fails; say so.
            break;
        }
        left = still;
    }
    Ok(report)
}

/// rustc and panics name files relative to the cargo workspace
/// (`00_intro/intro1.rs`); the learner's terminal is in the course root, so
/// rewrite them as `exercises/00_intro/intro1.rs`, which editors can open.
fn relocate(course: &Course, ex: &Exercise, verdict: &mut Verdict) {
    let (Ok(from), Ok(root_rel)) = (
        ex.path.strip_prefix(&course.cargo_dir),
        ex.path.strip_prefix(&course.root),
    ) else {
        return;
    };
    if from == root_rel {
        return;
    }
    let (from_text, to_text) = (from.to_string_lossy(), root_rel.to_string_lossy());
    let fix = |text: &mut String| {
        if text.contains(from_text.as_ref()) && !text.contains(to_text.as_ref()) {
            *text = text.replace(from_text.as_ref(), &to_text);
        }
    };
    let fix_diagnostics = |diagnostics: &mut Vec<Diagnostic>| {
        for d in diagnostics {
            fix(&mut d.rendered);
            if let Some(location) = &mut d.location {
                location.relocate(from, root_rel);
            }
        }
    };
    let fix_output = |output: &mut ProcessOutput| {
        fix(&mut output.stdout.text);
        fix(&mut output.stderr.text);
    };
    match verdict {
        Verdict::Pass { output, warnings } => {
            fix_output(output);
            fix_diagnostics(warnings);
        }
        Verdict::CompileError { diagnostics, .. } => fix_diagnostics(diagnostics),
        Verdict::TestFailed { failures, output } => {
            for f in failures {
                fix(&mut f.message);
                fix(&mut f.output);
            }
            fix_output(output);
        }
        Verdict::Clippy { lints } => fix_diagnostics(lints),
        Verdict::RunFailed { output } | Verdict::TimedOut { output, .. } => fix_output(output),
        Verdict::Missing { .. } => {}
    }
}

/// A compile-error verdict if `phase` did not produce the exercise's binary.
fn compile_failure(report: &PhaseReport, ex: &Exercise, phase: Phase) -> Option<Verdict> {
    let target = report.targets.get(&ex.name).cloned().unwrap_or_default();
    if !target.has_compiler_errors() && target.executable.is_some() {
        return None;
    }
    // Clippy's lints are judged later, in their place in the order.
    let mut diagnostics: Vec<Diagnostic> = target
        .diagnostics
        .into_iter()
        .filter(|d| !d.is_clippy())
        .collect();
    // Errors first (stable sort keeps rustc's order within each level).
    diagnostics.sort_by_key(|d| d.severity);
    if !diagnostics.iter().any(|d| d.severity == Severity::Error) {
        // Not our code: a dependency or cargo itself failed.
        diagnostics.splice(0..0, report.foreign_errors.iter().cloned());
    }
    cap_diagnostics(&mut diagnostics, exec::OUTPUT_CAP);
    let mut cargo_stderr = report.stderr.clone();
    if cargo_stderr.len() > exec::OUTPUT_CAP {
        let end = cargo_stderr.floor_char_boundary(exec::OUTPUT_CAP);
        let cut = cargo_stderr.len() - end;
        cargo_stderr.truncate(end);
        cargo_stderr.push_str(&format!("\n[… {cut} bytes cut]\n"));
    }
    Some(Verdict::CompileError {
        diagnostics,
        phase,
        cargo_stderr,
    })
}

/// Keeps diagnostics, in order, while their rendered text fits in `cap`
/// bytes (the first always stays), like the cap on an exercise's output: a
/// macro gone wrong can produce megabytes of errors, and the first is the
/// one to fix. A note says how many were left out.
fn cap_diagnostics(diagnostics: &mut Vec<Diagnostic>, cap: usize) {
    let mut total = 0;
    let keep = diagnostics
        .iter()
        .position(|d| {
            total += d.rendered.len();
            total > cap
        })
        .map_or(diagnostics.len(), |i| i.max(1));
    let cut = diagnostics.len() - keep;
    if cut > 0 {
        diagnostics.truncate(keep);
        let message = format!("[… {cut} more diagnostics cut: fix the first ones above]");
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            rendered: format!("{message}\n"),
            message,
            code: None,
            location: None,
        });
    }
}

/// Lints that fail the exercise: denied ones always, every warning (the
/// compiler's too) when the exercise is `strict_clippy`.
fn clippy_failure(report: &PhaseReport, ex: &Exercise) -> Option<Vec<Diagnostic>> {
    let target = report.targets.get(&ex.name)?;
    let failing: Vec<Diagnostic> = target
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error || ex.strict_clippy)
        .cloned()
        .collect();
    (!failing.is_empty()).then_some(failing)
}

/// The build's diagnostics of `ex` (its compiler and clippy warnings, now
/// from one compile), each message once per place.
fn warnings(build: &PhaseReport, ex: &Exercise) -> Vec<Diagnostic> {
    let mut all: Vec<Diagnostic> = Vec::new();
    let reported = build
        .targets
        .get(&ex.name)
        .map_or(&[][..], |t| &t.diagnostics);
    for d in reported {
        if !all
            .iter()
            .any(|a| a.message == d.message && a.location == d.location)
        {
            all.push(d.clone());
        }
    }
    all
}

/// Runs `judge` on every exercise, as many at once as there are cores.
fn run_all(exercises: &[&Exercise], judge: &(dyn Fn(&Exercise) -> Checked + Sync)) -> Vec<Checked> {
    let jobs = thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(exercises.len().max(1));
    let queue = Mutex::new(exercises.iter().copied());
    let results = Mutex::new(Vec::with_capacity(exercises.len()));
    thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| {
                loop {
                    // Held only for a `next` or a `push`: even poisoned, whole.
                    let next = queue.lock().unwrap_or_else(PoisonError::into_inner).next();
                    let Some(ex) = next else {
                        break;
                    };
                    let done = judge(ex);
                    results
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .push(done);
                }
            });
        }
    });
    results.into_inner().unwrap_or_else(PoisonError::into_inner)
}

/// Tests first, then `main`; the first failure is the verdict. `Pass` here
/// is provisional until clippy's report is in.
/// Runs one exercise's built binaries, from its chapter's folder.
struct Runner<'a> {
    ex: &'a Exercise,
    cwd: PathBuf,
    cancel: Option<&'a Cancel>,
}

impl<'a> Runner<'a> {
    fn new(course: &Course, ex: &'a Exercise, cancel: Option<&'a Cancel>) -> Runner<'a> {
        let cwd = match course.layout {
            Layout::Rustlings => course.root.clone(),
            Layout::Workspace => ex.path.parent().map_or(course.root.clone(), PathBuf::from),
        };
        Runner { ex, cwd, cancel }
    }

    fn launch(&self, exe: &PathBuf, args: &[&str]) -> ProcessOutput {
        let mut cmd = supervisor::command(exe);
        cmd.args(args)
            .current_dir(&self.cwd)
            .env("RUST_BACKTRACE", "0");
        exec::run(cmd, self.ex.timeout, self.cancel).unwrap_or_else(|e| ProcessOutput {
            termination: Termination::Exited(-1),
            stdout: Default::default(),
            stderr: exec::Captured {
                text: format!("cannot start {}: {e}", exe.display()),
                cut_bytes: 0,
            },
        })
    }

    /// The tests' verdict if they fail (or time out); `None` if they pass
    /// or the exercise has none.
    fn tests(&self, tests: &PhaseReport) -> Option<Verdict> {
        let ex = self.ex;
        let test = tests.targets.get(&ex.name)?.executable.clone()?;
        if !ex.test {
            return None;
        }
        let output = self.launch(&test, &["--color", "never"]);
        if let Some(limit) = verdict::timed_out(&output) {
            return Some(Verdict::TimedOut {
                step: TimedStep::Tests,
                limit,
                output,
            });
        }
        if output.termination.success() {
            return None;
        }
        let mut failures = verdict::parse_test_failures(&output.stdout);
        // Tests finish in any order; show them in the file's order, which
        // is the order the author meant them to be met in.
        if let Ok(source) = std::fs::read_to_string(&ex.path) {
            failures.sort_by_key(|f| verdict::position_in_source(&source, &f.name));
        }
        Some(Verdict::TestFailed { failures, output })
    }

    /// Runs `main`: a pass (without warnings: the caller adds them), a
    /// failure or a timeout.
    fn main(&self, build: &PhaseReport) -> Verdict {
        let Some(main) = build
            .targets
            .get(&self.ex.name)
            .and_then(|t| t.executable.clone())
        else {
            // Cannot happen: exercises without a binary are compile errors.
            return Verdict::CompileError {
                diagnostics: Vec::new(),
                phase: Phase::Build,
                cargo_stderr: "error: cargo reported no binary for this exercise".to_owned(),
            };
        };
        let output = self.launch(&main, &[]);
        if let Some(limit) = verdict::timed_out(&output) {
            return Verdict::TimedOut {
                step: TimedStep::Run,
                limit,
                output,
            };
        }
        if !output.termination.success() {
            return Verdict::RunFailed { output };
        }
        Verdict::Pass {
            output,
            warnings: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests;
