//! A check off the screen's thread: `check::check` of one selection on a
//! worker thread, with the verdict-cache keys computed there too (they
//! read files, and the first asks `rustc --version`), reporting through a
//! callback. It knows nothing of the watch loop's events.

use std::fmt;
use std::sync::{Arc, OnceLock};
use std::thread;

use rustdrill_engine::cache::CacheKeys;
use rustdrill_engine::check::{self, CheckEvent, Checked};
use rustdrill_engine::course::{Course, Exercise};
use rustdrill_engine::supervisor::Cancel;

/// One exercise's verdict, with the cache key of what was checked.
#[derive(Debug)]
pub struct Judged {
    /// Index into the course.
    pub exercise: usize,
    pub checked: Checked,
    /// `None` when the inputs changed during the check (or no toolchain).
    pub key: Option<String>,
}

/// Why a check gave no verdicts.
#[derive(Debug)]
pub enum CheckFailed {
    /// The check could not run (no cargo, a broken manifest…).
    Error(anyhow::Error),
    /// A bug in the pipeline: it becomes a message like any failed check
    /// rather than leave the screen waiting for a verdict forever.
    Panicked,
}

impl fmt::Display for CheckFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CheckFailed::Error(e) => write!(f, "{e:#}"),
            CheckFailed::Panicked => f.write_str(CHECK_PANICKED),
        }
    }
}

/// What a worker reports.
#[derive(Debug)]
pub enum Report {
    Progress(CheckEvent),
    Finished(Result<Vec<Judged>, CheckFailed>),
}

/// The course's cache-key maker, made once — by the first check's worker,
/// since it asks `rustc --version` — and shared with every later check.
/// Holds `None` without a toolchain (the check says why).
#[derive(Debug, Clone, Default)]
pub struct SharedKeys(Arc<OnceLock<Option<CacheKeys>>>);

impl SharedKeys {
    pub fn get(&self, course: &Course) -> Option<CacheKeys> {
        self.0.get_or_init(|| CacheKeys::new(course).ok()).clone()
    }
}

/// The cache keys of the selection as it is before the check.
pub enum Before {
    /// To compute on the worker, from the shared key maker.
    Compute(SharedKeys),
    /// Computed already (a verify-all looked the selection up in the
    /// verdict cache with them).
    Known(Option<CacheKeys>),
}

/// Checks `selection` on a thread of its own; `report` gets its progress
/// and then, once, its verdicts. `cancel` ends it at once (cargo and the
/// exercise's processes); it then reports an error nobody waits for.
pub fn spawn(
    course: Arc<Course>,
    selection: Vec<Exercise>,
    before: Before,
    cancel: Arc<Cancel>,
    report: impl Fn(Report) + Send + Sync + 'static,
) {
    thread::spawn(move || {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let keys = match before {
                // Anew for each check: files, the build record, and the
                // time the check starts.
                Before::Compute(shared) => shared.get(&course).map(|keys| {
                    let mut keys = keys.reread();
                    for ex in &selection {
                        keys.key(ex);
                    }
                    keys
                }),
                Before::Known(keys) => keys,
            };
            let refs: Vec<&Exercise> = selection.iter().collect();
            let progress = |p: CheckEvent| report(Report::Progress(p));
            let checked = check::check_cancellable(&course, &refs, &progress, Some(cancel))
                .map_err(CheckFailed::Error)?;
            Ok(judged(&course, keys.as_ref(), checked))
        }));
        report(Report::Finished(
            result.unwrap_or(Err(CheckFailed::Panicked)),
        ));
    });
}

/// Pairs each verdict with its exercise and its cache key as of now.
fn judged(course: &Course, before: Option<&CacheKeys>, checked: Vec<Checked>) -> Vec<Judged> {
    // Every check is of an exercise of this course (it came from it).
    let exercises: Vec<&Exercise> = checked
        .iter()
        .filter_map(|c| course.exercise(&c.name).ok())
        .collect();
    let keys = match before {
        Some(before) => {
            let judged: Vec<(&Exercise, bool)> = exercises
                .iter()
                .zip(&checked)
                .map(|(ex, c)| (*ex, c.cacheable))
                .collect();
            before.after_check(&judged)
        }
        None => vec![None; exercises.len()],
    };
    exercises
        .iter()
        .zip(checked)
        .zip(keys)
        .map(|((ex, checked), key)| Judged {
            exercise: ex.index,
            checked,
            key,
        })
        .collect()
}

const CHECK_PANICKED: &str = "rustdrill itself failed while checking (a bug: please report it \
     with the message printed above). Press r to try again.";
