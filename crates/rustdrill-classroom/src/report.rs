//! The learner's progress as classroom events: the one place an [`Event`]
//! is built from progress, and the listener the binary installs on
//! [`Progress`](rustdrill_engine::progress::Progress) so that every change
//! reaches the outbox.

use rustdrill_engine::course::{Course, Exercise};
use rustdrill_engine::progress::{Change, Listener, Progress};

use crate::{Event, EventKind, client, now_ms, verdict_name};

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
