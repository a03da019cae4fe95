//! `rustdrill verify [--json] [--chapter DIR] [--no-cache]`: check every
//! exercise (or one chapter) and report, grouped by chapter, which are done.
//!
//! All exercises that changed since their last verdict go through one
//! `check::check` call: one cargo invocation per phase for the whole
//! selection, so dependencies resolve and build once. Unchanged ones reuse
//! their cached verdict (see `cache`).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use anyhow::{Result, bail};
use serde::{Deserialize, Serialize};

use super::Outcome;
use crate::cli::Global;
use crate::session::Session;
use crate::ui::text::t;
use crate::ui::{self, Mode, Reporter};
use rustdrill_engine::cache::CacheKeys;
use rustdrill_engine::check;
use rustdrill_engine::course::{Course, Exercise};
use rustdrill_engine::progress::{Advance, CheckRecord};
use rustdrill_engine::verdict::VerdictKind;

/// The `--json` shape (documented in docs/json.md).
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerifyJson {
    pub course: String,
    pub toolchain: String,
    pub done: usize,
    pub total: usize,
    pub exercises: Vec<VerifyEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerifyEntry {
    pub name: String,
    pub chapter: Option<String>,
    pub status: Status,
    pub verdict: VerdictKind,
    /// The first thing to fix; `None` when the exercise passes.
    pub first_message: Option<String>,
    /// Time spent running its tests and `main` (compiling is shared by
    /// every exercise checked together, so it is not counted); 0 when it did
    /// not compile or the verdict was cached.
    pub duration_ms: u64,
    /// The verdict was reused: nothing changed since it was computed.
    pub cached: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Done,
    NotDone,
}

pub fn run(global: &Global, json: bool, chapter: Option<&str>, no_cache: bool) -> Result<Outcome> {
    let mut session = Session::load(global)?;
    // The room catches up with what waits in the outbox (after the output).
    session.resync_classroom();
    let Session { course, progress } = &mut session;
    let selection = select(course, chapter)?;

    let mut keys = CacheKeys::new(course)?;
    let toolchain = keys.toolchain().to_owned();
    let reuse = progress.reuse_cached(course, &mut keys, &selection, !no_cache);
    let mut unsaved = reuse.unsaved;
    let reuse = reuse.value;
    let mut entries: HashMap<String, VerifyEntry> = HashMap::new();
    for (ex, hit) in &reuse.cached {
        entries.insert(
            ex.name.clone(),
            entry(ex, hit.kind, &hit.first_message, 0, true),
        );
    }
    if !reuse.to_check.is_empty() {
        let exercises: Vec<&Exercise> = reuse.to_check.iter().collect();
        let checked = check_with_progress(course, &exercises, selection.len())?;
        for (ex, checked) in exercises.iter().zip(&checked) {
            let verdict = &checked.verdict;
            let millis = u64::try_from(checked.duration.as_millis()).unwrap_or(u64::MAX);
            entries.insert(
                ex.name.clone(),
                entry(ex, verdict.kind(), &verdict.headline(), millis, false),
            );
        }
        let judged: Vec<(&Exercise, bool)> = exercises
            .iter()
            .zip(&checked)
            .map(|(ex, c)| (*ex, c.cacheable))
            .collect();
        let records: Vec<CheckRecord<'_>> = keys
            .after_check(&judged)
            .into_iter()
            .zip(exercises.iter().zip(&checked))
            .map(|(key, (ex, checked))| CheckRecord {
                exercise: ex,
                verdict: &checked.verdict,
                key,
            })
            .collect();
        let recorded = progress.record(course, &records, Advance::OnPass);
        unsaved = unsaved.or(recorded.unsaved);
    }

    let ordered: Vec<VerifyEntry> = selection
        .iter()
        .filter_map(|ex| entries.remove(&ex.name))
        .collect();
    let done = ordered.iter().filter(|e| e.status == Status::Done).count();
    let total = ordered.len();
    let shown = if json {
        let out = VerifyJson {
            course: course.root.display().to_string(),
            toolchain,
            done,
            total,
            exercises: ordered,
        };
        let mut text = serde_json::to_string_pretty(&out)?;
        text.push('\n');
        write_stdout(&text)
    } else {
        write_stdout(&report(course, &ordered))
    };
    if let Some(e) = unsaved {
        return Err(e.context("the verdicts above were not saved"));
    }
    let outcome = if done == total {
        Outcome::Done
    } else {
        Outcome::NotDone
    };
    outcome.despite_closed_pipe(shown)
}

/// The exercises to verify: all, or those of one chapter.
fn select(course: &Course, chapter: Option<&str>) -> Result<Vec<Exercise>> {
    let Some(dir) = chapter else {
        return Ok(course.exercises.clone());
    };
    let selection: Vec<Exercise> = course.chapter(dir).into_iter().cloned().collect();
    if selection.is_empty() {
        let mut chapters: Vec<&str> = course
            .exercises
            .iter()
            .filter_map(|e| e.chapter.as_deref())
            .collect();
        chapters.dedup();
        if chapters.is_empty() {
            bail!("--chapter {dir}: this course has no chapters; run `rustdrill verify` alone");
        }
        bail!(
            "--chapter {dir}: no exercise has `dir = \"{dir}\"` in info.toml. Chapters: {}",
            chapters.join(", ")
        );
    }
    Ok(selection)
}

fn entry(
    ex: &Exercise,
    kind: VerdictKind,
    headline: &str,
    duration_ms: u64,
    cached: bool,
) -> VerifyEntry {
    let pass = kind == VerdictKind::Pass;
    VerifyEntry {
        name: ex.name.clone(),
        chapter: ex.chapter.clone(),
        status: if pass { Status::Done } else { Status::NotDone },
        verdict: kind,
        first_message: (!pass).then(|| headline.to_owned()),
        duration_ms,
        cached,
    }
}

/// Runs the check with a progress bar on a terminal (exercises judged /
/// total and the phase), plain lines on stderr otherwise.
fn check_with_progress(
    course: &Course,
    exercises: &[&Exercise],
    total: usize,
) -> Result<Vec<check::Checked>> {
    let reporter = Reporter::new(Mode::Course {
        total,
        cached: total - exercises.len(),
    });
    check::check(course, exercises, &|event| reporter.report(event))
}

/// The text report: grouped by chapter, the first thing to fix beside each.
fn report(course: &Course, entries: &[VerifyEntry]) -> String {
    let mut out = String::new();
    let mut chapter: Option<&Option<String>> = None;
    for e in entries {
        if chapter != Some(&e.chapter) {
            chapter = Some(&e.chapter);
            let _ = writeln!(
                out,
                "{}",
                console::style(e.chapter.as_deref().unwrap_or("exercises")).bold()
            );
        }
        let note = if e.cached {
            ui::dim(&format!(" {}", t!("verify-unchanged")))
        } else {
            String::new()
        };
        let _ = match &e.first_message {
            None => writeln!(out, "  {} {}{note}", ui::ok("✓"), e.name),
            Some(msg) => {
                let msg = rustdrill_engine::sanitize::for_terminal(msg, false);
                writeln!(out, "  {} {} — {msg}{note}", ui::bad("✗"), e.name)
            }
        };
    }
    let done = entries.iter().filter(|e| e.status == Status::Done).count();
    let _ = writeln!(
        out,
        "\n{}",
        t!("verify-done", done = done, total = entries.len())
    );
    if let Some(next) = entries.iter().find(|e| e.status == Status::NotDone)
        && let Ok(ex) = course.exercise(&next.name)
    {
        let _ = writeln!(
            out,
            "{}",
            t!(
                "verify-next",
                name = &ex.name,
                path = ex.relative_path.display().to_string()
            )
        );
    }
    out
}

/// Writes through a `Result`, so a closed pipe (`| head`) ends quietly.
fn write_stdout(text: &str) -> Result<()> {
    let mut stdout = io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(())
}
