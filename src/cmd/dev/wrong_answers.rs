//! Recorded wrong answers: plausible mistakes a learner makes, kept by the
//! course in `wrong_answers/`, each a whole exercise file whose first line
//! says what is wrong. `dev check` builds them all in one extra pass and
//! fails the course if one is judged done (docs/course-format.md).
//!
//! This module finds them and checks what needs no build (the file name
//! names an exercise of that chapter, the `// wrong:` line is there, its
//! tests are the exercise's own), and judges each one's verdict.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::problem::Problem;
use rustdrill_engine::course::ExerciseInfo;
use rustdrill_engine::verdict::{Verdict, VerdictKind};

/// The folder at the course root holding them.
pub const DIR: &str = "wrong_answers";

/// One recorded wrong answer, well formed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrongAnswer {
    /// Course-relative: `wrong_answers/<dir>/<exercise>.<n>.rs`.
    pub file: PathBuf,
    pub exercise: String,
    pub chapter: Option<String>,
    pub n: u32,
    /// What its first line says is wrong.
    pub what: String,
    /// Marked `// wrong (compile):`: the compile error is the lesson.
    pub compile: bool,
}

impl WrongAnswer {
    /// The name of the bin target it is built as: unique in the workspace,
    /// never an exercise's (those have no `__wrong_`), and telling the
    /// wrapper whose unstable features it may use.
    pub fn bin_name(&self) -> String {
        bin_name(&self.exercise, self.n)
    }

    fn line(&self) -> String {
        format!("{}:1", self.file.display())
    }
}

/// `<exercise>__wrong_<n>`; [`rustdrill_engine::wrapper`] reads it back.
pub fn bin_name(exercise: &str, n: u32) -> String {
    format!("{exercise}__wrong_{n}")
}

/// Every wrong answer of the course at `root`, and the problems of the
/// files under `wrong_answers/` that are not well-formed ones (each named
/// `file:line`). A course without the folder has none.
pub fn find(root: &Path, exercises: &[ExerciseInfo]) -> (Vec<WrongAnswer>, Vec<Problem>) {
    let by_name: HashMap<&str, &ExerciseInfo> =
        exercises.iter().map(|e| (e.name.as_str(), e)).collect();
    let mut files = Vec::new();
    walk(&root.join(DIR), &mut files);
    files.sort();
    let (mut answers, mut problems) = (Vec::new(), Vec::new());
    for path in files {
        let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        match parse(&rel, &path, &by_name) {
            Ok(Some(answer)) => {
                if let Some(ex) = by_name.get(answer.exercise.as_str()) {
                    problems.extend(changed_tests(root, ex, &answer));
                }
                answers.push(answer);
            }
            Ok(None) => {}
            Err(message) => {
                problems.push(Problem::new(format!("{}:1", rel.display()), None, message))
            }
        }
    }
    (answers, problems)
}

/// One file under `wrong_answers/`: a wrong answer, nothing (a README), or
/// what is wrong with it.
fn parse(
    rel: &Path,
    path: &Path,
    exercises: &HashMap<&str, &ExerciseInfo>,
) -> Result<Option<WrongAnswer>, String> {
    let file_name = rel.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if file_name == "README.md" {
        return Ok(None);
    }
    let (exercise, n) = split_name(file_name).ok_or_else(|| {
        format!("not a wrong answer: name it `<exercise>.<n>.rs` (n = 1, 2, …) {HOW}")
    })?;
    let Some(info) = exercises.get(exercise) else {
        return Err(format!("no exercise `{exercise}` in info.toml {HOW}"));
    };
    let expected = expected_path(info, n);
    if rel != expected {
        return Err(format!(
            "exercise `{exercise}` is in chapter `{}`: its wrong answers go in {}",
            info.dir.as_deref().unwrap_or("(none)"),
            expected.parent().unwrap_or(Path::new(DIR)).display()
        ));
    }
    let text = fs::read_to_string(path).map_err(|e| format!("cannot read it: {e}"))?;
    let first = text.lines().next().unwrap_or("");
    let (compile, what) = if let Some(rest) = first.strip_prefix("// wrong:") {
        (false, rest.trim())
    } else if let Some(rest) = first.strip_prefix("// wrong (compile):") {
        (true, rest.trim())
    } else {
        return Err(MISSING_LINE.to_owned());
    };
    if what.is_empty() {
        return Err(MISSING_LINE.to_owned());
    }
    Ok(Some(WrongAnswer {
        file: rel.to_path_buf(),
        exercise: exercise.to_owned(),
        chapter: info.dir.clone(),
        n,
        what: what.to_owned(),
        compile,
    }))
}

/// The line where a learner's tests start: everything from it to the end
/// of the file is the exercise's tests, which learners do not edit.
const TESTS_START: &str = "#[cfg(test)]";

/// A wrong answer is judged by the exercise's tests as they are now: a
/// copy made before they were strengthened, or edited, would prove nothing.
/// The problem names the first line where its tests differ.
fn changed_tests(root: &Path, ex: &ExerciseInfo, answer: &WrongAnswer) -> Option<Problem> {
    let exercise = fs::read_to_string(root.join(ex.relative_path())).ok()?;
    let wrong = fs::read_to_string(root.join(&answer.file)).ok()?;
    let tests_of = |text: &str| -> Option<(usize, Vec<String>)> {
        let lines: Vec<String> = text.lines().map(str::to_owned).collect();
        let start = lines.iter().position(|l| l == TESTS_START)?;
        Some((start, lines[start..].to_vec()))
    };
    let (_, expected) = tests_of(&exercise)?;
    let (line, message) = match tests_of(&wrong) {
        None => (
            1,
            format!("has no `{TESTS_START}` tests; keep the exercise's"),
        ),
        Some((start, found)) => {
            let differs =
                (0..expected.len().max(found.len())).find(|&i| expected.get(i) != found.get(i))?;
            (
                start + differs + 1,
                "its tests differ from the exercise's here".to_owned(),
            )
        }
    };
    Some(Problem::new(
        format!("{}:{line}", answer.file.display()),
        Some(&answer.exercise),
        format!(
            "{message}: a wrong answer keeps the tests of {} as they are (copy them again \
             from `{TESTS_START}` to the end)",
            ex.relative_path().display()
        ),
    ))
}

/// `<exercise>.<n>.rs` → (exercise, n), n a positive number without a
/// leading zero.
fn split_name(file_name: &str) -> Option<(&str, u32)> {
    let stem = file_name.strip_suffix(".rs")?;
    let (exercise, n) = stem.rsplit_once('.')?;
    if exercise.is_empty() || n.starts_with('0') || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((exercise, n.parse().ok()?))
}

/// Where wrong answer `n` of `ex` lives: its file's place under
/// `exercises/`, mirrored under `wrong_answers/`.
fn expected_path(ex: &ExerciseInfo, n: u32) -> PathBuf {
    let mut path = PathBuf::from(DIR);
    if let Some(dir) = &ex.dir {
        path.push(dir);
    }
    path.push(format!("{}.{n}.rs", ex.name));
    path
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, files);
        } else {
            files.push(path);
        }
    }
}

/// What is wrong with `verdict` for a recorded wrong answer: judged done,
/// a compile error it does not announce (or announced and absent), or a
/// hang that makes every check wait.
pub fn judge(answer: &WrongAnswer, verdict: &Verdict) -> Option<Problem> {
    let message = match (verdict.kind(), answer.compile) {
        (VerdictKind::Pass, _) => format!(
            "judged done, but it is wrong: {}. Make the exercise's tests (or clippy, or main) \
             reject it",
            answer.what
        ),
        (VerdictKind::CompileError, false) => format!(
            "does not compile ({}): a wrong answer must compile so that the tests, clippy or \
             main reject it; if the compile error is the lesson, mark it `// wrong (compile): …`",
            verdict.headline()
        ),
        (VerdictKind::CompileError, true) | (VerdictKind::Missing, _) => return None,
        (VerdictKind::TimedOut, _) => format!(
            "times out ({}): make the exercise's tests fail fast, e.g. wrap a wait in \
             `tokio::time::timeout`",
            verdict.headline()
        ),
        (_, true) => format!(
            "marked `// wrong (compile):` but it compiles (then {}): remove `(compile)`",
            verdict.headline()
        ),
        (_, false) => return None,
    };
    Some(Problem::new(answer.line(), Some(&answer.exercise), message))
}

const HOW: &str = "(wrong answers are `wrong_answers/<chapter>/<exercise>.<n>.rs`)";

const MISSING_LINE: &str = "the first line must say what is wrong: `// wrong: <what>`, or \
     `// wrong (compile): <what>` when the compile error is the lesson";

#[cfg(test)]
mod tests {
    use super::*;
    use rustdrill_engine::course::info;
    use rustdrill_engine::testing::verdict;

    fn exercises() -> Vec<ExerciseInfo> {
        let text = "format_version = 1\n[[exercises]]\nname = \"a1\"\ndir = \"ch\"\nhint = \"h\"\n\
                    [[exercises]]\nname = \"b1\"\ndir = \"other\"\nhint = \"h\"\n";
        info::parse(Path::new("info.toml"), text, true)
            .expect("a valid info.toml")
            .exercises
    }

    fn found(files: &[(&str, &str)]) -> (Vec<WrongAnswer>, Vec<String>) {
        let mut files = files.to_vec();
        files.insert(0, ("exercises/ch/a1.rs", "fn main() {}\n"));
        let dir = tempfile::tempdir().expect("a temp dir");
        for (rel, text) in &files {
            let path = dir.path().join(rel);
            fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
            fs::write(path, text).expect("a file");
        }
        let (answers, problems) = find(dir.path(), &exercises());
        (answers, problems.iter().map(Problem::to_string).collect())
    }

    #[test]
    fn well_formed_answers_are_found() {
        let (answers, problems) = found(&[
            (
                "wrong_answers/ch/a1.1.rs",
                "// wrong: returns n\nfn main() {}\n",
            ),
            (
                "wrong_answers/ch/a1.2.rs",
                "// wrong (compile):  borrows twice \n",
            ),
            ("wrong_answers/README.md", "notes"),
        ]);
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(answers.len(), 2);
        assert_eq!(answers[0].what, "returns n");
        assert_eq!(answers[0].bin_name(), "a1__wrong_1");
        assert!(!answers[0].compile);
        assert_eq!((answers[1].n, answers[1].compile), (2, true));
        assert_eq!(answers[1].what, "borrows twice");
        assert_eq!(answers[1].chapter.as_deref(), Some("ch"));
    }

    #[test]
    fn a_wrong_answer_keeps_the_exercises_tests() {
        const EXERCISE: &str =
            "fn main() {}\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn a() {}\n}\n";
        let (answers, problems) = found(&[
            ("exercises/ch/a1.rs", EXERCISE),
            (
                "wrong_answers/ch/a1.1.rs",
                &format!("// wrong: x\n{EXERCISE}"),
            ),
            (
                "wrong_answers/ch/a1.2.rs",
                &format!(
                    "// wrong: y\n{}",
                    EXERCISE.replace("fn a() {}", "fn b() {}")
                ),
            ),
            ("wrong_answers/ch/a1.3.rs", "// wrong: z\nfn main() {}\n"),
        ]);
        assert_eq!(answers.len(), 3, "still judged: {answers:?}");
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert!(
            problems[0].starts_with("wrong_answers/ch/a1.2.rs:6: exercise `a1`: its tests differ"),
            "{problems:#?}"
        );
        assert!(
            problems[1]
                .starts_with("wrong_answers/ch/a1.3.rs:1: exercise `a1`: has no `#[cfg(test)]`"),
            "{problems:#?}"
        );
    }

    #[test]
    fn malformed_answers_are_named_by_file_and_line() {
        let (answers, problems) = found(&[
            ("wrong_answers/ch/zz.1.rs", "// wrong: x\n"),
            ("wrong_answers/ch/b1.1.rs", "// wrong: x\n"),
            ("wrong_answers/ch/a1.rs", "// wrong: x\n"),
            ("wrong_answers/ch/a1.01.rs", "// wrong: x\n"),
            ("wrong_answers/ch/a1.1.rs", "fn main() {}\n"),
            ("wrong_answers/ch/a1.2.rs", "// wrong:   \n"),
        ]);
        assert!(answers.is_empty(), "{answers:?}");
        let has = |start: &str, needle: &str| {
            assert!(
                problems
                    .iter()
                    .any(|p| p.starts_with(start) && p.contains(needle)),
                "{start} … {needle} in {problems:#?}"
            );
        };
        has("wrong_answers/ch/zz.1.rs:1: ", "no exercise `zz`");
        has("wrong_answers/ch/b1.1.rs:1: ", "go in wrong_answers/other");
        has("wrong_answers/ch/a1.rs:1: ", "name it `<exercise>.<n>.rs`");
        has("wrong_answers/ch/a1.01.rs:1: ", "name it");
        has("wrong_answers/ch/a1.1.rs:1: ", "`// wrong: <what>`");
        has("wrong_answers/ch/a1.2.rs:1: ", "`// wrong: <what>`");
        assert_eq!(problems.len(), 6, "{problems:#?}");
    }

    #[test]
    fn judged_done_or_an_unannounced_compile_error_is_a_problem() {
        let answer = WrongAnswer {
            file: PathBuf::from("wrong_answers/ch/a1.1.rs"),
            exercise: "a1".to_owned(),
            chapter: Some("ch".to_owned()),
            n: 1,
            what: "hard-codes 42".to_owned(),
            compile: false,
        };
        let problem = |a: &WrongAnswer, v: &str| judge(a, &verdict(v)).map(|p| p.to_string());
        assert_eq!(problem(&answer, "test_failed"), None);
        assert_eq!(problem(&answer, "clippy"), None);
        let done = problem(&answer, "pass").unwrap_or_default();
        assert!(
            done.starts_with("wrong_answers/ch/a1.1.rs:1: exercise `a1`: judged done")
                && done.contains("hard-codes 42"),
            "{done}"
        );
        let unannounced = problem(&answer, "compile_error").unwrap_or_default();
        assert!(unannounced.contains("does not compile"), "{unannounced}");
        assert!(
            problem(&answer, "timed_out").is_some_and(|p| p.contains("times out")),
            "a hang"
        );

        let marked = WrongAnswer {
            compile: true,
            ..answer
        };
        assert_eq!(problem(&marked, "compile_error"), None);
        let compiles = problem(&marked, "test_failed").unwrap_or_default();
        assert!(compiles.contains("but it compiles"), "{compiles}");
        assert!(problem(&marked, "pass").is_some_and(|p| p.contains("judged done")));
    }
}
