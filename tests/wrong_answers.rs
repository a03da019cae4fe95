//! Plausible wrong answers to the course's exercises must not pass.
//!
//! Each file `tests/wrong_answers/<exercise>.rs` (or `<exercise>.<variant>.rs`)
//! is a complete exercise file: the shortcut a learner would try instead of
//! the lesson (a nested `if let` instead of a let chain, an iterator chain
//! instead of a generator). This test copies the repository's course into a
//! temp dir, writes each wrong answer over its exercise, and checks that the
//! real binary's `run` says "not done" (exit 1). As a control, it also checks
//! that the exercise's reference solution is done (exit 0) in the same copy,
//! so a failure here means the wrong answer, not the machine.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{BIN, Run, copy_dir};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The repository's course (info.toml, exercises/ without target/, solutions/)
/// copied into a fresh temp dir.
fn course_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::copy(repo().join("info.toml"), dir.path().join("info.toml")).expect("copy info.toml");
    copy_dir(&repo().join("exercises"), &dir.path().join("exercises"));
    copy_dir(&repo().join("solutions"), &dir.path().join("solutions"));
    dir
}

/// `exercises/<dir>/<name>.rs` relative to a course root.
fn exercise_file(course: &Path, name: &str) -> PathBuf {
    let file = format!("{name}.rs");
    fs::read_dir(course.join("exercises"))
        .expect("read exercises/")
        .map(|entry| entry.expect("dir entry").path().join(&file))
        .find(|path| path.is_file())
        .unwrap_or_else(|| panic!("no exercise file {file} in exercises/*/"))
}

fn run(course: &Path, name: &str) -> Run {
    let out = Command::new(BIN)
        .args(["run", name, "--course"])
        .arg(course)
        .args(["--color", "never"])
        .env("NO_COLOR", "1")
        .env_remove("RUSTDRILL_COURSE")
        .env_remove("CARGO_TARGET_DIR")
        .output()
        .expect("rustdrill starts");
    Run::from(out)
}

#[test]
fn wrong_answers_are_not_done() {
    let mut answers: Vec<PathBuf> = fs::read_dir(repo().join("tests/wrong_answers"))
        .expect("read tests/wrong_answers")
        .map(|entry| entry.expect("dir entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .collect();
    answers.sort();
    assert!(!answers.is_empty(), "no wrong answers to check");

    let course = course_copy();
    let mut failures = Vec::new();
    let mut controlled = Vec::new();
    for answer in &answers {
        let file_name = answer.file_name().unwrap().to_string_lossy().into_owned();
        let name = file_name.split('.').next().unwrap().to_string();
        let target = exercise_file(course.path(), &name);

        if !controlled.contains(&name) {
            let solution = course
                .path()
                .join("solutions")
                .join(target.parent().unwrap().file_name().unwrap())
                .join(format!("{name}.rs"));
            fs::copy(&solution, &target).expect("write the solution");
            let verdict = run(course.path(), &name);
            assert_eq!(
                verdict.code,
                0,
                "control: the solution of {name} should be done\n{}",
                verdict.all()
            );
            controlled.push(name.clone());
        }

        fs::copy(answer, &target).expect("write the wrong answer");
        let verdict = run(course.path(), &name);
        if verdict.code != 1 {
            failures.push(format!(
                "{name}: the wrong answer tests/wrong_answers/{file_name} was not rejected \
                 (exit {}, expected 1 \"not done\")\n{}",
                verdict.code,
                verdict.all()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
