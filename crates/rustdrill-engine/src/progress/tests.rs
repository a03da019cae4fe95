//! The progress module's rules as specifications, on a copy of the `basic`
//! fixture course (exercises in order: passes, compile_error, test_fails,
//! clippy_strict, run_fails, …). Two `Progress` values on one course stand
//! for two rustdrill processes.

use std::path::Path;

use super::*;
use crate::exec::{Captured, ProcessOutput, Termination};

/// The fixture courses are the integration tests', at the repository root.
fn course() -> (tempfile::TempDir, Course) {
    let dir = tempfile::tempdir().expect("temp dir");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/basic");
    copy(&fixture, dir.path());
    let course = Course::load(dir.path(), false).expect("the fixture loads");
    (dir, course)
}

fn copy(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap().flatten() {
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &dest);
        } else {
            fs::copy(entry.path(), dest).unwrap();
        }
    }
}

fn output(code: i32) -> ProcessOutput {
    ProcessOutput {
        termination: Termination::Exited(code),
        stdout: Captured::default(),
        stderr: Captured::default(),
    }
}

fn pass() -> Verdict {
    Verdict::Pass {
        output: output(0),
        warnings: Vec::new(),
    }
}

fn fail() -> Verdict {
    Verdict::RunFailed { output: output(3) }
}

fn check(
    p: &mut Progress,
    course: &Course,
    name: &str,
    verdict: &Verdict,
    advance: Advance,
) -> Option<AfterPass> {
    let ex = course.exercise(name).unwrap();
    let record = CheckRecord {
        exercise: ex,
        verdict,
        key: Some(format!("key-of-{name}")),
    };
    let saved = p.record(course, &[record], advance);
    assert!(saved.unsaved.is_none(), "{:?}", saved.unsaved);
    saved.value.into_iter().next().unwrap()
}

#[test]
fn a_pass_of_the_current_exercise_marks_it_done_and_moves_on() {
    let (_dir, course) = course();
    let mut p = Progress::load(&course).unwrap();
    assert_eq!(p.current(&course).name, "passes");
    let after = check(&mut p, &course, "passes", &pass(), Advance::OnPass).expect("a pass");
    assert!(p.is_done("passes"));
    assert_eq!(p.state().exercises["passes"].checks, 1);
    assert!(p.state().exercises["passes"].solved_at.is_some());
    assert_eq!(p.current(&course).name, "compile_error");
    assert_eq!(
        after.next.as_ref().map(|(n, _)| n.as_str()),
        Some("compile_error")
    );
    assert!(after.solution.is_some(), "the fixture ships solutions");
    assert_eq!(
        after.lines(Medium::Command)[1],
        "Next exercise: compile_error (exercises/01_basics/compile_error.rs)"
    );
    assert_eq!(
        after.lines(Medium::Watch)[1],
        "Press n for the next exercise: compile_error."
    );
}

#[test]
fn watch_stays_on_a_solved_exercise_until_asked() {
    let (_dir, course) = course();
    let mut p = Progress::load(&course).unwrap();
    // Watch shows an exercise, so it is the current one by name.
    let shown = course.exercise("passes").unwrap();
    p.go_to(&course, shown).into_result().unwrap();
    check(&mut p, &course, "passes", &pass(), Advance::Never).expect("a pass");
    assert!(p.is_done("passes"));
    assert_eq!(p.current(&course).name, "passes");
}

#[test]
fn done_means_passed_at_the_last_check() {
    let (_dir, course) = course();
    let mut p = Progress::load(&course).unwrap();
    check(&mut p, &course, "passes", &pass(), Advance::Never);
    let solved_at = p.state().exercises["passes"].solved_at;
    assert!(check(&mut p, &course, "passes", &fail(), Advance::Never).is_none());
    let entry = &p.state().exercises["passes"];
    assert!(!entry.done, "a failure after a pass undoes done");
    assert_eq!(entry.checks, 2);
    assert_eq!(entry.solved_at, solved_at, "when it was first solved stays");
    assert_eq!(
        entry.cache.as_ref().map(|c| c.kind),
        Some(VerdictKind::RunFailed),
        "the cache holds the latest verdict"
    );
}

#[test]
fn passing_another_exercise_leaves_the_current_one() {
    let (_dir, course) = course();
    let mut p = Progress::load(&course).unwrap();
    check(&mut p, &course, "test_fails", &pass(), Advance::OnPass).expect("a pass");
    assert_eq!(p.current(&course).name, "passes");
}

#[test]
fn hints_come_one_at_a_time_then_are_exhausted() {
    let (_dir, course) = course();
    let mut p = Progress::load(&course).unwrap();
    let ex = course.exercise("compile_error").unwrap();
    assert_eq!(ex.hints.len(), 3);
    let steps: Vec<HintStep> = (0..4)
        .map(|_| p.reveal_hint(&course, ex, false).into_result().unwrap())
        .collect();
    let shown: Vec<(usize, usize)> = steps.iter().map(|s| (s.before, s.shown)).collect();
    assert_eq!(shown, [(0, 1), (1, 2), (2, 3), (3, 3)]);
    assert!(!steps[2].exhausted() && steps[3].exhausted());
    let other = course.exercise("passes").unwrap();
    let all = p.reveal_hint(&course, other, true).into_result().unwrap();
    assert_eq!((all.before, all.shown, all.total), (0, 1, 1));
}

#[test]
fn reset_keeps_a_backup_restores_the_original_and_starts_over() {
    let (_dir, course) = course();
    let mut p = Progress::load(&course).unwrap();
    let ex = course.exercise("compile_error").unwrap();
    let original = fs::read_to_string(&ex.path).unwrap();
    p.reveal_hint(&course, ex, true).into_result().unwrap();
    check(&mut p, &course, "compile_error", &pass(), Advance::Never);
    fs::write(&ex.path, "// my attempt\n").unwrap();

    let backup = p.reset(&course, ex).unwrap().into_result().unwrap();
    let backup = backup.expect("the learner's file was backed up");
    assert_eq!(fs::read_to_string(&backup).unwrap(), "// my attempt\n");
    assert!(backup.starts_with(course.state_dir().join("backup")));
    assert_eq!(fs::read_to_string(&ex.path).unwrap(), original);
    let entry = &p.state().exercises["compile_error"];
    assert!(!entry.done && entry.hints_shown == 0 && entry.cache.is_none());
}

#[test]
fn the_welcome_is_shown_once() {
    let (_dir, course) = course();
    let mut p = Progress::load(&course).unwrap();
    let first = p.welcome(&course).into_result().unwrap();
    assert_eq!(first.as_deref(), Some("Welcome to the fixture course."));
    assert_eq!(p.welcome(&course).into_result().unwrap(), None);
    let mut again = Progress::load(&course).unwrap();
    assert_eq!(
        again.welcome(&course).into_result().unwrap(),
        None,
        "not in another process either"
    );
}

#[test]
fn two_processes_keep_each_others_changes() {
    // Watch (a) and `rustdrill run` (b) each hold a copy read at start.
    let (_dir, course) = course();
    let mut a = Progress::load(&course).unwrap();
    let mut b = Progress::load(&course).unwrap();
    check(&mut a, &course, "passes", &pass(), Advance::OnPass);
    let hint_ex = course.exercise("test_fails").unwrap();
    b.reveal_hint(&course, hint_ex, false)
        .into_result()
        .unwrap();
    check(&mut b, &course, "run_fails", &fail(), Advance::OnPass);
    let go = course.exercise("clippy_strict").unwrap();
    a.go_to(&course, go).into_result().unwrap();

    let on_disk = Progress::load(&course).unwrap();
    assert!(on_disk.is_done("passes"), "a's pass survived b's writes");
    assert_eq!(on_disk.state().exercises["test_fails"].hints_shown, 1);
    assert_eq!(on_disk.state().exercises["run_fails"].checks, 1);
    assert_eq!(on_disk.current(&course).name, "clippy_strict");
    assert!(b.reload().unwrap(), "b sees what a wrote");
    assert_eq!(b.current(&course).name, "clippy_strict");
}

#[test]
fn last_solved_is_the_latest_pass() {
    let (_dir, course) = course();
    let mut p = Progress::load(&course).unwrap();
    assert!(p.last_solved(&course).is_none());
    check(&mut p, &course, "passes", &pass(), Advance::Never);
    assert_eq!(
        p.last_solved(&course).map(|e| e.name.as_str()),
        Some("passes")
    );
}
