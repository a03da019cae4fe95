//! When the watch screen checks, and when it builds in the background: a
//! pure state machine. Each method is one event (a save of the exercise on
//! screen, a key's action, a check finished, a background build's report)
//! and returns the `Command`s the shell (`app`) carries out. No threads, no
//! terminal, no files: the shell reads a saved file and passes its hash, so
//! every decision below is unit-tested.
//!
//! Saves during a check: a check of one exercise is stale as soon as
//! another is wanted (the file was saved again, the learner moved on), so
//! it is cancelled (`CancelCheck`: cargo and the exercise's processes are
//! ended at once, whatever they started included) and the new one starts.
//! Waiting for it instead would hold the new verdict back for as long as
//! the old content runs — up to its time limit for a loop. Cargo keeps what
//! it finished compiling, so the new check loses little.
//!
//! A verify-all is not cancelled: the learner asked for its summary, which
//! covers a save made meanwhile; a job asked for while it runs waits
//! (`pending`), even when it is asked for while the last result is being
//! taken in (the final verify-all after the last exercise is solved). One
//! check runs at a time.

use std::collections::{HashMap, HashSet};

use rustdrill_engine::course::{Course, Layout};

/// What a check covers: one exercise (index into the course) or all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    One(usize),
    All,
}

/// The chapter a background build prepares, and the exercise binary whose
/// dependencies it builds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrebuildTarget {
    pub chapter: String,
    pub bin: String,
}

/// What the shell must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Start check `id` of `job` on a worker; its reports carry `id`.
    StartCheck { id: u64, job: Job },
    /// End check `id` now: its result is no longer wanted (and any report
    /// of it that still comes is ignored).
    CancelCheck { id: u64 },
    /// Stop the background build: the learner's check wins cargo's lock
    /// and the CPU.
    StopPrebuild,
    /// Start background build `generation`; its reports carry it.
    StartPrebuild {
        generation: u64,
        target: PrebuildTarget,
    },
}

/// A save of the exercise on screen, as the shell found the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// The path is not a regular file (deleted, renamed away, a FIFO): the
    /// check says so, and the new content's own event follows.
    NotAFile,
    /// The file could not be read just now.
    Unreadable,
    /// The hash of what the file holds.
    Hash(u64),
}

/// How a verify-all ends on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verified {
    /// Everything passes after the last exercise was solved: the course's
    /// final message.
    Final,
    /// A summary of what passes and what does not.
    Summary,
}

#[derive(Debug)]
pub struct Scheduler {
    running: Option<(u64, Job)>,
    /// One queued job at most: a verify-all covers a single check, the
    /// latest single check replaces an older one.
    pending: Option<Job>,
    next_id: u64,
    /// Hash of each exercise's content as last sent to a check, so a save
    /// that changes nothing (or our own reset) does not check twice.
    sent: HashMap<usize, u64>,
    /// The last exercise was solved: the next verify-all is the final one.
    final_verify: bool,
    prebuild_enabled: bool,
    /// The generation of the background build that runs, if one does.
    prebuilding: Option<u64>,
    generation: u64,
    /// Chapters whose dependencies are built already.
    prebuilt: HashSet<String>,
}

impl Scheduler {
    /// Check ids go on from `next_id`, so reports of an earlier screen's
    /// checks (before info.toml was reloaded) are never taken for ours.
    pub fn new(prebuild_enabled: bool, next_id: u64) -> Scheduler {
        Scheduler {
            running: None,
            pending: None,
            next_id,
            sent: HashMap::new(),
            final_verify: false,
            prebuild_enabled,
            prebuilding: None,
            generation: 0,
            prebuilt: HashSet::new(),
        }
    }

    /// The first id a later scheduler may use.
    pub fn next_id(&self) -> u64 {
        self.next_id + 1
    }

    /// The learner (or a move to another exercise) wants `job` checked:
    /// now, cancelling a running check of one exercise, or after a running
    /// verify-all.
    pub fn want(&mut self, job: Job) -> Vec<Command> {
        match self.running {
            None => self.start(job),
            Some((id, Job::One(_))) => {
                self.running = None;
                let mut commands = vec![Command::CancelCheck { id }];
                commands.extend(self.start(job));
                commands
            }
            Some((_, Job::All)) => {
                self.pending = Some(match (self.pending, job) {
                    (Some(Job::All), _) | (_, Job::All) => Job::All,
                    (_, one) => one,
                });
                Vec::new()
            }
        }
    }

    /// `r`: check `exercise` again even though it did not change.
    pub fn recheck(&mut self, exercise: usize) -> Vec<Command> {
        self.sent.remove(&exercise);
        self.want(Job::One(exercise))
    }

    /// The exercise on screen was written: check it unless it holds what
    /// was last checked.
    pub fn saved(&mut self, exercise: usize, content: Content) -> Vec<Command> {
        match content {
            Content::NotAFile => self.want(Job::One(exercise)),
            Content::Unreadable => Vec::new(),
            Content::Hash(hash) if self.sent.get(&exercise) == Some(&hash) => Vec::new(),
            Content::Hash(_) => self.want(Job::One(exercise)),
        }
    }

    /// The shell started a check of `exercise` holding content `hash`.
    pub fn sent(&mut self, exercise: usize, hash: u64) {
        self.sent.insert(exercise, hash);
    }

    /// Whether reports of check `id` are still wanted.
    pub fn is_current(&self, id: u64) -> bool {
        self.running.is_some_and(|(running, _)| running == id)
    }

    /// Check `id` is done: the job it was, or `None` for a result nobody
    /// waits for any more. Call `settle` once the result is taken in.
    pub fn finished(&mut self, id: u64) -> Option<Job> {
        self.running
            .take_if(|(running, _)| *running == id)
            .map(|(_, job)| job)
    }

    /// After a result: the queued job, else a background build of
    /// `next_chapter` (see `prebuild_target`).
    pub fn settle(&mut self, next_chapter: Option<PrebuildTarget>) -> Vec<Command> {
        if self.running.is_some() {
            return Vec::new();
        }
        match self.pending.take() {
            Some(job) => self.start(job),
            None => self.prebuild(next_chapter),
        }
    }

    /// The last exercise not done was solved (or `n` found none): verify
    /// everything once more, the final time.
    pub fn last_solved(&mut self) -> Vec<Command> {
        self.final_verify = true;
        self.want(Job::All)
    }

    /// A verify-all's result is in.
    pub fn verified(&mut self, all_pass: bool) -> Verified {
        if all_pass && self.final_verify {
            return Verified::Final;
        }
        self.final_verify = false;
        Verified::Summary
    }

    /// Whether a background build's reports are still wanted.
    pub fn is_current_prebuild(&self, generation: u64) -> bool {
        self.prebuilding == Some(generation)
    }

    /// A background build finished: `true` when it was the current one,
    /// whose chapter is now ready.
    pub fn prebuild_finished(&mut self, generation: u64, chapter: &str) -> bool {
        if !self.is_current_prebuild(generation) {
            return false;
        }
        self.prebuilding = None;
        self.prebuilt.insert(chapter.to_owned());
        true
    }

    fn start(&mut self, job: Job) -> Vec<Command> {
        let mut commands = Vec::new();
        if self.prebuilding.take().is_some() {
            commands.push(Command::StopPrebuild);
        }
        self.next_id += 1;
        self.running = Some((self.next_id, job));
        commands.push(Command::StartCheck {
            id: self.next_id,
            job,
        });
        commands
    }

    /// Builds the next chapter's dependencies while the learner is busy
    /// reading and typing (never while a check runs).
    fn prebuild(&mut self, target: Option<PrebuildTarget>) -> Vec<Command> {
        if !self.prebuild_enabled || self.running.is_some() || self.prebuilding.is_some() {
            return Vec::new();
        }
        let Some(target) = target.filter(|t| !self.prebuilt.contains(&t.chapter)) else {
            return Vec::new();
        };
        self.generation += 1;
        self.prebuilding = Some(self.generation);
        vec![Command::StartPrebuild {
            generation: self.generation,
            target,
        }]
    }
}

/// The chapter after the one of `viewing`, when it builds in a package of
/// its own (a workspace course); `None` for Rustlings' single package.
pub fn prebuild_target(course: &Course, viewing: usize) -> Option<PrebuildTarget> {
    if course.layout == Layout::Rustlings {
        return None;
    }
    let ex = &course.exercises[viewing];
    let chapter = ex.chapter.as_ref()?;
    let next = course.exercises[viewing..]
        .iter()
        .find(|e| e.chapter.as_ref().is_some_and(|c| c != chapter))?;
    (next.package != ex.package).then(|| PrebuildTarget {
        chapter: next.chapter.clone().unwrap_or_default(),
        bin: next.name.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scheduler() -> Scheduler {
        Scheduler::new(true, 0)
    }

    fn check(id: u64, job: Job) -> Command {
        Command::StartCheck { id, job }
    }

    fn target(chapter: &str) -> PrebuildTarget {
        PrebuildTarget {
            chapter: chapter.to_owned(),
            bin: format!("{chapter}_first"),
        }
    }

    /// A scheduler whose check 1 of exercise 0 runs.
    fn checking() -> Scheduler {
        let mut s = scheduler();
        assert_eq!(s.want(Job::One(0)), [check(1, Job::One(0))]);
        s.sent(0, 10);
        s
    }

    #[test]
    fn a_job_starts_at_once_when_nothing_runs() {
        let mut s = scheduler();
        assert_eq!(s.want(Job::One(3)), [check(1, Job::One(3))]);
        assert!(s.is_current(1));
    }

    fn cancel(id: u64) -> Command {
        Command::CancelCheck { id }
    }

    #[test]
    fn save_during_a_running_check_cancels_it() {
        let mut s = checking();
        // The check of content 10 runs (a loop, say); the fix is saved.
        assert_eq!(
            s.saved(0, Content::Hash(11)),
            [cancel(1), check(2, Job::One(0))]
        );
        s.sent(0, 11);
        assert!(!s.is_current(1), "reports of check 1 are not shown");
        // Saved again before check 2 is done: it goes the same way.
        assert_eq!(
            s.saved(0, Content::Hash(12)),
            [cancel(2), check(3, Job::One(0))]
        );
        s.sent(0, 12);
        // The cancelled checks' last words are ignored; nothing is queued.
        assert_eq!(s.finished(1), None);
        assert_eq!(s.finished(2), None);
        assert_eq!(s.finished(3), Some(Job::One(0)));
        assert_eq!(s.settle(None), []);
    }

    #[test]
    fn a_save_of_what_the_running_check_checks_does_not_cancel_it() {
        let mut s = checking();
        assert_eq!(s.saved(0, Content::Hash(10)), []);
        assert!(s.is_current(1));
    }

    #[test]
    fn moving_to_another_exercise_cancels_the_running_check() {
        let mut s = checking();
        assert_eq!(s.want(Job::One(1)), [cancel(1), check(2, Job::One(1))]);
        assert_eq!(s.finished(1), None);
        assert!(s.is_current(2));
    }

    #[test]
    fn a_result_for_an_older_job_is_ignored() {
        let mut s = checking();
        s.saved(0, Content::Hash(11));
        assert!(!s.is_current(1), "progress of check 1 is not shown");
        assert_eq!(s.finished(1), None);
        assert!(s.is_current(2), "check 2 still runs");
    }

    #[test]
    fn a_save_that_changes_nothing_starts_no_check() {
        let mut s = checking();
        s.finished(1);
        s.settle(None);
        assert_eq!(s.saved(0, Content::Hash(10)), []);
        assert_eq!(s.saved(0, Content::Unreadable), []);
        assert_eq!(s.saved(0, Content::Hash(11)), [check(2, Job::One(0))]);
    }

    #[test]
    fn a_file_that_is_gone_is_checked_to_say_so() {
        let mut s = checking();
        s.finished(1);
        s.settle(None);
        assert_eq!(s.saved(0, Content::NotAFile), [check(2, Job::One(0))]);
    }

    #[test]
    fn recheck_checks_unchanged_content_again() {
        let mut s = checking();
        s.finished(1);
        s.settle(None);
        assert_eq!(s.recheck(0), [check(2, Job::One(0))]);
    }

    /// A scheduler whose verify-all, check 1, runs.
    fn verifying() -> Scheduler {
        let mut s = scheduler();
        assert_eq!(s.want(Job::All), [check(1, Job::All)]);
        s
    }

    #[test]
    fn a_verify_all_is_not_cancelled_and_the_latest_single_check_waits() {
        let mut s = verifying();
        assert_eq!(s.want(Job::One(1)), []);
        assert_eq!(s.saved(2, Content::Hash(5)), []);
        assert!(s.is_current(1));
        s.finished(1);
        assert_eq!(s.settle(None), [check(2, Job::One(2))]);
    }

    #[test]
    fn a_verify_all_cancels_a_single_check_and_covers_later_ones() {
        let mut s = checking();
        assert_eq!(s.want(Job::All), [cancel(1), check(2, Job::All)]);
        s.want(Job::All);
        s.want(Job::One(2));
        s.finished(2);
        assert_eq!(s.settle(None), [check(3, Job::All)]);
    }

    #[test]
    fn solving_the_last_exercise_verifies_all_then_shows_the_final_message() {
        let mut s = checking();
        assert_eq!(s.finished(1), Some(Job::One(0)));
        // The result is taken in: it solved the last exercise.
        assert_eq!(s.last_solved(), [check(2, Job::All)]);
        assert_eq!(s.settle(None), []);
        assert_eq!(s.finished(2), Some(Job::All));
        assert_eq!(s.verified(true), Verified::Final);
    }

    #[test]
    fn a_failing_final_verify_shows_a_summary_and_ends_the_final_round() {
        let mut s = checking();
        s.finished(1);
        s.last_solved();
        s.finished(2);
        assert_eq!(s.verified(false), Verified::Summary);
        s.want(Job::All);
        s.finished(3);
        assert_eq!(s.verified(true), Verified::Summary);
    }

    #[test]
    fn a_verify_all_by_key_is_a_summary_even_when_all_pass() {
        let mut s = scheduler();
        s.want(Job::All);
        s.finished(1);
        assert_eq!(s.verified(true), Verified::Summary);
    }

    #[test]
    fn a_final_verify_and_a_queued_save_never_run_at_once() {
        let mut s = checking();
        s.finished(1);
        assert_eq!(s.last_solved(), [check(2, Job::All)]);
        // A save while it runs waits for the verify-all.
        assert_eq!(s.saved(0, Content::Hash(11)), []);
        assert_eq!(s.settle(None), []);
        assert!(s.is_current(2));
        s.finished(2);
        assert_eq!(s.verified(true), Verified::Final);
        assert_eq!(s.settle(None), [check(3, Job::One(0))]);
    }

    #[test]
    fn ids_go_on_from_an_earlier_screen() {
        let mut s = Scheduler::new(true, 7);
        assert_eq!(s.want(Job::One(0)), [check(8, Job::One(0))]);
        assert_eq!(s.next_id(), 9);
    }

    #[test]
    fn the_next_chapter_is_prepared_when_a_check_leaves_nothing_to_do() {
        let mut s = checking();
        s.finished(1);
        assert_eq!(
            s.settle(Some(target("02_next"))),
            [Command::StartPrebuild {
                generation: 1,
                target: target("02_next")
            }]
        );
        assert!(s.is_current_prebuild(1));
    }

    #[test]
    fn no_background_build_while_a_check_waits() {
        let mut s = verifying();
        s.saved(0, Content::Hash(11));
        s.finished(1);
        assert_eq!(s.settle(Some(target("02_next"))), [check(2, Job::One(0))]);
    }

    #[test]
    fn a_check_stops_the_background_build_and_its_reports_are_ignored() {
        let mut s = checking();
        s.finished(1);
        s.settle(Some(target("02_next")));
        assert_eq!(s.recheck(0), [Command::StopPrebuild, check(2, Job::One(0))]);
        assert!(!s.is_current_prebuild(1));
        assert!(!s.prebuild_finished(1, "02_next"));
        // Not built: prepared again after the check.
        s.finished(2);
        assert_eq!(
            s.settle(Some(target("02_next"))),
            [Command::StartPrebuild {
                generation: 2,
                target: target("02_next")
            }]
        );
    }

    #[test]
    fn a_prepared_chapter_is_not_built_again() {
        let mut s = checking();
        s.finished(1);
        s.settle(Some(target("02_next")));
        assert!(s.prebuild_finished(1, "02_next"));
        assert!(!s.is_current_prebuild(1));
        s.recheck(0);
        s.finished(2);
        assert_eq!(s.settle(Some(target("02_next"))), []);
    }

    #[test]
    fn only_one_background_build_at_a_time() {
        let mut s = checking();
        s.finished(1);
        s.settle(Some(target("02_next")));
        assert_eq!(s.settle(Some(target("03_later"))), []);
    }

    #[test]
    fn no_background_build_when_turned_off() {
        let mut s = Scheduler::new(false, 0);
        s.want(Job::One(0));
        s.finished(1);
        assert_eq!(s.settle(Some(target("02_next"))), []);
    }

    #[test]
    fn the_next_chapter_in_another_package_is_the_one_to_prepare() {
        use rustdrill_engine::testing::{course, exercise};
        let mut course = course();
        let mut second = exercise();
        second.index = 1;
        second.name = "vars1".to_owned();
        second.chapter = Some("01_vars".to_owned());
        second.package = "vars".to_owned();
        course.exercises.push(second.clone());
        assert_eq!(
            prebuild_target(&course, 0),
            Some(PrebuildTarget {
                chapter: "01_vars".to_owned(),
                bin: "vars1".to_owned()
            })
        );
        assert_eq!(prebuild_target(&course, 1), None, "no chapter after it");
        course.exercises[1].package = "intro".to_owned();
        assert_eq!(prebuild_target(&course, 0), None, "built with this one");
        course.exercises[1].package = "vars".to_owned();
        course.layout = Layout::Rustlings;
        assert_eq!(prebuild_target(&course, 0), None);
    }
}
