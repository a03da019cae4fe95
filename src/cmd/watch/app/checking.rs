//! The shell's side of checks and background builds: carries out the
//! scheduler's commands (start a check worker, start or stop the build of
//! the next chapter) and takes in what the workers report — the verdicts
//! are recorded through `rustdrill_engine::progress` and summed up in the panel.

use std::fs;
use std::sync::Arc;

use super::{App, hash};
use crate::cmd::watch::check_worker::{self, Before, CheckFailed, Judged, Report};
use crate::cmd::watch::events::Event;
use crate::cmd::watch::panel::{self, CheckStatus, PanelLine, PrebuildStatus};
use crate::cmd::watch::prebuild::{self, PrebuildReport};
use crate::cmd::watch::scheduler::{self, Command, Job, PrebuildTarget, Verified};
use crate::ui;
use rustdrill_engine::cargo::Cargo;
use rustdrill_engine::progress::{Advance, CheckRecord, Medium};
use rustdrill_engine::supervisor::Cancel;
use rustdrill_engine::verdict::{FileProblem, Verdict, VerdictKind};

impl App {
    /// Does what the scheduler decided.
    pub(super) fn carry_out(&mut self, commands: Vec<Command>) {
        for command in commands {
            match command {
                Command::StartCheck { id, job } => self.start_check(id, job),
                Command::CancelCheck { id } => {
                    if let Some((_, cancel)) = self.check_cancel.take_if(|(c, _)| *c == id) {
                        cancel.cancel();
                    }
                }
                Command::StopPrebuild => self.prebuild.stop(),
                Command::StartPrebuild { generation, target } => {
                    self.start_prebuild(generation, target);
                }
            }
        }
    }

    /// Starts check `id` of `job` on a worker.
    fn start_check(&mut self, id: u64, job: Job) {
        self.prebuild_status = None;
        let course = Arc::clone(&self.course);
        let (selection, before) = match job {
            Job::One(i) => {
                let ex = &course.exercises[i];
                if FileProblem::of(&ex.path).is_none()
                    && let Ok(bytes) = fs::read(&ex.path)
                {
                    self.scheduler.sent(i, hash(&bytes));
                }
                self.check_status = Some(CheckStatus::Checking(ex.name.clone()));
                (vec![ex.clone()], Before::Compute(self.keys.clone()))
            }
            Job::All => {
                // Without cache keys (no rustc?), everything is checked and
                // the check itself says what is wrong.
                let mut keys = self.keys.get(&course);
                self.cached.clear();
                let to_check = match keys.as_mut() {
                    Some(keys) => {
                        let saved =
                            self.progress
                                .reuse_cached(&course, keys, &course.exercises, true);
                        let reuse = self.saved(saved);
                        self.cached = reuse
                            .cached
                            .iter()
                            .map(|(ex, hit)| (ex.index, hit.kind, hit.first_message.clone()))
                            .collect();
                        reuse.to_check
                    }
                    None => course.exercises.clone(),
                };
                self.check_status = Some(CheckStatus::Verifying {
                    total: course.exercises.len(),
                    unchanged: self.cached.len(),
                });
                (to_check, Before::Known(keys))
            }
        };
        if selection.is_empty() {
            self.check_finished(id, Ok(Vec::new()));
            return;
        }
        let tx = self.tx.clone();
        let cancel = Arc::new(Cancel::default());
        self.check_cancel = Some((id, Arc::clone(&cancel)));
        check_worker::spawn(course, selection, before, cancel, move |report| {
            let _ = tx.send(match report {
                Report::Progress(progress) => Event::CheckProgress { id, progress },
                Report::Finished(result) => Event::CheckFinished { id, result },
            });
        });
    }

    pub(super) fn check_finished(&mut self, id: u64, result: Result<Vec<Judged>, CheckFailed>) {
        let Some(job) = self.scheduler.finished(id) else {
            return;
        };
        self.check_cancel = None;
        self.check_status = None;
        match result {
            Err(e) => self.panel = panel::check_failed(&e),
            Ok(judged) => match job {
                Job::One(i) => {
                    if let Some(j) = judged.into_iter().next() {
                        self.judged(i, j.checked.verdict, j.key);
                    }
                }
                Job::All => self.verified(&judged),
            },
        }
        let next_chapter = scheduler::prebuild_target(&self.course, self.viewing);
        let commands = self.scheduler.settle(next_chapter);
        self.carry_out(commands);
    }

    /// One exercise's verdict is in.
    fn judged(&mut self, i: usize, verdict: Verdict, key: Option<String>) {
        let ex = self.course.exercises[i].clone();
        let course = Arc::clone(&self.course);
        // The screen stays on a solved exercise until the learner presses `n`.
        let saved = self.progress.record(
            &course,
            &[CheckRecord {
                exercise: &ex,
                verdict: &verdict,
                key,
            }],
            Advance::Never,
        );
        let after = self.saved(saved).into_iter().next().flatten();
        if i != self.viewing {
            return;
        }
        self.verdict = Some(verdict);
        if let Some(after) = after {
            let progress = &self.progress;
            let track_done = course
                .track_done(&ex, |n| progress.is_done(n))
                .map(|done| ui::track_done(&done));
            self.panel = panel::solved(&ex.name, ui::after_pass(&after, Medium::Watch), track_done);
            if after.next.is_none() {
                self.start_final_verify();
            }
        }
    }

    pub(super) fn start_final_verify(&mut self) {
        self.panel.push(PanelLine::Text(panel::last_one()));
        let commands = self.scheduler.last_solved();
        self.carry_out(commands);
    }

    /// A verify-all is in: record, cache, summarise.
    fn verified(&mut self, judged: &[Judged]) {
        let mut results = std::mem::take(&mut self.cached);
        let course = Arc::clone(&self.course);
        for j in judged {
            let headline =
                rustdrill_engine::sanitize::for_terminal(&ui::headline(&j.checked.verdict), false);
            results.push((j.exercise, j.checked.verdict.kind(), headline));
            if j.exercise == self.viewing {
                self.verdict = Some(j.checked.verdict.clone());
            }
        }
        let records: Vec<CheckRecord> = judged
            .iter()
            .map(|j| CheckRecord {
                exercise: &course.exercises[j.exercise],
                verdict: &j.checked.verdict,
                key: j.key.clone(),
            })
            .collect();
        let saved = self.progress.record(&course, &records, Advance::Never);
        self.saved(saved);
        results.sort_by_key(|r| r.0);
        let failing: Vec<(&str, &str)> = results
            .iter()
            .filter(|r| r.1 != VerdictKind::Pass)
            .map(|(i, _, headline)| (self.names[*i].as_str(), headline.as_str()))
            .collect();
        let total = results.len();
        self.panel = match self.scheduler.verified(failing.is_empty()) {
            Verified::Final => panel::finished_course(total, course.final_message.as_deref()),
            Verified::Summary => panel::verify_summary(total, &failing),
        };
    }

    fn start_prebuild(&mut self, generation: u64, target: PrebuildTarget) {
        let job = prebuild::Job {
            chapter: target.chapter.clone(),
            bin: target.bin,
            cargo: Cargo::for_course(&self.course),
        };
        self.prebuild_status = Some(PrebuildStatus::Preparing(target.chapter));
        let tx = self.tx.clone();
        self.prebuild.start(generation, job, move |report| {
            let _ = tx.send(Event::Prebuild(report));
        });
    }

    pub(super) fn prebuild_report(&mut self, report: PrebuildReport) {
        match report {
            PrebuildReport::Progress {
                generation,
                chapter,
                crates,
            } => {
                if self.scheduler.is_current_prebuild(generation) {
                    self.prebuild_status = Some(PrebuildStatus::Built { chapter, crates });
                }
            }
            PrebuildReport::Finished {
                generation,
                chapter,
            } => {
                if self.scheduler.prebuild_finished(generation, &chapter) {
                    self.prebuild.finished();
                    self.prebuild_status = Some(PrebuildStatus::Ready(chapter));
                }
            }
        }
    }
}
