//! The learner's progress as classroom events: the one place an [`Event`]
//! is built from progress, and the listener the binary installs on
//! [`Progress`](rustdrill_engine::progress::Progress) so that every change
//! reaches the outbox.

use anyhow::{Context, Result};
use rustdrill_engine::course::{Course, Exercise};
use rustdrill_engine::progress::{Change, Listener, Progress};

use crate::{Event, EventKind, MAX_CODE, MAX_TEXT, client, clip, now_ms, verdict_name};

/// An event of `kind` about `ex`, with the learner's counts for it and
/// their current exercise.
pub fn event(kind: EventKind, course: &Course, progress: &Progress, ex: &Exercise) -> Event {
    let entry = progress.exercise(&ex.name);
    Event {
        seq: 0,
        kind,
        exercise: ex.name.clone(),
        verdict: None,
        message: None,
        checks: entry.map_or(0, |e| e.checks),
        hints: entry.map_or(0, |e| u32::try_from(e.hints_shown).unwrap_or(u32::MAX)),
        current: Some(progress.current(course).name.clone()),
        at: now_ms(),
        code: None,
        note: None,
        error_line: None,
    }
}

/// Where the learner stands, for a room just joined (so the dashboard does
/// not wait for a check): the current exercise, then every one solved.
pub fn standing(course: &Course, progress: &Progress) -> Vec<Event> {
    let current = event(
        EventKind::Current,
        course,
        progress,
        progress.current(course),
    );
    let solved = course
        .exercises
        .iter()
        .filter(|ex| progress.is_done(&ex.name))
        .map(|ex| Event {
            verdict: Some("pass".into()),
            ..event(EventKind::Check, course, progress, ex)
        });
    std::iter::once(current).chain(solved).collect()
}

/// A raised hand for `ex`: its file (cut at the wire's limit), its last
/// verdict, what the learner says (`note`) and, when known, the line of
/// the first error. The learner is shown as on `ex` while the hand is up.
pub fn help(
    course: &Course,
    progress: &Progress,
    ex: &Exercise,
    note: Option<&str>,
    error_line: Option<u32>,
) -> Result<Event> {
    let bytes = std::fs::read(&ex.path)
        .with_context(|| format!("cannot read {}", ex.relative_path.display()))?;
    let code = String::from_utf8_lossy(&bytes);
    let cached = progress.exercise(&ex.name).and_then(|e| e.cache.as_ref());
    Ok(Event {
        verdict: cached.map(|c| verdict_name(c.kind)),
        message: cached.map(|c| c.first_message.clone()),
        current: Some(ex.name.clone()),
        code: Some(clip(&code, MAX_CODE).to_owned()),
        note: note
            .map(|n| clip(n.trim(), MAX_TEXT).to_owned())
            .filter(|n| !n.is_empty()),
        // A hand raised from the command line has no verdict of its own:
        // the line of the last check's first error.
        error_line: error_line.or_else(|| cached.and_then(|c| c.error_line)),
        ..event(EventKind::Help, course, progress, ex)
    })
}

/// Sends every progress change to the room, if the course joined one (a
/// file test when not): the outbox takes the events, a background thread
/// sends them.
pub struct Reporter;

impl Listener for Reporter {
    fn changed(&self, course: &Course, progress: &Progress, changes: &[Change<'_>]) {
        let state_dir = course.state_dir();
        if client::membership(&state_dir).is_none() {
            return;
        }
        let events = changes
            .iter()
            .map(|change| match *change {
                Change::Current(ex) => event(EventKind::Current, course, progress, ex),
                Change::Hint(ex) => event(EventKind::Hint, course, progress, ex),
                Change::Checked(ex, verdict) => Event {
                    verdict: Some(verdict_name(verdict.kind())),
                    message: Some(verdict.headline()),
                    ..event(EventKind::Check, course, progress, ex)
                },
            })
            .collect();
        client::report(&state_dir, events);
    }
}
