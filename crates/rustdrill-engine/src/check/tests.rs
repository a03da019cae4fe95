//! The check pipeline's decisions, without cargo: which verdict wins given
//! what the build, the tests, clippy and `main` produced, what a missing
//! file gets, and the order verdicts come back in.

use std::path::PathBuf;

use super::*;
use crate::cargo::TargetReport;
use crate::exec::{Captured, Termination};
use crate::location::Location;
use crate::testing::{course, exercise};
use crate::verdict::VerdictKind;

fn diagnostic(severity: Severity, code: Option<&str>, text: &str) -> Diagnostic {
    Diagnostic {
        severity,
        message: text.to_owned(),
        code: code.map(str::to_owned),
        rendered: text.to_owned(),
        location: None,
    }
}

fn error(text: &str) -> Diagnostic {
    diagnostic(Severity::Error, None, text)
}

fn warning(text: &str) -> Diagnostic {
    diagnostic(Severity::Warning, None, text)
}

fn lint(severity: Severity, text: &str) -> Diagnostic {
    diagnostic(severity, Some("clippy::needless_return"), text)
}

fn output(code: i32) -> ProcessOutput {
    ProcessOutput {
        termination: Termination::Exited(code),
        stdout: Captured::default(),
        stderr: Captured::default(),
    }
}

fn passed() -> Verdict {
    Verdict::Pass {
        output: output(0),
        warnings: Vec::new(),
    }
}

/// A phase's report holding `target` for the exercise of `exercise()`.
fn report(target: TargetReport) -> PhaseReport {
    PhaseReport {
        targets: HashMap::from([(exercise().name, target)]),
        ..PhaseReport::default()
    }
}

fn built(diagnostics: Vec<Diagnostic>) -> TargetReport {
    TargetReport {
        diagnostics,
        executable: Some(PathBuf::from("/t/intro2")),
        compiled: true,
    }
}

fn messages(diagnostics: &[Diagnostic]) -> Vec<&str> {
    diagnostics.iter().map(|d| d.message.as_str()).collect()
}

#[test]
fn failing_tests_are_the_verdict_and_nothing_after_them_runs() {
    let verdict = in_course_order(
        || {
            Some(Verdict::TestFailed {
                failures: Vec::new(),
                output: output(101),
            })
        },
        || panic!("clippy is not asked"),
        || panic!("main does not run"),
        || panic!("no warnings for a failure"),
    );
    assert_eq!(verdict.kind(), VerdictKind::TestFailed);
}

#[test]
fn a_failing_lint_comes_before_main_which_does_not_run() {
    let verdict = in_course_order(
        || None,
        || Some(vec![lint(Severity::Error, "unneeded `return`")]),
        || panic!("main does not run"),
        || panic!("no warnings for a failure"),
    );
    let Verdict::Clippy { lints } = verdict else {
        panic!("{verdict:?}");
    };
    assert_eq!(messages(&lints), ["unneeded `return`"]);
}

#[test]
fn main_is_judged_last_and_a_pass_carries_the_warnings() {
    let verdict = in_course_order(|| None, || None, passed, || vec![warning("unused")]);
    let Verdict::Pass { warnings, .. } = verdict else {
        panic!("{verdict:?}");
    };
    assert_eq!(messages(&warnings), ["unused"]);
}

#[test]
fn a_failing_main_is_the_verdict_without_warnings() {
    let verdict = in_course_order(
        || None,
        || None,
        || Verdict::RunFailed { output: output(1) },
        || panic!("no warnings for a failure"),
    );
    assert_eq!(verdict.kind(), VerdictKind::RunFailed);
}

#[test]
fn a_binary_with_only_lints_and_warnings_is_no_compile_failure() {
    let target = built(vec![warning("unused"), lint(Severity::Error, "denied")]);
    assert!(compile_failure(&report(target), &exercise(), Phase::Build).is_none());
}

#[test]
fn compile_errors_come_first_and_clippy_lints_wait_for_their_turn() {
    let target = TargetReport {
        diagnostics: vec![
            warning("unused"),
            lint(Severity::Error, "denied"),
            error("mismatched types"),
        ],
        ..TargetReport::default()
    };
    let verdict = compile_failure(&report(target), &exercise(), Phase::TestBuild);
    let Some(Verdict::CompileError {
        diagnostics, phase, ..
    }) = verdict
    else {
        panic!("{verdict:?}");
    };
    assert_eq!(messages(&diagnostics), ["mismatched types", "unused"]);
    assert_eq!(phase, Phase::TestBuild);
}

#[test]
fn without_an_error_of_its_own_an_exercise_shows_why_cargo_failed() {
    let mut phase = PhaseReport {
        foreign_errors: vec![error("could not compile `rand`")],
        stderr: "error: failed to download `rand`\n".to_owned(),
        ..PhaseReport::default()
    };
    // Cargo never reached the exercise: no target at all.
    let verdict = compile_failure(&phase, &exercise(), Phase::Build);
    let Some(Verdict::CompileError {
        diagnostics,
        cargo_stderr,
        ..
    }) = verdict
    else {
        panic!("{verdict:?}");
    };
    assert_eq!(messages(&diagnostics), ["could not compile `rand`"]);
    assert_eq!(cargo_stderr, "error: failed to download `rand`\n");
    // With an error of its own, the others' errors are left out.
    phase.targets = report(TargetReport {
        diagnostics: vec![error("mismatched types")],
        ..TargetReport::default()
    })
    .targets;
    let verdict = compile_failure(&phase, &exercise(), Phase::Build);
    let Some(Verdict::CompileError { diagnostics, .. }) = verdict else {
        panic!("{verdict:?}");
    };
    assert_eq!(messages(&diagnostics), ["mismatched types"]);
}

#[test]
fn denied_lints_always_fail_warnings_only_when_strict() {
    let warnings = report(built(vec![
        lint(Severity::Warning, "style"),
        warning("unused"),
    ]));
    let mut ex = exercise();
    assert_eq!(clippy_failure(&warnings, &ex), None);
    ex.strict_clippy = true;
    let failing = clippy_failure(&warnings, &ex).expect("strict");
    assert_eq!(messages(&failing), ["style", "unused"]);

    ex.strict_clippy = false;
    let denied = report(built(vec![
        lint(Severity::Error, "denied"),
        warning("unused"),
    ]));
    let failing = clippy_failure(&denied, &ex).expect("denied");
    assert_eq!(messages(&failing), ["denied"]);
}

#[test]
fn a_warning_reported_twice_at_one_place_is_shown_once() {
    let at = |line| {
        let mut d = warning("unused variable: `x`");
        d.location = Some(Location {
            file: PathBuf::from("00_intro/intro2.rs"),
            line,
            column: 9,
        });
        d
    };
    let build = report(built(vec![at(3), at(3), at(7)]));
    let shown = warnings(&build, &exercise());
    assert_eq!(shown.len(), 2, "{shown:?}");
}

#[test]
fn a_missing_file_is_judged_without_cargo() {
    let dir = tempfile::tempdir().unwrap();
    let course = course();
    let mut ex = exercise();
    ex.path = dir.path().join("intro2.rs");
    let heard = Mutex::new(Vec::new());
    let checked = check(&course, &[&ex], &|p| {
        if let CheckEvent::Checked { name, passed } = p {
            heard.lock().unwrap().push((name, passed));
        }
    })
    .unwrap();
    assert_eq!(checked.len(), 1);
    assert!(matches!(
        checked[0].verdict,
        Verdict::Missing {
            problem: FileProblem::NotFound
        }
    ));
    assert_eq!(checked[0].id, ex.id());
    assert_eq!(heard.into_inner().unwrap(), [("intro2".to_owned(), false)]);
}

#[test]
fn verdicts_come_in_the_order_of_the_selection() {
    let named = |index, name: &str| {
        let mut ex = exercise();
        ex.index = index;
        ex.name = name.to_owned();
        ex
    };
    let (a, b, c) = (named(0, "a"), named(1, "b"), named(2, "c"));
    let judged = |ex: &Exercise| Checked {
        id: ex.id(),
        name: ex.name.clone(),
        verdict: passed(),
        duration: Duration::ZERO,
        cacheable: false,
    };
    // Missing files are judged apart and come in last.
    let mut checked = vec![judged(&a), judged(&b), judged(&c)];
    in_selection_order(&[&c, &a, &b], &mut checked);
    let names: Vec<&str> = checked.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["c", "a", "b"]);
}

#[test]
fn messages_name_files_from_the_course_root() {
    let course = course();
    let ex = exercise();
    let mut d = error("mismatched types");
    d.rendered = "error: mismatched types\n --> 00_intro/intro2.rs:3:5\n".to_owned();
    d.location = Some(Location {
        file: PathBuf::from("00_intro/intro2.rs"),
        line: 3,
        column: 5,
    });
    let mut verdict = Verdict::CompileError {
        diagnostics: vec![d],
        phase: Phase::Build,
        cargo_stderr: String::new(),
    };
    relocate(&course, &ex, &mut verdict);
    let Verdict::CompileError { diagnostics, .. } = verdict else {
        unreachable!()
    };
    assert_eq!(
        diagnostics[0].rendered,
        "error: mismatched types\n --> exercises/00_intro/intro2.rs:3:5\n"
    );
    let at = diagnostics[0].location.as_ref().expect("kept");
    assert_eq!(at.to_string(), "exercises/00_intro/intro2.rs:3:5");
}

#[test]
fn compiler_output_is_capped_like_exercise_output() {
    let mut many: Vec<Diagnostic> = (0..100).map(|_| error(&"x".repeat(100))).collect();
    cap_diagnostics(&mut many, 1_000);
    assert_eq!(many.len(), 11, "ten fit, then the note");
    assert!(many[10].message.contains("90 more diagnostics cut"));
    // The first error always stays, however long.
    let mut one_huge = vec![error(&"y".repeat(5_000)), error("second")];
    cap_diagnostics(&mut one_huge, 1_000);
    assert_eq!(one_huge[0].rendered.len(), 5_000);
    assert!(one_huge[1].message.contains("1 more diagnostics cut"));
    let mut few = vec![error("a"), error("b")];
    cap_diagnostics(&mut few, 1_000);
    assert_eq!(few.len(), 2);
}
