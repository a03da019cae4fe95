//! What happens to the learner's progress, in one place: recording a
//! verdict, revealing a hint, resetting an exercise, moving the current
//! exercise, reusing a cached verdict, revealing a solution, and the
//! messages a learner sees after those events. `run`, `hint`, `reset`,
//! `goto`, `verify` and `watch` call it; nothing else changes the stored
//! state.
//!
//! Every change is a small function applied by [`Store::update`] to the
//! state on disk under a lock, so two rustdrill processes on one course
//! (watch and `verify`, or an instructor's `goto`) merge their changes
//! instead of overwriting each other's.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::cache::CacheKeys;
use crate::course::{Course, Exercise};
use crate::embedded;
use crate::files;
use crate::state::{CachedVerdict, ExerciseState, State, Store, Timestamp};
use crate::verdict::{FileProblem, Verdict, VerdictKind};

/// The learner's progress in one course.
#[derive(Debug)]
pub struct Progress {
    store: Store,
    listener: Option<Listening>,
}

/// A change to the learner's progress that others may want to hear of
/// (the classroom reports it to the instructor's room).
#[derive(Debug, Clone, Copy)]
pub enum Change<'a> {
    /// This exercise became the current one.
    Current(&'a Exercise),
    /// A hint of this exercise was revealed.
    Hint(&'a Exercise),
    /// This exercise was checked.
    Checked(&'a Exercise, &'a Verdict),
}

/// Hears each change after it is applied. The engine knows of no listener:
/// the binary installs the classroom's (`Progress::listen`).
pub trait Listener {
    fn changed(&self, course: &Course, progress: &Progress, changes: &[Change<'_>]);
}

struct Listening(Box<dyn Listener>);

impl std::fmt::Debug for Listening {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Listener")
    }
}

/// The value of a change, and whether it reached the disk. A change that
/// could not be saved still applies to this process's copy: the caller
/// shows its result first, then `unsaved` as a warning.
#[must_use]
#[derive(Debug)]
pub struct Saved<T> {
    pub value: T,
    pub unsaved: Option<anyhow::Error>,
}

impl<T> Saved<T> {
    fn new((value, saved): (T, Result<()>)) -> Saved<T> {
        Saved {
            value,
            unsaved: saved.err(),
        }
    }

    /// The value, or the error when the change was not saved.
    pub fn into_result(self) -> Result<T> {
        match self.unsaved {
            None => Ok(self.value),
            Some(e) => Err(e),
        }
    }
}

/// One check to record.
pub struct CheckRecord<'a> {
    pub exercise: &'a Exercise,
    pub verdict: &'a Verdict,
    /// The cache key of the inputs the verdict was computed from; `None`
    /// when they changed during the check (or cannot be known).
    pub key: Option<String>,
}

/// Whether a pass of the current exercise makes the next one current.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Advance {
    /// `run`, `verify`: the course moves on at once.
    OnPass,
    /// watch: the screen stays on the solved exercise until `n`.
    Never,
}

/// What recording a pass means for the learner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AfterPass {
    pub exercise: String,
    /// Where the reference solution is, if the course has one.
    pub solution: Option<PathBuf>,
    /// The next exercise not done, if any.
    pub next: Option<(String, PathBuf)>,
}

/// How the learner can act on a message: by typing a command or a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Medium {
    Command,
    Watch,
}

impl AfterPass {
    /// The lines shown after a pass (unstyled; the final message of the
    /// course is the caller's, since watch verifies everything first).
    pub fn lines(&self, medium: Medium) -> Vec<String> {
        let mut lines = Vec::new();
        match (medium, &self.solution) {
            (Medium::Command, Some(path)) => lines.push(format!(
                "Solved! Compare with the reference solution: {}",
                path.display()
            )),
            (Medium::Watch, Some(path)) => lines.push(format!(
                "Compare with the reference solution, now at {} (`s` shows it).",
                path.display()
            )),
            (_, None) => {}
        }
        match (medium, &self.next) {
            (Medium::Command, Some((name, path))) => {
                lines.push(format!("Next exercise: {name} ({})", path.display()));
            }
            (Medium::Watch, Some((name, _))) => {
                lines.push(format!("Press n for the next exercise: {name}."));
            }
            (_, None) => {}
        }
        lines
    }
}

/// Hints revealed so far, after a request for one more (or all).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HintStep {
    /// Revealed before this request.
    pub before: usize,
    /// Revealed now.
    pub shown: usize,
    pub total: usize,
}

impl HintStep {
    /// Every hint was already out: nothing new to show.
    pub fn exhausted(&self) -> bool {
        self.before == self.total
    }
}

/// A selection split by the verdict cache.
pub struct Reuse {
    /// Exercises whose inputs are unchanged since their last verdict.
    pub cached: Vec<(Exercise, CachedVerdict)>,
    /// The rest, to check.
    pub to_check: Vec<Exercise>,
}

impl Progress {
    pub fn load(course: &Course) -> Result<Progress> {
        Ok(Progress {
            store: Store::open(&course.state_dir())?,
            listener: None,
        })
    }

    /// Tells `listener` of every change from now on.
    pub fn listen(&mut self, listener: Box<dyn Listener>) {
        self.listener = Some(Listening(listener));
    }

    /// Warnings met while reading (a damaged file kept aside).
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.store.warnings)
    }

    pub fn ensure_writable(&self) -> Result<()> {
        self.store.ensure_writable()
    }

    /// Reads what other processes wrote; true if anything changed.
    pub fn reload(&mut self) -> Result<bool> {
        self.store.reload()
    }

    pub fn state(&self) -> &State {
        &self.store.state
    }

    pub fn is_done(&self, name: &str) -> bool {
        self.store.state.is_done(name)
    }

    /// The stored state of one exercise, if it was ever opened or checked.
    pub fn exercise(&self, name: &str) -> Option<&ExerciseState> {
        self.store.state.exercises.get(name)
    }

    /// Whether the current exercise was chosen (by a pass, `goto`, `next`)
    /// rather than implied by the first exercise not done.
    pub fn current_is_chosen(&self) -> bool {
        self.store.state.current.is_some()
    }

    pub fn current<'c>(&self, course: &'c Course) -> &'c Exercise {
        navigation::current(&self.store.state, course)
    }

    pub fn next_pending<'c>(&self, course: &'c Course, after: &str) -> Option<&'c Exercise> {
        navigation::next_pending(&self.store.state, course, after)
    }

    pub fn done_count(&self, course: &Course) -> usize {
        navigation::done_count(&self.store.state, course)
    }

    /// The course's welcome, the first time it is asked for.
    pub fn welcome(&mut self, course: &Course) -> Saved<Option<String>> {
        let Some(message) = course.welcome_message.clone() else {
            return Saved {
                value: None,
                unsaved: None,
            };
        };
        self.update(course, |s| {
            let first = !s.welcomed;
            s.welcomed = true;
            first.then(|| message.trim().to_owned())
        })
    }

    /// Makes `ex` the current exercise.
    pub fn go_to(&mut self, course: &Course, ex: &Exercise) -> Saved<()> {
        let moved = self.store.state.current.as_deref() != Some(ex.name.as_str());
        let saved = self.update(course, |s| s.set_current(&ex.name));
        if moved {
            self.report(course, &[Change::Current(ex)]);
        }
        saved
    }

    /// Marks a chapter's introduction as shown; true the first time.
    pub fn introduce_chapter(&mut self, course: &Course, chapter: &str) -> Saved<bool> {
        self.update(course, |s| s.chapters_introduced.insert(chapter.to_owned()))
    }

    /// Reveals the next hint of `ex` (or all of them).
    pub fn reveal_hint(&mut self, course: &Course, ex: &Exercise, all: bool) -> Saved<HintStep> {
        let total = ex.hints.len();
        let saved = self.update(course, |s| {
            let entry = s.exercise(&ex.name);
            let before = entry.hints_shown.min(total);
            let shown = if all { total } else { (before + 1).min(total) };
            entry.hints_shown = shown;
            HintStep {
                before,
                shown,
                total,
            }
        });
        if !saved.value.exhausted() {
            self.report(course, &[Change::Hint(ex)]);
        }
        saved
    }

    /// Records checks: the count, `done` (passed at its last check), when it
    /// was first solved, and the verdict cache. A pass reveals the solution
    /// of a course from `rustdrill init`; with [`Advance::OnPass`] a pass of
    /// the current exercise makes the next pending one current. Returns,
    /// per record, what to tell the learner after a pass.
    pub fn record(
        &mut self,
        course: &Course,
        records: &[CheckRecord<'_>],
        advance: Advance,
    ) -> Saved<Vec<Option<AfterPass>>> {
        let mut saved = self.update(course, |s| {
            records
                .iter()
                .map(|r| record_one(s, course, r, advance))
                .collect::<Vec<_>>()
        });
        let events: Vec<_> = records
            .iter()
            .map(|r| Change::Checked(r.exercise, r.verdict))
            .collect();
        self.report(course, &events);
        for (record, after) in records.iter().zip(&saved.value) {
            if after.is_some()
                && let Err(e) = reveal_solution(course, record.exercise)
            {
                saved.unsaved.get_or_insert(e);
            }
        }
        saved
    }

    /// Splits `selection` by the verdict cache (with `use_cache` false,
    /// everything is checked). A cached pass whose progress was lost (a
    /// state file kept aside, say) is marked done again.
    pub fn reuse_cached(
        &mut self,
        course: &Course,
        keys: &mut CacheKeys,
        selection: &[Exercise],
        use_cache: bool,
    ) -> Saved<Reuse> {
        let mut reuse = Reuse {
            cached: Vec::new(),
            to_check: Vec::new(),
        };
        let mut passed_again = Vec::new();
        for ex in selection {
            let key = keys.key(ex);
            let hit = self
                .store
                .state
                .exercises
                .get(&ex.name)
                .and_then(|e| e.cache.as_ref())
                .filter(|c| use_cache && key.as_ref() == Some(&c.key));
            match hit {
                Some(hit) => {
                    if hit.kind == VerdictKind::Pass && !self.is_done(&ex.name) {
                        passed_again.push(ex.name.clone());
                    }
                    reuse.cached.push((ex.clone(), hit.clone()));
                }
                None => reuse.to_check.push(ex.clone()),
            }
        }
        if passed_again.is_empty() {
            return Saved {
                value: reuse,
                unsaved: None,
            };
        }
        let saved = self.update(course, |s| {
            for name in &passed_again {
                s.exercise(name).done = true;
            }
        });
        Saved {
            value: reuse,
            unsaved: saved.unsaved,
        }
    }

    /// Backs up the learner's file to `.rustdrill/backup/NAME-TIME.rs`,
    /// restores the original, and starts the exercise over (not done, no
    /// hints shown). Returns the backup's path.
    pub fn reset(&mut self, course: &Course, ex: &Exercise) -> Result<Saved<Option<PathBuf>>> {
        let original = original(course, ex)?;
        let backup_dir = course.state_dir().join("backup");
        let mut backup = None;
        // Only a regular file: reading a FIFO put in its place would block.
        let readable = FileProblem::of(&ex.path).is_none();
        // An empty file holds nothing to keep: no empty backup.
        if readable
            && let Ok(current) = fs::read(&ex.path)
            && !current.is_empty()
        {
            // The learner's file is replaced only once its backup is whole
            // and on disk; a backup that cannot be written (a full disk)
            // leaves no file behind and stops the reset.
            let path = files::stamped_path(&backup_dir, &format!("{}-", ex.name), ".rs");
            fs::create_dir_all(&backup_dir)
                .and_then(|()| files::write_new(&path, &current))
                .map_err(|e| cannot_back_up(ex, &backup_dir, &e))?;
            backup = Some(path);
        }
        if let Some(parent) = ex.path.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        files::write_atomic(&ex.path, &original)
            .with_context(|| format!("cannot replace {}", ex.path.display()))?;
        let saved = self.update(course, |s| {
            let entry = s.exercise(&ex.name);
            entry.done = false;
            entry.hints_shown = 0;
            entry.cache = None;
        });
        Ok(Saved {
            value: backup,
            unsaved: saved.unsaved,
        })
    }

    /// The done exercise with the latest `solved_at`.
    pub fn last_solved<'c>(&self, course: &'c Course) -> Option<&'c Exercise> {
        course
            .exercises
            .iter()
            .filter_map(|ex| {
                let state = self.store.state.exercises.get(&ex.name)?;
                state.done.then_some((state.solved_at?, ex))
            })
            .max_by_key(|(solved_at, _)| *solved_at)
            .map(|(_, ex)| ex)
    }

    fn report(&self, course: &Course, changes: &[Change<'_>]) {
        if let Some(Listening(listener)) = &self.listener {
            listener.changed(course, self, changes);
        }
    }

    /// Applies `change` under the lock. On the very first save of a course
    /// that is not the embedded one, keeps a copy of every exercise first,
    /// so `reset` can restore it later.
    fn update<R>(&mut self, course: &Course, change: impl Fn(&mut State) -> R) -> Saved<R> {
        let originals = if self.store.fresh && !course.embedded {
            keep_originals(course).err()
        } else {
            None
        };
        let mut saved = Saved::new(self.store.update(change));
        if let Some(e) = originals {
            saved.unsaved.get_or_insert(e);
        }
        saved
    }
}

fn record_one(
    s: &mut State,
    course: &Course,
    record: &CheckRecord<'_>,
    advance: Advance,
) -> Option<AfterPass> {
    let ex = record.exercise;
    let passed = record.verdict.passed();
    let entry = s.exercise(&ex.name);
    // Saturating: the count comes from a file a learner can edit.
    entry.checks = entry.checks.saturating_add(1);
    if entry.first_opened.is_none() {
        entry.first_opened = Some(Timestamp::now());
    }
    if passed && entry.solved_at.is_none() {
        entry.solved_at = Some(Timestamp::now());
    }
    entry.done = passed;
    // One verdict per exercise, whoever computed it; a failure that is about
    // the machine is checked again next time.
    entry.cache = match &record.key {
        Some(key) if !record.verdict.is_about_the_machine() => Some(CachedVerdict {
            key: key.clone(),
            kind: record.verdict.kind(),
            first_message: record.verdict.headline(),
            error_line: record.verdict.error_line_in(&ex.path),
        }),
        _ => None,
    };
    if !passed {
        return None;
    }
    if advance == Advance::OnPass
        && navigation::current(s, course).name == ex.name
        && let Some(next) = navigation::next_pending(s, course, &ex.name)
    {
        let next = next.name.clone();
        s.set_current(&next);
    }
    Some(AfterPass {
        exercise: ex.name.clone(),
        solution: Some(ex.solution_path.clone())
            .filter(|p| course.root.join(p).is_file() || solution_embedded(course, ex)),
        next: navigation::next_pending(s, course, &ex.name)
            .map(|n| (n.name.clone(), n.relative_path.clone())),
    })
}

fn solution_embedded(course: &Course, ex: &Exercise) -> bool {
    course.embedded && embedded::file(&ex.solution_path).is_some()
}

/// A course from `rustdrill init` gets an exercise's solution once solved.
pub fn reveal_solution(course: &Course, ex: &Exercise) -> Result<Option<PathBuf>> {
    let dest = course.root.join(&ex.solution_path);
    if dest.exists() || !course.embedded {
        return Ok(None);
    }
    let Some(bytes) = embedded::file(&ex.solution_path) else {
        return Ok(None);
    };
    let bytes = &crate::i18n::localise_original(course, &ex.solution_path, bytes.to_vec());
    if let Some(parent) = dest.parent() {
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    files::write_atomic(&dest, bytes)
        .with_context(|| format!("cannot write {}", dest.display()))?;
    Ok(Some(dest))
}

pub fn originals_dir(course: &Course) -> PathBuf {
    course.state_dir().join("originals")
}

fn keep_originals(course: &Course) -> Result<()> {
    keep_copies(
        course,
        course.exercises.iter().map(|ex| ex.relative_path.as_path()),
    )
}

/// After `tracks add` wrote `added` (course-relative paths) into a course
/// whose originals are kept (one not embedded in rustdrill, already
/// started): keeps the added exercises' originals too, so `reset` can
/// restore them.
pub fn keep_originals_of_added(course: &Course, added: &[PathBuf]) -> Result<()> {
    if course.embedded || !originals_dir(course).is_dir() {
        return Ok(());
    }
    keep_copies(
        course,
        added
            .iter()
            .filter(|rel| rel.starts_with("exercises"))
            .map(PathBuf::as_path),
    )
}

/// Copies each course-relative file that exists and has no kept copy yet.
fn keep_copies<'a>(course: &Course, rels: impl Iterator<Item = &'a Path>) -> Result<()> {
    for rel in rels {
        let source = course.root.join(rel);
        let dest = originals_dir(course).join(rel);
        if !dest.exists() && source.is_file() {
            // Whole or not at all: `reset` restores from it.
            let parent = dest.parent().unwrap_or(&dest);
            fs::create_dir_all(parent)
                .and_then(|()| fs::read(&source))
                .and_then(|bytes| files::write_new(&dest, &bytes))
                // Another rustdrill kept it first: the original is kept.
                .or_else(|e| match e.kind() {
                    std::io::ErrorKind::AlreadyExists => Ok(()),
                    _ => Err(e),
                })
                .with_context(|| format!("cannot keep an original of {}", rel.display()))?;
        }
    }
    Ok(())
}

/// Why a reset stopped before changing anything, and what to do.
fn cannot_back_up(ex: &Exercise, backup_dir: &Path, e: &std::io::Error) -> anyhow::Error {
    use std::io::ErrorKind;
    let advice = match e.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded | ErrorKind::FileTooLarge => {
            "The disk is full: make room, then reset again."
        }
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
            "The folder is read-only: make it writable, then reset again."
        }
        _ => "Check that the course folder is writable, then reset again.",
    };
    anyhow::anyhow!(
        "cannot keep a backup of {} in {} ({e}), so nothing was changed: your file \
         is as it was. {advice}",
        ex.relative_path.display(),
        backup_dir.display()
    )
}

/// The exercise file as the course shipped it.
pub fn original(course: &Course, ex: &Exercise) -> Result<Vec<u8>> {
    if course.embedded
        && let Some(bytes) = embedded::file(&ex.relative_path)
    {
        // In the course's language, as `init` or `lang` wrote it.
        return Ok(crate::i18n::localise_original(
            course,
            &ex.relative_path,
            bytes.to_vec(),
        ));
    }
    let kept = originals_dir(course).join(&ex.relative_path);
    match fs::read(&kept) {
        Ok(bytes) => Ok(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => anyhow::bail!(
            "rustdrill has no original of {} (it keeps one from the first time it runs \
             a course). If the course is in git, restore it with `git checkout -- {}`.",
            ex.relative_path.display(),
            ex.relative_path.display()
        ),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", kept.display())),
    }
}

/// Which exercise comes next: the learner's way through the course.
mod navigation {
    use super::*;

    /// The current exercise: the recorded one if it still exists, else the
    /// first one not done (the last one when all are done).
    pub fn current<'c>(state: &State, course: &'c Course) -> &'c Exercise {
        if let Some(name) = &state.current
            && let Some(ex) = course.exercises.iter().find(|e| &e.name == name)
        {
            return ex;
        }
        course
            .exercises
            .iter()
            .find(|e| !state.is_done(&e.name))
            .unwrap_or_else(|| course.exercises.last().expect("a course has exercises"))
    }

    /// The next exercise not done after `after`, wrapping to the start.
    pub fn next_pending<'c>(
        state: &State,
        course: &'c Course,
        after: &str,
    ) -> Option<&'c Exercise> {
        let pos = course
            .exercises
            .iter()
            .position(|e| e.name == after)
            .unwrap_or(0);
        let (before, rest) = course.exercises.split_at(pos + 1);
        rest.iter().chain(before).find(|e| !state.is_done(&e.name))
    }

    pub fn done_count(state: &State, course: &Course) -> usize {
        course
            .exercises
            .iter()
            .filter(|e| state.is_done(&e.name))
            .count()
    }
}

#[cfg(test)]
mod tests;
