//! Cargo invocations and their JSON messages. One invocation builds a whole
//! selection of exercises for one phase; every message is attributed to the
//! exercise whose bin target it belongs to.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::thread;
use std::time::SystemTime;

use anyhow::{Context, Result};
use cargo_metadata::{Message, TargetKind};

use crate::course::Course;
use crate::diagnostic::{Diagnostic, Severity};
use crate::freshness::Tracker;
use crate::supervisor::{self, Cancel};
use crate::toolchain;
use crate::wrapper;

/// One cargo pass over a selection of exercises.
///
/// Clippy is not a pass of its own: its driver is a full rustc, so the
/// build compiles the course's code with it and one compile gives both the
/// binaries and the lints. rustdrill itself is cargo's
/// `RUSTC_WORKSPACE_WRAPPER` in the build and the test build alike (see
/// `wrapper`): it applies to workspace members only, so
/// dependencies are built once, by plain rustc, and shared, and the two
/// phases never invalidate each other's units or cargo's rustc cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    /// `cargo build`, the course's code through clippy's driver: the
    /// binaries whose `main` runs, and clippy's lints.
    Build,
    /// `cargo build` with plain rustc, for exercises whose only errors are
    /// lints the course denies: their tests must still be judged first.
    BuildWithoutLints,
    /// `cargo test --no-run`: the test harness binaries (plain rustc).
    TestBuild,
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Phase::Build => "build and clippy",
            Phase::BuildWithoutLints => "build without lints",
            Phase::TestBuild => "test build",
        })
    }
}

/// What one phase produced for one exercise.
#[derive(Debug, Clone, Default)]
pub struct TargetReport {
    pub diagnostics: Vec<Diagnostic>,
    /// The built executable (the test harness in `TestBuild`).
    pub executable: Option<PathBuf>,
    /// Cargo reported the target as compiled (checked, for clippy).
    pub compiled: bool,
}

impl TargetReport {
    /// Errors of the compiler's own (clippy's denied lints aside).
    pub fn has_compiler_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error && !d.is_clippy())
    }

    /// No binary, and every error is a lint clippy denies.
    pub fn blocked_only_by_lints(&self) -> bool {
        self.executable.is_none()
            && !self.has_compiler_errors()
            && self
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error)
    }
}

/// The outcome of one cargo invocation.
#[derive(Debug, Clone, Default)]
pub struct PhaseReport {
    pub targets: HashMap<String, TargetReport>,
    pub success: bool,
    /// Errors in crates that are not exercises (a dependency, a build
    /// script): they explain why exercises did not build.
    pub foreign_errors: Vec<Diagnostic>,
    /// What cargo itself printed on stderr (resolution, network, lock errors).
    pub stderr: String,
    /// Exercises for which rustc wrote dep-info during this invocation: a
    /// compile that failed got past parsing and macro expansion, so every
    /// file it read is known (see `freshness`).
    pub depinfo_written: HashSet<String>,
    /// The files this invocation read were recorded (see `freshness`); if
    /// not, no verdict that depends on it may be cached.
    pub inputs_recorded: bool,
}

/// Attributes cargo's JSON messages to exercises, one message at a time, so
/// the parsing is testable line by line without running cargo.
pub struct MessageCollector {
    phase: Phase,
    bins: HashSet<String>,
    report: PhaseReport,
}

impl MessageCollector {
    pub fn new<'a>(phase: Phase, bins: impl IntoIterator<Item = &'a str>) -> Self {
        MessageCollector {
            phase,
            bins: bins.into_iter().map(str::to_owned).collect(),
            report: PhaseReport::default(),
        }
    }

    pub fn process_message(&mut self, message: Message) {
        match message {
            Message::CompilerMessage(msg) => {
                let Some(diagnostic) = Diagnostic::from_rustc(&msg.message) else {
                    return;
                };
                let is_ours = msg.target.kind.contains(&TargetKind::Bin)
                    && self.bins.contains(&msg.target.name);
                if is_ours {
                    let entry = self
                        .report
                        .targets
                        .entry(msg.target.name.clone())
                        .or_default();
                    // The test build repeats the build's warnings: keep one.
                    if !entry.diagnostics.contains(&diagnostic) {
                        entry.diagnostics.push(diagnostic);
                    }
                } else if diagnostic.severity == Severity::Error {
                    self.report.foreign_errors.push(diagnostic);
                }
            }
            // The test build's harness has `profile.test`; the build's main has not.
            Message::CompilerArtifact(artifact)
                if artifact.target.kind.contains(&TargetKind::Bin)
                    && self.bins.contains(&artifact.target.name)
                    && artifact.profile.test == (self.phase == Phase::TestBuild) =>
            {
                let entry = self
                    .report
                    .targets
                    .entry(artifact.target.name.clone())
                    .or_default();
                entry.compiled = true;
                entry.executable = artifact.executable.map(|p| p.into_std_path_buf());
            }
            Message::BuildFinished(finished) => self.report.success = finished.success,
            _ => {}
        }
    }

    pub fn finish(self) -> PhaseReport {
        self.report
    }
}

/// Everything needed to run cargo for a course.
#[derive(Debug, Clone)]
pub struct Cargo {
    /// Where cargo runs (the course's cargo workspace).
    pub dir: PathBuf,
    /// The course's own target directory.
    pub target_dir: PathBuf,
    /// Run at a lower CPU priority (background builds).
    low_priority: bool,
    /// Ends the cargo that runs, and refuses to start another, once the
    /// check is cancelled.
    cancel: Option<Arc<Cancel>>,
    /// The course root: what the build reads inside it is recorded.
    root: PathBuf,
    /// Each exercise's package library crate (its support file), whose
    /// inputs are the exercise's inputs too.
    libs: HashMap<String, String>,
}

impl Cargo {
    pub fn for_course(course: &Course) -> Cargo {
        Cargo {
            dir: course.cargo_dir.clone(),
            target_dir: course.target_dir.clone(),
            low_priority: false,
            cancel: None,
            root: course.root.clone(),
            libs: course
                .exercises
                .iter()
                .map(|e| (e.name.clone(), e.package.replace('-', "_")))
                .collect(),
        }
    }

    /// The same cargo, stopped by `cancel`.
    pub fn cancelled_by(mut self, cancel: Arc<Cancel>) -> Cargo {
        self.cancel = Some(cancel);
        self
    }

    /// The same cargo at a lower CPU priority, for work nobody waits on.
    pub fn in_background(mut self) -> Cargo {
        self.low_priority = true;
        self
    }

    /// Runs one phase over `bins`, calling `on_message` for every message
    /// (progress reporting), and attributes the results.
    pub fn run_phase(
        &self,
        phase: Phase,
        bins: &[&str],
        on_message: &mut dyn FnMut(&Message),
    ) -> Result<PhaseReport> {
        self.run_phase_cancellable(phase, bins, on_message, self.cancel.as_deref())
    }

    /// `run_phase` that another thread can stop with `cancel` once its
    /// result is no longer needed (its report then says it failed).
    pub fn run_phase_cancellable(
        &self,
        phase: Phase,
        bins: &[&str],
        on_message: &mut dyn FnMut(&Message),
        cancel: Option<&Cancel>,
    ) -> Result<PhaseReport> {
        let mut cmd = supervisor::command("cargo");
        match phase {
            Phase::Build | Phase::BuildWithoutLints => cmd.args(["build", "--keep-going"]),
            Phase::TestBuild => cmd.args(["test", "--no-run", "--no-fail-fast"]),
        };
        // Explicit, so `dev check` can build a copy of the course in the
        // original's target dir (dependencies built once).
        cmd.arg("--target-dir").arg(&self.target_dir);
        // One wrapper for the build and the test build (see `wrapper`);
        // none for a rebuild without lints, so its units never pass for
        // linted ones in the next build.
        cmd.env_remove("RUSTC_WORKSPACE_WRAPPER")
            .env_remove(wrapper::ENV);
        if phase != Phase::BuildWithoutLints {
            cmd.env("RUSTC_WORKSPACE_WRAPPER", wrapper::path()?)
                .env(wrapper::ENV, "1");
        }
        cmd.arg("--message-format=json-diagnostic-rendered-ansi");
        for bin in bins {
            cmd.args(["--bin", bin]);
        }
        cmd.current_dir(&self.dir);
        // Cargo judges freshness by file times: first make it see every
        // input whose content changed since the last build (`freshness`).
        let tracker = Tracker::new(&self.root, &self.dir, &self.target_dir);
        tracker.before_build(bins).with_context(|| {
            format!(
                "cannot compare the course's files with what {} was built from",
                self.target_dir.display()
            )
        })?;
        let started = SystemTime::now();
        let mut report = self.run(cmd, phase, bins, on_message, cancel)?;
        let profile_dir = report
            .targets
            .values()
            .filter_map(|t| t.executable.as_deref())
            .find_map(profile_dir)
            .unwrap_or_else(|| self.target_dir.join("debug"));
        let with_libs: Vec<(&str, Option<&str>)> = bins
            .iter()
            .map(|b| (*b, self.libs.get(*b).map(String::as_str)))
            .collect();
        // Not recorded (a full disk): the verdicts stand, but none is cached.
        if let Ok(built) = tracker.after_build(&with_libs, &profile_dir, started) {
            report.inputs_recorded = true;
            report.depinfo_written = built
                .into_iter()
                .filter(|(_, b)| b.depinfo_written)
                .map(|(name, _)| name)
                .collect();
        }
        Ok(report)
    }

    fn run(
        &self,
        mut cmd: Command,
        phase: Phase,
        bins: &[&str],
        on_message: &mut dyn FnMut(&Message),
        cancel: Option<&Cancel>,
    ) -> Result<PhaseReport> {
        if cancel.is_some_and(Cancel::is_cancelled) {
            anyhow::bail!(CANCELLED);
        }
        cmd.stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if self.low_priority {
            supervisor::low_priority(&mut cmd);
        }
        // Under a supervisor: rustdrill ended in any way (Ctrl-C, kill -9
        // included), or `cancel`, ends cargo and every rustc it started.
        let mut child =
            supervisor::spawn(&mut cmd, cancel).map_err(|e| toolchain::cannot_start(e, "cargo"))?;
        let mut stderr_pipe = child.take_stderr().context("cargo's stderr is not piped")?;
        // Drained on its own thread: a full stderr pipe would block cargo.
        let stderr_thread = thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = stderr_pipe.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        });
        let mut collector = MessageCollector::new(phase, bins.iter().copied());
        let stdout = BufReader::new(child.take_stdout().context("cargo's stdout is not piped")?);
        for message in Message::parse_stream(stdout) {
            let message = message.context("cannot read cargo's output")?;
            on_message(&message);
            collector.process_message(message);
        }
        let status = child.wait().context("cargo did not finish")?;
        let stderr = stderr_thread.join().unwrap_or_default();
        // rustup's proxy stands in for a driver the toolchain lacks.
        if phase == Phase::Build && !status.success() && stderr.contains("clippy-driver") {
            anyhow::bail!(toolchain::CLIPPY_MISSING);
        }
        let mut report = collector.finish();
        report.success = status.success() && report.success;
        report.stderr = stderr;
        Ok(report)
    }
}

/// Why a cancelled check gives no verdicts (nobody waits for them).
pub const CANCELLED: &str = "the check was cancelled";

/// `target/debug` from an executable cargo built in it (`target/debug/NAME`
/// or, for a test harness, `target/debug/deps/NAME-HASH`).
fn profile_dir(executable: &Path) -> Option<PathBuf> {
    let dir = executable.parent()?;
    if dir.file_name().is_some_and(|n| n == "deps") {
        dir.parent().map(Path::to_path_buf)
    } else {
        Some(dir.to_path_buf())
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn feed(phase: Phase, bins: &[&str], lines: &[&str]) -> PhaseReport {
        let mut c = MessageCollector::new(phase, bins.iter().copied());
        let text = lines.join("\n");
        for m in Message::parse_stream(text.as_bytes()) {
            c.process_message(m.unwrap());
        }
        c.finish()
    }

    fn target(name: &str) -> String {
        format!(
            r#"{{"kind":["bin"],"crate_types":["bin"],"name":"{name}","src_path":"/c/{name}.rs","edition":"2024","doc":true,"doctest":false,"test":true}}"#
        )
    }

    fn compiler_message(name: &str, level: &str, message: &str, code: Option<&str>) -> String {
        let code = code.map_or("null".to_owned(), |c| {
            format!(r#"{{"code":"{c}","explanation":null}}"#)
        });
        format!(
            r#"{{"reason":"compiler-message","package_id":"path+file:///c#0.0.0","manifest_path":"/c/Cargo.toml","target":{},"message":{{"rendered":"{level}: {message}\n","$message_type":"diagnostic","children":[],"code":{code},"level":"{level}","message":"{message}","spans":[{{"byte_end":1,"byte_start":0,"column_end":2,"column_start":5,"expansion":null,"file_name":"{name}.rs","is_primary":true,"label":null,"line_end":3,"line_start":3,"suggested_replacement":null,"suggestion_applicability":null,"text":[]}}]}}}}"#,
            target(name)
        )
    }

    fn artifact(name: &str, test: bool) -> String {
        format!(
            r#"{{"reason":"compiler-artifact","package_id":"path+file:///c#0.0.0","manifest_path":"/c/Cargo.toml","target":{},"profile":{{"opt_level":"0","debuginfo":2,"debug_assertions":true,"overflow_checks":true,"test":{test}}},"features":[],"filenames":["/t/{name}"],"executable":"/t/{name}","fresh":false}}"#,
            target(name)
        )
    }

    #[test]
    fn attributes_errors_to_their_exercise() {
        let r = feed(
            Phase::Build,
            &["a", "b"],
            &[
                &compiler_message("a", "error", "mismatched types", Some("E0308")),
                &compiler_message("a", "error", "aborting due to 1 previous error", None),
                &artifact("b", false),
                r#"{"reason":"build-finished","success":false}"#,
            ],
        );
        let a = &r.targets["a"];
        assert!(a.has_compiler_errors());
        assert!(!a.blocked_only_by_lints());
        assert_eq!(a.diagnostics.len(), 1, "summaries are dropped");
        assert_eq!(a.diagnostics[0].code.as_deref(), Some("E0308"));
        let at = a.diagnostics[0].location.as_ref().expect("a primary span");
        assert_eq!(at.to_string(), "a.rs:3:5");
        assert_eq!(
            r.targets["b"].executable.as_deref(),
            Some(Path::new("/t/b"))
        );
        assert!(!r.success);
    }

    #[test]
    fn test_build_keeps_only_test_artifacts() {
        let r = feed(Phase::TestBuild, &["a"], &[&artifact("a", false)]);
        assert!(r.targets.get("a").is_none_or(|t| t.executable.is_none()));
        let r = feed(Phase::TestBuild, &["a"], &[&artifact("a", true)]);
        assert!(r.targets["a"].compiled);
    }

    #[test]
    fn clippy_lints_arrive_with_the_build_and_are_told_apart() {
        let r = feed(
            Phase::Build,
            &["a", "b"],
            &[
                &compiler_message(
                    "a",
                    "warning",
                    "needless return",
                    Some("clippy::needless_return"),
                ),
                &compiler_message("a", "warning", "unused variable", Some("unused_variables")),
                &artifact("a", false),
                // A lint clippy denies stops b's compilation.
                &compiler_message("b", "error", "equal expressions", Some("clippy::eq_op")),
            ],
        );
        let a = &r.targets["a"];
        assert!(a.diagnostics[0].is_clippy());
        assert!(!a.diagnostics[1].is_clippy());
        assert!(!a.has_compiler_errors() && !a.blocked_only_by_lints());
        let b = &r.targets["b"];
        assert!(!b.has_compiler_errors());
        assert!(
            b.blocked_only_by_lints(),
            "judged after a build without the lints"
        );
    }

    #[test]
    fn errors_of_other_crates_are_kept_apart() {
        let r = feed(
            Phase::Build,
            &["a"],
            &[&compiler_message("dep", "error", "boom", None)],
        );
        assert!(r.targets.is_empty());
        assert_eq!(r.foreign_errors.len(), 1);
    }
}
