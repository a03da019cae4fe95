//! `rustdrill run [NAME]`: check one exercise once and print its verdict.

use anyhow::Result;

use super::Outcome;
use crate::cli::Global;
use crate::session::Session;
use crate::ui::{self, Detail, Mode, Reporter, out, outln};
use rustdrill_engine::cache::CacheKeys;
use rustdrill_engine::check;
use rustdrill_engine::course::{Course, Exercise};
use rustdrill_engine::progress::{Advance, AfterPass, CheckRecord, Medium, Progress};
use rustdrill_engine::verdict::Verdict;

pub fn run(global: &Global, name: Option<&str>) -> Result<Outcome> {
    let mut session = Session::load(global)?;
    // The room catches up with what waits in the outbox (after the output).
    session.resync_classroom();
    let Session { course, progress } = &mut session;
    // A misspelt name fails before anything is written.
    let named = name
        .map(|name| course.exercise(name).cloned())
        .transpose()?;
    let mut unsaved = Vec::new();
    let welcome = progress.welcome(course);
    unsaved.extend(welcome.unsaved);
    if let Some(text) = welcome.value {
        // A welcome that cannot be shown (a closed pipe) is no reason to
        // skip the check: its error is left to the verdict's output.
        let _ = outln!("{text}\n");
    }
    let ex = match named {
        Some(ex) => ex,
        None => {
            let ex = progress.current(course).clone();
            unsaved.extend(progress.go_to(course, &ex).unsaved);
            ex
        }
    };
    // Keys as the check starts: a verdict is cached only for the inputs it
    // was computed from (no rustc to ask: the check itself says so). Asking
    // rustc its version takes a process: done beside the check, not before.
    let (before, verdict) = std::thread::scope(|scope| {
        let keys = scope.spawn(|| {
            let mut keys = CacheKeys::new(course).ok();
            if let Some(keys) = keys.as_mut() {
                keys.key(&ex);
            }
            keys
        });
        let verdict = check_one(course, &ex);
        (keys.join().ok().flatten(), verdict)
    });
    let verdict = verdict?;
    let key = before.and_then(|keys| {
        keys.after_check(&[(&ex, verdict.cacheable)])
            .pop()
            .flatten()
    });
    let verdict = verdict.verdict;
    let recorded = progress.record(
        course,
        &[CheckRecord {
            exercise: &ex,
            verdict: &verdict,
            key,
        }],
        Advance::OnPass,
    );
    unsaved.extend(recorded.unsaved);
    // The verdict is shown even when progress could not be saved: the
    // learner asked for it. The warning follows.
    let passed = verdict.passed();
    let shown = show(course, progress, &ex, &verdict, recorded.value.first());
    if let Some(e) = unsaved.into_iter().next() {
        return Err(e.context("the verdict above was not saved"));
    }
    let outcome = if passed {
        Outcome::Done
    } else {
        Outcome::NotDone
    };
    outcome.despite_closed_pipe(shown)
}

/// The verdict, then what follows a pass (the next exercise, a track or
/// the course done) or, after a failure, where the hints are.
fn show(
    course: &Course,
    progress: &Progress,
    ex: &Exercise,
    verdict: &Verdict,
    after: Option<&Option<AfterPass>>,
) -> Result<()> {
    out!("{}", ui::render_verdict(course, ex, verdict, Detail::Full))?;
    if let Some(Some(after)) = after {
        outln!()?;
        for line in ui::after_pass(after, Medium::Command) {
            outln!("{line}")?;
        }
        if let Some(done) = course.track_done(ex, |n| progress.is_done(n)) {
            outln!("{}", ui::ok(&ui::track_done(&done)))?;
        }
        if after.next.is_none()
            && let Some(msg) = &course.final_message
        {
            outln!("{}", msg.trim())?;
        }
    } else if !verdict.passed() && !ex.hints.is_empty() {
        outln!(
            "\n{}",
            ui::dim(&ui::text::t!("verdict-stuck", name = &ex.name))
        )?;
    }
    Ok(())
}

/// Checks one exercise with a spinner on stderr (hidden when not a terminal).
pub fn check_one(course: &Course, ex: &Exercise) -> Result<check::Checked> {
    let reporter = Reporter::new(Mode::Exercise {
        name: ex.name.clone(),
    });
    let mut checked = check::check(course, &[ex], &|event| reporter.report(event))?;
    Ok(checked.remove(0))
}
