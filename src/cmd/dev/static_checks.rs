//! What `dev check` can judge without building: each exercise's file (a
//! `// TODO` marker, `#[test]` iff `test`), its solution, the cargo bin
//! targets against the exercises (read from the one `cargo metadata` the
//! course is assembled from), and stray files in `exercises/` and
//! `solutions/`.

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use super::problem::Problem;
use rustdrill_engine::course::{ExerciseInfo, TargetProblem, Targets, source_key};

/// Every static problem of the course at `root`. `targets` is `None` when
/// cargo could not list them (that is reported where it is asked);
/// `unbuilt` are the exercises the course could not map to a bin target.
pub fn check(
    root: &Path,
    exercises: &[ExerciseInfo],
    targets: Option<&Targets>,
    unbuilt: &[TargetProblem],
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for ex in exercises {
        exercise_files(root, ex, &mut problems);
    }
    problems.extend(unbuilt.iter().filter_map(|p| unbuilt_problem(root, p)));
    let no_sources = HashSet::new();
    let other_sources = match targets {
        Some(targets) => {
            unclaimed_bins(root, exercises, targets, &mut problems);
            &targets.other_sources
        }
        None => &no_sources,
    };
    stray_files(root, exercises, other_sources, &mut problems);
    problems
}

/// The exercise's file is there with a `// TODO` and tests iff `test`;
/// its solution is there.
fn exercise_files(root: &Path, ex: &ExerciseInfo, problems: &mut Vec<Problem>) {
    let rel = ex.relative_path();
    let name = Some(ex.name.as_str());
    match fs::read_to_string(root.join(&rel)) {
        Ok(text) => {
            if !text.contains("// TODO") {
                problems.push(Problem::new(
                    &rel,
                    name,
                    "no `// TODO` comment: mark where the learner has to work",
                ));
            }
            match (has_test(&text), ex.test) {
                (false, true) => problems.push(Problem::new(
                    &rel,
                    name,
                    "no `#[test]`, but info.toml says `test = true` (the default): \
                     add tests or set `test = false`",
                )),
                (true, false) => problems.push(Problem::new(
                    &rel,
                    name,
                    "has `#[test]`, but info.toml says `test = false`: \
                     its tests would never run; remove `test = false`",
                )),
                _ => {}
            }
        }
        Err(e) => problems.push(Problem::new(
            &rel,
            name,
            format!("cannot read the exercise file: {e}"),
        )),
    }
    if !root.join(ex.solution_path()).is_file() {
        problems.push(Problem::new(
            ex.solution_path(),
            name,
            "no solution: every exercise needs one",
        ));
    }
}

/// `#[test]`, or an async runtime's `#[tokio::test]`-style attribute.
fn has_test(text: &str) -> bool {
    text.lines()
        .map(str::trim_start)
        .any(|l| l.starts_with("#[test]") || (l.starts_with("#[") && l.contains("::test")))
}

/// An exercise without a bin target of its name, said where the author
/// fixes it. A missing file is already reported as unreadable.
fn unbuilt_problem(root: &Path, problem: &TargetProblem) -> Option<Problem> {
    match problem {
        TargetProblem::Missing {
            exercise,
            file_exists,
            ..
        } => file_exists.then(|| {
            Problem::new(
                exercise.relative_path(),
                Some(&exercise.name),
                format!(
                    "no cargo bin target builds this file: add `[[bin]] name = \"{}\"` to \
                     its chapter's Cargo.toml",
                    exercise.name
                ),
            )
        }),
        TargetProblem::OtherFile {
            exercise,
            bin,
            source,
        } => Some(Problem::new(
            bin.manifest.strip_prefix(root).unwrap_or(&bin.manifest),
            Some(&exercise.name),
            format!(
                "the bin target `{}` builds {}: its `path` must be {}",
                bin.name,
                source.display(),
                exercise.relative_path().display()
            ),
        )),
        TargetProblem::Misnamed { exercise, bin } => Some(Problem::new(
            bin.manifest.strip_prefix(root).unwrap_or(&bin.manifest),
            Some(&exercise.name),
            format!(
                "its file is built by the bin target `{}`; name the bin `{}` like the exercise",
                bin.name, exercise.name
            ),
        )),
    }
}

/// Every bin target of the course's packages builds an exercise's file.
fn unclaimed_bins(
    root: &Path,
    exercises: &[ExerciseInfo],
    targets: &Targets,
    problems: &mut Vec<Problem>,
) {
    let files: HashSet<PathBuf> = exercises
        .iter()
        .map(|e| source_key(&root.join(e.relative_path())))
        .collect();
    for (src, target) in &targets.bins {
        if files.contains(src) {
            continue;
        }
        problems.push(Problem::new(
            target
                .manifest
                .strip_prefix(root)
                .unwrap_or(&target.manifest),
            None,
            format!(
                "bin target `{}` ({}) has no exercise in info.toml: add an \
                 [[exercises]] entry or remove the target",
                target.name,
                src.strip_prefix(root).unwrap_or(src).display()
            ),
        ));
    }
}

/// Files in exercises/ and solutions/ that belong to no exercise: a
/// leftover draft or a misnamed file a learner would stumble over.
/// `other_sources` (a shared `lib.rs`) are built by cargo, so not stray.
fn stray_files(
    root: &Path,
    exercises: &[ExerciseInfo],
    other_sources: &HashSet<PathBuf>,
    problems: &mut Vec<Problem>,
) {
    let known: BTreeSet<PathBuf> = exercises
        .iter()
        .flat_map(|e| [e.relative_path(), e.solution_path()])
        .collect();
    for top in ["exercises", "solutions"] {
        let mut files = Vec::new();
        walk(&root.join(top), &mut files);
        for file in files {
            let rel = file.strip_prefix(root).unwrap_or(&file).to_path_buf();
            let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or("");
            // Data a chapter's code reads at build time (SQL migrations for
            // `sqlx::migrate!`), inside its chapter folder.
            let chapter_data = top == "exercises"
                && rel.components().count() > 2
                && rel.extension().is_some_and(|e| e == "sql");
            let expected = known.contains(&rel)
                || name == "README.md"
                || chapter_data
                || (top == "exercises" && matches!(name, "Cargo.toml" | "Cargo.lock"))
                || other_sources.contains(&source_key(&file));
            if !expected {
                problems.push(Problem::new(
                    &rel,
                    None,
                    "stray file: no exercise uses it (remove it, or add it to info.toml)",
                ));
            }
        }
    }
}

/// Files under `dir`, skipping build output and `.cargo/` configuration.
fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            if name != "target" && name != ".cargo" {
                walk(&path, files);
            }
        } else {
            files.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustdrill_engine::course::{BinTarget, Layout, info};

    const SOUND: &str =
        "// TODO: fix it\nfn main() {}\n#[cfg(test)]\nmod t {\n    #[test]\n    fn a() {}\n}\n";

    /// A course folder with `files` (course-relative path, text).
    fn course(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("a temp dir");
        for (rel, text) in files {
            let path = dir.path().join(rel);
            fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
            fs::write(path, text).expect("a file");
        }
        dir
    }

    fn root_of(dir: &tempfile::TempDir) -> PathBuf {
        dir.path().canonicalize().expect("a canonical root")
    }

    /// The `[[exercises]]` of an info.toml holding `entries`.
    fn parse_exercises(entries: &str) -> Vec<ExerciseInfo> {
        let text = format!("format_version = 1\n{entries}");
        info::parse(Path::new("info.toml"), &text, true)
            .expect("a valid info.toml")
            .exercises
    }

    /// Each exercise built by a bin target of its name, in `ch/Cargo.toml`.
    fn targets(root: &Path, exercises: &[ExerciseInfo]) -> Targets {
        let bins = exercises
            .iter()
            .map(|e| {
                let bin = BinTarget {
                    package: "ch".to_owned(),
                    name: e.name.clone(),
                    manifest: root.join("exercises/ch/Cargo.toml"),
                };
                (source_key(&root.join(e.relative_path())), bin)
            })
            .collect();
        Targets {
            bins,
            other_sources: HashSet::new(),
            target_dir: root.join("exercises/target"),
        }
    }

    fn messages(problems: &[Problem]) -> Vec<String> {
        let mut lines: Vec<String> = problems.iter().map(Problem::to_string).collect();
        lines.sort();
        lines
    }

    const ONE: &str = "[[exercises]]\nname = \"a1\"\ndir = \"ch\"\nhint = \"h\"\n";

    #[test]
    fn a_sound_exercise_has_no_problem() {
        let dir = course(&[
            ("exercises/ch/a1.rs", SOUND),
            ("exercises/ch/Cargo.toml", ""),
            ("exercises/ch/README.md", ""),
            ("exercises/ch/migrations/1.sql", ""),
            ("solutions/ch/a1.rs", ""),
        ]);
        let (root, exercises) = (root_of(&dir), parse_exercises(ONE));
        let targets = targets(&root, &exercises);
        assert_eq!(
            messages(&check(&root, &exercises, Some(&targets), &[])),
            Vec::<String>::new()
        );
    }

    #[test]
    fn file_markers_tests_and_solution() {
        let dir = course(&[("exercises/ch/a1.rs", "fn main() {}\n")]);
        let (root, exercises) = (root_of(&dir), parse_exercises(ONE));
        assert_eq!(
            messages(&check(&root, &exercises, None, &[])),
            [
                "exercises/ch/a1.rs: exercise `a1`: no `#[test]`, but info.toml says \
                 `test = true` (the default): add tests or set `test = false`",
                "exercises/ch/a1.rs: exercise `a1`: no `// TODO` comment: mark where the \
                 learner has to work",
                "solutions/ch/a1.rs: exercise `a1`: no solution: every exercise needs one",
            ]
        );

        let dir = course(&[("exercises/ch/a1.rs", SOUND), ("solutions/ch/a1.rs", "")]);
        let untested = parse_exercises(&format!("{ONE}test = false\n"));
        assert_eq!(
            messages(&check(&root_of(&dir), &untested, None, &[])),
            [
                "exercises/ch/a1.rs: exercise `a1`: has `#[test]`, but info.toml says \
              `test = false`: its tests would never run; remove `test = false`"
            ]
        );
    }

    #[test]
    fn targets_without_exercises_and_exercises_without_targets() {
        let dir = course(&[
            ("exercises/ch/a1.rs", SOUND),
            ("exercises/ch/extra.rs", "fn main() {}\n"),
            ("solutions/ch/a1.rs", ""),
        ]);
        let (root, exercises) = (root_of(&dir), parse_exercises(ONE));
        let mut targets = targets(&root, &exercises);
        targets.bins.insert(
            root.join("exercises/ch/extra.rs"),
            BinTarget {
                package: "ch".to_owned(),
                name: "extra".to_owned(),
                manifest: root.join("exercises/ch/Cargo.toml"),
            },
        );
        let missing = TargetProblem::Missing {
            exercise: exercises[0].clone(),
            file_exists: true,
            layout: Layout::Workspace,
        };
        let misnamed = TargetProblem::Misnamed {
            exercise: exercises[0].clone(),
            bin: BinTarget {
                package: "ch".to_owned(),
                name: "a_one".to_owned(),
                manifest: root.join("exercises/ch/Cargo.toml"),
            },
        };
        assert_eq!(
            messages(&check(
                &root,
                &exercises,
                Some(&targets),
                &[missing, misnamed]
            )),
            [
                "exercises/ch/Cargo.toml: bin target `extra` (exercises/ch/extra.rs) has no \
                 exercise in info.toml: add an [[exercises]] entry or remove the target",
                "exercises/ch/Cargo.toml: exercise `a1`: its file is built by the bin target \
                 `a_one`; name the bin `a1` like the exercise",
                "exercises/ch/a1.rs: exercise `a1`: no cargo bin target builds this file: add \
                 `[[bin]] name = \"a1\"` to its chapter's Cargo.toml",
                // Built by a target, but of no exercise: stray as well.
                "exercises/ch/extra.rs: stray file: no exercise uses it (remove it, or add it \
                 to info.toml)",
            ]
        );
    }

    #[test]
    fn a_missing_file_is_unreadable_not_unbuilt() {
        let dir = course(&[("solutions/ch/a1.rs", "")]);
        let (root, exercises) = (root_of(&dir), parse_exercises(ONE));
        let missing = TargetProblem::Missing {
            exercise: exercises[0].clone(),
            file_exists: false,
            layout: Layout::Workspace,
        };
        let found = messages(&check(&root, &exercises, None, &[missing]));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .starts_with("exercises/ch/a1.rs: exercise `a1`: cannot read the exercise file"),
            "{found:?}"
        );
    }

    #[test]
    fn stray_files_but_not_shared_sources_nor_build_output() {
        let dir = course(&[
            ("exercises/ch/a1.rs", SOUND),
            ("exercises/ch/draft.rs", ""),
            ("exercises/ch/lib.rs", ""),
            ("exercises/ch/target/debug/a1", ""),
            ("exercises/notes.sql", ""),
            ("solutions/ch/a1.rs", ""),
            ("solutions/ch/old.rs", ""),
        ]);
        let (root, exercises) = (root_of(&dir), parse_exercises(ONE));
        let mut targets = targets(&root, &exercises);
        targets
            .other_sources
            .insert(root.join("exercises/ch/lib.rs"));
        let stray = |rel: &str| {
            format!("{rel}: stray file: no exercise uses it (remove it, or add it to info.toml)")
        };
        assert_eq!(
            messages(&check(&root, &exercises, Some(&targets), &[])),
            [
                stray("exercises/ch/draft.rs"),
                stray("exercises/notes.sql"),
                stray("solutions/ch/old.rs"),
            ]
        );
    }

    #[test]
    fn test_attributes_are_recognised() {
        assert!(has_test(
            "#[cfg(test)]\nmod t {\n    #[test]\n    fn a() {}\n}"
        ));
        assert!(has_test("    #[tokio::test(start_paused = true)]\n"));
        assert!(!has_test("#[cfg(test)]\nmod t {}\n"));
    }
}
