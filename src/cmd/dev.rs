//! `rustdrill dev check` and `rustdrill dev new`: the course author's tools.
//!
//! `dev check` proves a course the way docs/course-format.md promises:
//! static checks first (info.toml strict, one bin target per exercise and
//! one exercise per bin target, `// TODO` markers, `#[test]` iff `test`,
//! solutions present, no stray files, a current `Cargo.lock`, formatted
//! solutions), then two runs of the same pipeline `verify` uses over a
//! temporary copy of the course — every exercise must fail as shipped and
//! pass with its solution in place (strict clippy) — and one more pass
//! over the course's recorded wrong answers (`wrong_answers/`), each of
//! which must be judged not done. The course is loaded once, from one
//! `cargo metadata`. Every problem is reported, each naming its exercise
//! and file, not just the first.

mod calibration;
pub mod i18n;
mod measure;
mod problem;
mod runs;
mod sandbox;
mod scaffold;
mod static_checks;
mod tool_checks;
mod wrong_answers;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result};

use super::Outcome;
use crate::cli::Global;
use crate::ui::{self, outln};
use problem::{Problem, indent};
use rustdrill_engine::course::{self, Course, INFO_FILE, Info, Targets, Workspace, info};

pub use calibration::DEFAULT_SIZE as CALIBRATION_SIZE;
pub use measure::{Options as MeasureOptions, measure};
pub use scaffold::new;

pub fn check(global: &Global, chapters: &[String]) -> Result<Outcome> {
    let chapters: Vec<String> = chapters.iter().map(|c| chapter_dir(c)).collect();
    let root = course::find_root(global.course.as_deref())?;
    let root = root
        .canonicalize()
        .with_context(|| format!("cannot open the course folder {}", root.display()))?;

    let info_path = root.join(INFO_FILE);
    let text = fs::read_to_string(&info_path)
        .with_context(|| format!("cannot read {}", info_path.display()))?;
    // Unknown keys are errors here: parse leniently to go on checking the
    // rest, and report the warnings as the errors they are for an author.
    let info = match info::parse(Path::new(INFO_FILE), &text, false) {
        Ok(info) => info,
        Err(errors) => {
            let problems = errors.0.iter().map(|p| Problem::of_course(p.to_string()));
            return finish(problems.collect(), "", 0, None);
        }
    };
    // Warnings, and chapters a track names that no exercise has (normal in
    // a course `init` wrote with some tracks, an error in the author's).
    let mut problems: Vec<Problem> = info
        .warnings
        .iter()
        .chain(&info.absent_chapters)
        .map(|w| Problem::of_course(w.to_string()))
        .collect();

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

    let embedded = rustdrill_engine::course::is_embedded_info(&text, &info);
    let loaded = load(&root, &info, embedded, &mut problems);
    problems.extend(static_checks::check(
        &root,
        &info.exercises,
        loaded.targets.as_ref(),
        &loaded.unbuilt,
    ));
    problems.extend(tool_checks::lock_file(&root));
    problems.extend(measure::check_costs(&root, &info));
    problems.extend(tool_checks::rustfmt_solutions(&root, &info.exercises));
    let (translation_problems, coverage) = i18n::check(&root, &info);
    problems.extend(translation_problems);
    let (wrong, malformed) = wrong_answers::find(&root, &info.exercises);
    problems.extend(malformed);
    let wrong: Vec<_> = wrong
        .into_iter()
        .filter(|w| in_scope(w.chapter.as_deref()))
        .collect();

    let mut judged = None;
    match loaded.course {
        Ok(course) => {
            let proof = runs::prove(&course, &in_scope, &wrong)?;
            problems.extend(proof.problems);
            judged = Some(proof.wrong_answers);
        }
        Err(e) => problems.push(Problem::of_course(format!(
            "the course does not load, so its exercises were not built:\n{}",
            indent(&format!("{e:#}"))
        ))),
    }
    if !coverage.is_empty() {
        outln!("Translations (translated / fuzzy / missing):")?;
        for line in &coverage {
            outln!("{line}")?;
        }
    }
    let scope = if chapters.is_empty() {
        "the course is sound".to_owned()
    } else {
        format!("{} proven", chapters.join(", "))
    };
    finish(problems, &scope, proven, judged)
}

/// A `--chapter` value as the chapter's `dir`: the folder a shell completes
/// (`exercises/05_tokio/`) names the chapter too.
fn chapter_dir(arg: &str) -> String {
    let arg = arg.trim_end_matches('/');
    arg.strip_prefix("exercises/").unwrap_or(arg).to_owned()
}

/// The course loaded once for the whole check.
struct Loaded {
    /// The bin targets cargo lists, if it could.
    targets: Option<Targets>,
    /// The exercises no bin target of their name builds.
    unbuilt: Vec<course::TargetProblem>,
    /// The course as `Course::load` builds it strictly (unknown keys are
    /// errors), or why it does not load.
    course: Result<Course>,
}

/// Loads the course as `Course::load` does, strictly, from one fresh
/// `cargo metadata` whose targets the static checks read too.
fn load(root: &Path, info: &Info, embedded: bool, problems: &mut Vec<Problem>) -> Loaded {
    let (targets, course, unbuilt) = match list_targets(root, problems) {
        Err(e) => (None, Err(e), Vec::new()),
        Ok((workspace, targets)) => match Course::assemble(workspace, info, &targets, embedded) {
            Ok(course) => (Some(targets), Ok(course), Vec::new()),
            Err(unbuilt) => {
                let message = anyhow::Error::msg(unbuilt.to_string());
                (Some(targets), Err(message), unbuilt.0)
            }
        },
    };
    // A strict load stops at unknown keys, before anything else.
    let course = if info.warnings.is_empty() {
        course
    } else {
        Err(info::InfoErrors(info.warnings.clone()).into())
    };
    Loaded {
        targets,
        unbuilt,
        course,
    }
}

/// Where cargo runs for the course and the bin targets it lists there.
/// Manifests cargo cannot read are a problem of their own too.
fn list_targets(root: &Path, problems: &mut Vec<Problem>) -> Result<(Workspace, Targets)> {
    let workspace = Workspace::of(root.to_path_buf())?;
    match course::targets::query(&workspace.cargo_dir) {
        Ok(targets) => Ok((workspace, targets)),
        Err(e) => {
            let manifest = workspace.cargo_dir.join("Cargo.toml");
            problems.push(Problem::new(
                manifest.strip_prefix(root).unwrap_or(&manifest),
                None,
                format!("{e:#}"),
            ));
            Err(e)
        }
    }
}

/// Reports the problems, or that there are none. `wrong_answers` is how
/// many recorded wrong answers were judged and how long their pass took.
fn finish(
    mut problems: Vec<Problem>,
    scope: &str,
    exercises: usize,
    wrong_answers: Option<(usize, Duration)>,
) -> Result<Outcome> {
    problems.sort();
    problems.dedup();
    if let Some((count, took)) = wrong_answers
        && count > 0
    {
        outln!(
            "{count} recorded wrong answer(s) built and judged in one pass: {:.1} s",
            took.as_secs_f64()
        )?;
    }
    if problems.is_empty() {
        let wrong = match wrong_answers {
            Some((count, _)) if count > 0 => format!(", {count} wrong answer(s) judged not done"),
            _ => String::new(),
        };
        outln!(
            "{} {scope}: {exercises} exercise(s) fail as shipped and pass solved{wrong}",
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chapter_is_named_by_its_dir_or_its_folder() {
        assert_eq!(chapter_dir("05_tokio"), "05_tokio");
        assert_eq!(chapter_dir("exercises/05_tokio/"), "05_tokio");
        assert_eq!(chapter_dir("exercises/05_tokio"), "05_tokio");
    }
}
