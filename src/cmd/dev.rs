//! `rustdrill dev check` and `rustdrill dev new`: the course author's tools.
//!
//! `dev check` proves a course the way docs/course-format.md promises:
//! static checks first (info.toml strict, one bin target per exercise and
//! one exercise per bin target, `// TODO` markers, `#[test]` iff `test`,
//! solutions present, no stray files, non-empty hints), then two passes of
//! the same pipeline `verify` uses over a temporary copy of the course —
//! every exercise must fail as shipped and pass with its solution in place
//! (strict clippy) — and `rustfmt --check` on every solution. Every problem
//! is reported, each naming its exercise and file, not just the first.

mod measure;
mod scaffold;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use super::Outcome;
use crate::check::{self, Progress};
use crate::cli::Global;
use crate::course::{self, Course, ExerciseInfo, INFO_FILE, Layout, info};
use crate::ui::{self, outln};

pub use measure::measure;
pub use scaffold::new;

/// One authoring problem: which exercise, which file, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Problem {
    /// Course-relative file the problem is in (or about).
    file: String,
    exercise: Option<String>,
    message: String,
}

impl Problem {
    fn new(file: impl AsRef<Path>, exercise: Option<&str>, message: impl Into<String>) -> Self {
        Problem {
            file: file.as_ref().display().to_string(),
            exercise: exercise.map(str::to_owned),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.file.is_empty() {
            write!(f, "{}: ", self.file)?;
        }
        if let Some(ex) = &self.exercise {
            write!(f, "exercise `{ex}`: ")?;
        }
        f.write_str(&self.message)
    }
}

pub fn check(global: &Global, chapters: &[String]) -> Result<Outcome> {
    let root = course::find_root(global.course.as_deref())?;
    let root = root
        .canonicalize()
        .with_context(|| format!("cannot open the course folder {}", root.display()))?;
    let mut problems = Vec::new();

    let info_path = root.join(INFO_FILE);
    let text = fs::read_to_string(&info_path)
        .with_context(|| format!("cannot read {}", info_path.display()))?;
    // Unknown keys are errors here: parse leniently to go on checking the
    // rest, and report the warnings as the errors they are for an author.
    let info = match info::parse(Path::new(INFO_FILE), &text, false) {
        Ok(info) => info,
        Err(errors) => {
            for p in errors.0 {
                problems.push(Problem::new("", None, p.to_string()));
            }
            return finish(problems, "", 0);
        }
    };
    // Warnings, and chapters a track names that no exercise has (normal in
    // a course `init` wrote with some tracks, an error in the author's).
    for w in info.warnings.iter().chain(&info.absent_chapters) {
        problems.push(Problem::new("", None, w.to_string()));
    }
    let known: BTreeSet<&str> = info
        .exercises
        .iter()
        .filter_map(|e| e.dir.as_deref())
        .collect();
    if let Some(unknown) = chapters.iter().find(|c| !known.contains(c.as_str())) {
        anyhow::bail!(
            "--chapter {unknown}: no exercise has `dir = \"{unknown}\"` in info.toml. Chapters: {}",
            known.into_iter().collect::<Vec<_>>().join(", ")
        );
    }
    let in_scope = |dir: Option<&str>| {
        chapters.is_empty() || dir.is_some_and(|d| chapters.iter().any(|c| c == d))
    };
    let proven = info
        .exercises
        .iter()
        .filter(|e| in_scope(e.dir.as_deref()))
        .count();

    static_checks(&root, &info.exercises, &mut problems)?;
    lock_check(&root, &mut problems);
    rustfmt_solutions(&root, &info.exercises, &mut problems);

    match Course::load(&root, true) {
        Ok(course) => dynamic_checks(&course, &in_scope, &mut problems)?,
        Err(e) => problems.push(Problem::new(
            "",
            None,
            format!(
                "the course does not load, so its exercises were not built:\n{}",
                indent(&format!("{e:#}"))
            ),
        )),
    }
    let scope = if chapters.is_empty() {
        "the course is sound".to_owned()
    } else {
        format!("{} proven", chapters.join(", "))
    };
    finish(problems, &scope, proven)
}

/// The course builds the same everywhere only if its `Cargo.lock` is
/// committed and matches the manifests.
fn lock_check(root: &Path, problems: &mut Vec<Problem>) {
    // No workspace at all is reported by the course loading.
    let Some((_, cargo_dir)) = course::cargo_workspace(root) else {
        return;
    };
    let lock = cargo_dir.join("Cargo.lock");
    let rel = lock.strip_prefix(root).unwrap_or(&lock).to_path_buf();
    if !lock.is_file() {
        problems.push(Problem::new(
            &rel,
            None,
            "missing: run `cargo generate-lockfile` there and commit it, so the course \
             builds with the same versions everywhere",
        ));
        return;
    }
    let out = std::process::Command::new("cargo")
        .args(["metadata", "--locked", "--format-version", "1"])
        .current_dir(&cargo_dir)
        .stdin(std::process::Stdio::null())
        .output();
    // Other failures (no network, a broken manifest) show up in the builds.
    if let Ok(out) = out
        && !out.status.success()
        && String::from_utf8_lossy(&out.stderr).contains("--locked")
    {
        problems.push(Problem::new(
            &rel,
            None,
            "out of date with the manifests: run `cargo update --workspace` there and commit it",
        ));
    }
}

fn finish(mut problems: Vec<Problem>, scope: &str, exercises: usize) -> Result<Outcome> {
    problems.sort();
    problems.dedup();
    if problems.is_empty() {
        outln!(
            "{} {scope}: {exercises} exercise(s) fail as shipped and pass solved",
            ui::ok("✓")
        )?;
        return Ok(Outcome::Done);
    }
    for p in &problems {
        outln!("{} {p}", ui::bad("✗"))?;
    }
    outln!("\n{} problem(s) found", problems.len())?;
    Ok(Outcome::NotDone)
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Checks that need no build: files, markers, hints, targets, stray files.
fn static_checks(
    root: &Path,
    exercises: &[ExerciseInfo],
    problems: &mut Vec<Problem>,
) -> Result<()> {
    for ex in exercises {
        let rel = ex.relative_path();
        let name = Some(ex.name.as_str());
        if ex.hints.iter().any(|h| h.trim().is_empty()) {
            problems.push(Problem::new(
                INFO_FILE,
                name,
                format!(
                    "line {}: a hint is empty; say something that helps",
                    ex.line
                ),
            ));
        }
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
    let expected = target_checks(root, exercises, problems)?;
    stray_files(root, exercises, &expected, problems);
    Ok(())
}

/// `#[test]`, or an async runtime's `#[tokio::test]`-style attribute.
fn has_test(text: &str) -> bool {
    text.lines()
        .map(str::trim_start)
        .any(|l| l.starts_with("#[test]") || (l.starts_with("#[") && l.contains("::test")))
}

/// Every exercise has a bin target of its name building its file; every
/// bin target of the course's packages has an exercise. Returns the
/// sources of non-bin targets (a shared `lib.rs`), which are not stray.
fn target_checks(
    root: &Path,
    exercises: &[ExerciseInfo],
    problems: &mut Vec<Problem>,
) -> Result<HashSet<PathBuf>> {
    let Some((_, cargo_dir)) = course::cargo_workspace(root) else {
        return Ok(HashSet::new());
    };
    let targets = match course::targets::query(&cargo_dir) {
        Ok(targets) => targets,
        Err(e) => {
            let manifest = cargo_dir.join("Cargo.toml");
            problems.push(Problem::new(
                manifest.strip_prefix(root).unwrap_or(&manifest),
                None,
                format!("{e:#}"),
            ));
            return Ok(HashSet::new());
        }
    };
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let wanted: HashMap<PathBuf, &ExerciseInfo> = exercises
        .iter()
        .map(|e| (canonical(&root.join(e.relative_path())), e))
        .collect();
    let mut built: HashSet<PathBuf> = HashSet::new();
    for (src, target) in &targets.bins {
        let manifest_rel = target
            .manifest
            .strip_prefix(root)
            .unwrap_or(&target.manifest);
        match wanted.get(src) {
            Some(ex) if ex.name == target.name => {
                built.insert(src.clone());
            }
            Some(ex) => {
                built.insert(src.clone());
                problems.push(Problem::new(
                    manifest_rel,
                    Some(&ex.name),
                    format!(
                        "its file is built by the bin target `{}`; name the bin `{}` \
                         like the exercise",
                        target.name, ex.name
                    ),
                ));
            }
            None => problems.push(Problem::new(
                manifest_rel,
                None,
                format!(
                    "bin target `{}` ({}) has no exercise in info.toml: add an \
                     [[exercises]] entry or remove the target",
                    target.name,
                    src.strip_prefix(root).unwrap_or(src).display()
                ),
            )),
        }
    }
    for (src, ex) in &wanted {
        if !built.contains(src) && src.is_file() {
            problems.push(Problem::new(
                ex.relative_path(),
                Some(&ex.name),
                format!(
                    "no cargo bin target builds this file: add `[[bin]] name = \"{}\"` to \
                     its chapter's Cargo.toml",
                    ex.name
                ),
            ));
        }
    }
    Ok(targets.other_sources)
}

/// Files in exercises/ and solutions/ that belong to no exercise: a
/// leftover draft or a misnamed file a learner would stumble over.
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
                || other_sources.contains(&file.canonicalize().unwrap_or(file.clone()));
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

/// `rustfmt --check` on every solution, in one invocation.
fn rustfmt_solutions(root: &Path, exercises: &[ExerciseInfo], problems: &mut Vec<Problem>) {
    let solutions: Vec<PathBuf> = exercises
        .iter()
        .map(|e| root.join(e.solution_path()))
        .filter(|p| p.is_file())
        .collect();
    if solutions.is_empty() {
        return;
    }
    let out = Command::new("rustfmt")
        .args(["--check", "--edition", "2024", "-l"])
        .args(&solutions)
        .current_dir(root)
        .output();
    let out = match out {
        Ok(out) => out,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            problems.push(Problem::new(
                "",
                None,
                "rustfmt was not found: install it with `rustup component add rustfmt`",
            ));
            return;
        }
        Err(e) => {
            problems.push(Problem::new("", None, format!("cannot run rustfmt: {e}")));
            return;
        }
    };
    if out.status.success() {
        return;
    }
    let listed = String::from_utf8_lossy(&out.stdout);
    let mut named = false;
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
        named = true;
    }
    if !named {
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
}

/// Both passes on a temporary copy sharing the course's target directory
/// (so dependencies build once): unsolved must fail, solved must pass.
fn dynamic_checks(
    course: &Course,
    in_scope: &dyn Fn(Option<&str>) -> bool,
    problems: &mut Vec<Problem>,
) -> Result<()> {
    let tmp = tempfile::Builder::new()
        .prefix("rustdrill-dev-check-")
        .tempdir()
        .context("cannot create a temporary folder for the course copy")?;
    copy_course(course, tmp.path())?;
    isolate_units(course, tmp.path())?;
    let mut copy =
        Course::load(tmp.path(), true).context("the temporary copy of the course does not load")?;
    // Builds and clippy (whose dir derives from this) share the original's.
    copy.target_dir = course.target_dir.clone();

    let spinner = ui::spinner();
    let interactive = console::Term::stderr().is_term();
    let progress = |pass: &'static str| {
        let spinner = &spinner;
        move |event: Progress| match event {
            Progress::PhaseStarted(phase) => {
                if interactive {
                    spinner.set_message(format!("{pass}: {phase}"));
                } else {
                    eprintln!("dev check: {pass}: {phase}");
                }
            }
            Progress::Compiled { phase, crate_name } => {
                spinner.set_message(format!("{pass}: {phase} ({crate_name})"));
            }
            Progress::Checked { .. } => {}
        }
    };

    // Pass 1: as shipped, every exercise fails (unless it says it may not).
    let unsolved: Vec<&course::Exercise> = copy
        .exercises
        .iter()
        .filter(|e| !e.skip_check_unsolved && in_scope(e.chapter.as_deref()))
        .collect();
    if !unsolved.is_empty() {
        let checked = check::check(&copy, &unsolved, &progress("unsolved"))?;
        for (ex, c) in unsolved.iter().zip(checked) {
            if c.verdict.passed() {
                problems.push(Problem::new(
                    &ex.relative_path,
                    Some(&ex.name),
                    "passes as shipped: leave something for the learner to fix \
                     (or set `skip_check_unsolved = true`)",
                ));
            } else if let crate::verdict::Verdict::TimedOut { limit, .. } = c.verdict {
                // A learner would wait the whole limit for a message that
                // teaches nothing; a hang is rarely the lesson.
                problems.push(Problem::new(
                    &ex.relative_path,
                    Some(&ex.name),
                    format!(
                        "times out as shipped (after {} s): make it fail fast with a message \
                         that teaches, e.g. wrap a wait in `tokio::time::timeout` (paused \
                         time makes that instant)",
                        limit.as_secs()
                    ),
                ));
            }
        }
    }

    // Pass 2: with its solution in place, every exercise passes strictly.
    let mut solved = Vec::new();
    for ex in &mut copy.exercises {
        let solution = course.root.join(&ex.solution_path);
        if solution.is_file() && in_scope(ex.chapter.as_deref()) {
            fs::copy(&solution, &ex.path)
                .with_context(|| format!("cannot copy {} into the copy", solution.display()))?;
            ex.strict_clippy = true;
            solved.push(ex.name.clone());
        }
    }
    let selection: Vec<&course::Exercise> = copy
        .exercises
        .iter()
        .filter(|e| solved.contains(&e.name))
        .collect();
    if !selection.is_empty() {
        let checked = check::check(&copy, &selection, &progress("solved"))?;
        for (ex, c) in selection.iter().zip(checked) {
            if !c.verdict.passed() {
                problems.push(Problem::new(
                    &ex.solution_path,
                    Some(&ex.name),
                    format!(
                        "the solution does not pass (clippy strict): {}",
                        c.verdict.headline()
                    ),
                ));
            }
        }
    }
    spinner.finish_and_clear();
    Ok(())
}

/// Cargo hashes a workspace member by its path *relative to the workspace
/// root*, so the copy's exercises would share the original's fingerprints
/// in the shared target dir, and after the solved pass the original would
/// look fresh with the solutions' binaries in it. A per-package profile
/// setting that changes nothing (256 codegen units is the dev default) gives
/// the copy's exercise packages their own units; dependencies stay shared.
fn isolate_units(course: &Course, copy_root: &Path) -> Result<()> {
    let manifest = match course.layout {
        Layout::Workspace => copy_root.join("exercises/Cargo.toml"),
        Layout::Rustlings => copy_root.join("Cargo.toml"),
    };
    let text = fs::read_to_string(&manifest)
        .with_context(|| format!("cannot read {}", manifest.display()))?;
    let mut doc: toml::Table = text
        .parse()
        .with_context(|| format!("cannot parse {}", manifest.display()))?;
    let packages: BTreeSet<&str> = course
        .exercises
        .iter()
        .map(|e| e.package.as_str())
        .collect();
    for profile in ["dev", "test"] {
        let table = ["profile", profile, "package"]
            .iter()
            .try_fold(&mut doc, |t, key| {
                t.entry(*key)
                    .or_insert_with(|| toml::Value::Table(toml::Table::new()))
                    .as_table_mut()
            })
            .with_context(|| {
                format!("{}: `profile.{profile}` is not a table", manifest.display())
            })?;
        for package in &packages {
            if let Some(settings) = table
                .entry(*package)
                .or_insert_with(|| toml::Value::Table(toml::Table::new()))
                .as_table_mut()
            {
                settings
                    .entry("codegen-units")
                    .or_insert(toml::Value::Integer(256));
            }
        }
    }
    let text = toml::to_string(&doc).context("cannot write the copy's manifest")?;
    fs::write(&manifest, text).with_context(|| format!("cannot write {}", manifest.display()))
}

/// Copies what cargo needs to build the course, without build output.
fn copy_course(course: &Course, dest: &Path) -> Result<()> {
    let mut tops = vec!["info.toml", "exercises", "solutions"];
    if course.layout == Layout::Rustlings {
        tops.extend(["Cargo.toml", "Cargo.lock", ".cargo"]);
    }
    for top in tops {
        let src = course.root.join(top);
        if src.is_dir() {
            copy_dir(&src, &dest.join(top))?;
        } else if src.is_file() {
            fs::copy(&src, dest.join(top))
                .with_context(|| format!("cannot copy {}", src.display()))?;
        }
    }
    Ok(())
}

fn copy_dir(src: &Path, dest: &Path) -> Result<()> {
    fs::create_dir_all(dest).with_context(|| format!("cannot create {}", dest.display()))?;
    for entry in fs::read_dir(src).with_context(|| format!("cannot read {}", src.display()))? {
        let entry = entry.with_context(|| format!("cannot read {}", src.display()))?;
        let name = entry.file_name();
        if name == "target" || name == ".rustdrill" {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &dest.join(&name))?;
        } else {
            fs::copy(&path, dest.join(&name))
                .with_context(|| format!("cannot copy {}", path.display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_attributes_are_recognised() {
        assert!(has_test(
            "#[cfg(test)]\nmod t {\n    #[test]\n    fn a() {}\n}"
        ));
        assert!(has_test("    #[tokio::test(start_paused = true)]\n"));
        assert!(!has_test("#[cfg(test)]\nmod t {}\n"));
    }
}
