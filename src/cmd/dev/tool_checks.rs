//! Checks `dev check` asks a tool for, without building: cargo whether the
//! course's `Cargo.lock` is committed and current, rustfmt whether every
//! solution is formatted.

use std::io;
use std::path::{Path, PathBuf};

use super::problem::{Problem, indent};
use rustdrill_engine::course::{self, ExerciseInfo};
use rustdrill_engine::supervisor;

/// The course builds the same everywhere only if its `Cargo.lock` is
/// committed and matches the manifests. This asks cargo to resolve, which
/// the `--no-deps` listing of targets does not.
pub fn lock_file(root: &Path) -> Option<Problem> {
    // No workspace at all is reported by the course loading.
    let (_, cargo_dir) = course::cargo_workspace(root)?;
    let lock = cargo_dir.join("Cargo.lock");
    let rel = lock.strip_prefix(root).unwrap_or(&lock).to_path_buf();
    if !lock.is_file() {
        return Some(Problem::new(
            &rel,
            None,
            "missing: run `cargo generate-lockfile` there and commit it, so the course \
             builds with the same versions everywhere",
        ));
    }
    let out = supervisor::output(
        supervisor::command("cargo")
            .args(["metadata", "--locked", "--format-version", "1"])
            .current_dir(&cargo_dir),
    );
    // Other failures (no network, a broken manifest) show up in the builds.
    match out {
        Ok(out)
            if !out.status.success()
                && String::from_utf8_lossy(&out.stderr).contains("--locked") =>
        {
            Some(Problem::new(
                &rel,
                None,
                "out of date with the manifests: run `cargo update --workspace` there and \
                 commit it",
            ))
        }
        _ => None,
    }
}

/// `rustfmt --check` on every solution, in one invocation.
pub fn rustfmt_solutions(root: &Path, exercises: &[ExerciseInfo]) -> Vec<Problem> {
    let solutions: Vec<PathBuf> = exercises
        .iter()
        .map(|e| root.join(e.solution_path()))
        .filter(|p| p.is_file())
        .collect();
    if solutions.is_empty() {
        return Vec::new();
    }
    let out = supervisor::output(
        supervisor::command("rustfmt")
            .args(["--check", "--edition", "2024", "-l"])
            .args(&solutions)
            .current_dir(root),
    );
    let out = match out {
        Ok(out) => out,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return vec![Problem::of_course(
                "rustfmt was not found: install it with `rustup component add rustfmt`",
            )];
        }
        Err(e) => return vec![Problem::of_course(format!("cannot run rustfmt: {e}"))],
    };
    if out.status.success() {
        return Vec::new();
    }
    let listed = String::from_utf8_lossy(&out.stdout);
    let mut problems = Vec::new();
    for line in listed.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let path = Path::new(line);
        let rel = path.strip_prefix(root).unwrap_or(path);
        let exercise = exercises
            .iter()
            .find(|e| e.solution_path() == rel)
            .map(|e| e.name.as_str());
        problems.push(Problem::new(
            rel,
            exercise,
            format!(
                "the solution is not rustfmt-formatted: run `rustfmt --edition 2024 {}`",
                rel.display()
            ),
        ));
    }
    if problems.is_empty() {
        // rustfmt failed without naming a file: a syntax error, say.
        problems.push(Problem::new(
            "solutions",
            None,
            format!(
                "rustfmt --check failed:\n{}",
                indent(String::from_utf8_lossy(&out.stderr).trim())
            ),
        ));
    }
    problems
}
